/**
 * Station staff for the office (issue 8 item 3, 5.3), mounted at /api/office/stations (office.ts):
 *   GET   /:id/staff                              → 200 RosterAnswer (any role)
 *   POST  /:id/staff {name, mobile, pin, assessmentPassed, role?, assessmentDate?, assessor?} → 201 {id}
 *   PATCH /:id/staff/:staffId {name?, mobile?, role?} → 200 {id}
 *   POST  /:id/staff/:staffId/assessments {date, passed, assessor, notes?} → 201 {id, assessmentPassed, assessmentDate}
 *   POST  /:id/staff/:staffId/trainings {kind, date, hours?, notes?, mentorId?} → 201 {id}
 *   PUT   /:id/staff/:staffId/pin {pin}            → 200 {id}
 *   POST  /:id/staff/:staffId/deactivate | /reactivate → 200 {id, active}
 *   POST  /:id/staff/:staffId/mobile {reason}      → 200 {mobile} (the full number, the reveal audited)
 * Writes are admin only. The PIN verifier is made here (auth/pinVerifier.ts) and reaches tablets by pull,
 * like every staff change (reference revision trigger). Audit details never hold a PIN or a mobile.
 */
import type { Context } from 'hono'
import { Hono } from 'hono'
import { toCivilDate } from '../../../domain/calendar'
import { newEventId } from '../../../domain/events'
import { recordOfficeAudit } from '../../audit/officeAudit'
import { scopedStation, stationNotFound } from '../../auth/officeScope'
import { makePinVerifier } from '../../auth/pinVerifier'
import { requireRole } from '../../auth/requireOffice'
import type { OfficeEnv } from '../../auth/requireOffice'
import { jsonb } from '../../db'
import type { StationRow } from '../../db/referenceSchema'
import { errorResponse, invalidBody } from '../../errors'
import { applyLatestAssessment, stationRoster } from '../../staff/roster'
import type { AssessmentAnswer, MobileRevealAnswer, RosterAnswer, StaffActiveAnswer, StaffWriteAnswer } from '../../../domain/protocol'
import { addStaffBodySchema, assessmentBodySchema, pinBodySchema, revealBodySchema, trainingBodySchema, updateStaffBodySchema } from '../../../domain/protocol'
import { validateBody } from '../../validate'

const SMALL = { maxBytes: 8192 }

type Ctx = Context<OfficeEnv>

function staffNotFound(c: Ctx): Response {
  return errorResponse(c, 404, 'staff-not-found', '找不到该工作人员')
}

/** The station (in scope) and the member (of that station), or the 404 to answer. */
async function scopedMember(c: Ctx): Promise<{ station: StationRow, member: { id: string, name: string, active: boolean, pin_verifier: unknown } } | Response> {
  const { db } = c.var.deps
  const station = await scopedStation(db, c.var.office, c.req.param('id') ?? '')
  if (!station)
    return stationNotFound(c)
  const member = await db.selectFrom('staff').select(['id', 'name', 'active', 'pin_verifier'])
    .where('id', '=', c.req.param('staffId') ?? '').where('station_id', '=', station.id).executeTakeFirst()
  return member ? { station, member } : staffNotFound(c)
}

function audit(station: StationRow, action: string, targetId: string, details: Record<string, unknown> = {}) {
  return { action, targetType: 'staff', targetId, stationId: station.id, divisionCode: station.county_code, details }
}

export function officeStaffRoutes(): Hono<OfficeEnv> {
  return new Hono<OfficeEnv>()
    .get('/:id/staff', async (c) => {
      const { db } = c.var.deps
      const station = await scopedStation(db, c.var.office, c.req.param('id'))
      if (!station)
        return stationNotFound(c)
      return c.json(await stationRoster(db, station.id) satisfies RosterAnswer)
    })
    .post('/:id/staff', requireRole('admin'), validateBody(addStaffBodySchema, SMALL), async (c) => {
      const { db, now } = c.var.deps
      const station = await scopedStation(db, c.var.office, c.req.param('id'))
      if (!station)
        return stationNotFound(c)
      if (station.state === 'closed')
        return errorResponse(c, 409, 'station-closed', '该便民服务站已撤销，不能添加工作人员')
      const body = c.req.valid('json')
      const at = now()
      const id = `staff-${newEventId()}`
      const verifier = await makePinVerifier(body.pin)
      const assessmentDate = body.assessmentDate ?? toCivilDate(at)
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('staff').values({
          id,
          station_id: station.id,
          name: body.name,
          role: body.role ?? 'staff',
          mobile: body.mobile,
          assessment_passed: false,
          assessment_date: null,
          active: true,
          pin_verifier: jsonb(verifier),
        }).execute()
        if (body.assessmentPassed) {
          await trx.insertInto('staff_assessments').values({
            id: newEventId(),
            staff_id: id,
            station_id: station.id,
            assessed_on: assessmentDate,
            passed: true,
            assessor: body.assessor || c.var.office.displayName,
            notes: null,
            recorded_by: c.var.office.username,
            recorded_at: at,
          }).execute()
          await applyLatestAssessment(trx, id)
        }
        await recordOfficeAudit(trx, c.var.office, audit(station, 'staff.created', id, { role: body.role ?? 'staff', assessmentPassed: body.assessmentPassed, pinSet: true }), at)
      })
      c.var.log.info({ staffId: id, stationId: station.id, by: c.var.office.username }, 'staff added')
      return c.json({ id } satisfies StaffWriteAnswer, 201)
    })
    .patch('/:id/staff/:staffId', requireRole('admin'), validateBody(updateStaffBodySchema, SMALL), async (c) => {
      const { db, now } = c.var.deps
      const found = await scopedMember(c)
      if (found instanceof Response)
        return found
      const body = c.req.valid('json')
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('staff').set({
          ...(body.name === undefined ? {} : { name: body.name }),
          ...(body.mobile === undefined ? {} : { mobile: body.mobile }),
          ...(body.role === undefined ? {} : { role: body.role }),
        }).where('id', '=', found.member.id).execute()
        // Which fields changed, not their values: a mobile is personal data.
        await recordOfficeAudit(trx, c.var.office, audit(found.station, 'staff.updated', found.member.id, {
          fields: Object.keys(body),
          ...(body.role === undefined ? {} : { role: body.role }),
        }), now())
      })
      return c.json({ id: found.member.id } satisfies StaffWriteAnswer)
    })
    .post('/:id/staff/:staffId/assessments', requireRole('admin'), validateBody(assessmentBodySchema, SMALL), async (c) => {
      const { db, now } = c.var.deps
      const found = await scopedMember(c)
      if (found instanceof Response)
        return found
      const body = c.req.valid('json')
      const at = now()
      const id = newEventId()
      const latest = await db.transaction().execute(async (trx) => {
        await trx.insertInto('staff_assessments').values({
          id,
          staff_id: found.member.id,
          station_id: found.station.id,
          assessed_on: body.date,
          passed: body.passed,
          assessor: body.assessor,
          notes: body.notes || null,
          recorded_by: c.var.office.username,
          recorded_at: at,
        }).execute()
        const decided = await applyLatestAssessment(trx, found.member.id)
        await recordOfficeAudit(trx, c.var.office, audit(found.station, 'staff.assessed', found.member.id, { assessmentId: id, date: body.date, passed: body.passed, assessmentPassed: decided?.passed ?? null }), at)
        return decided
      })
      return c.json({ id, assessmentPassed: latest?.passed ?? false, assessmentDate: latest?.date ?? null } satisfies AssessmentAnswer, 201)
    })
    .post('/:id/staff/:staffId/trainings', requireRole('admin'), validateBody(trainingBodySchema, SMALL), async (c) => {
      const { db, now } = c.var.deps
      const found = await scopedMember(c)
      if (found instanceof Response)
        return found
      const body = c.req.valid('json')
      if (body.mentorId !== undefined) {
        if (body.mentorId === found.member.id)
          return invalidBody(c, [{ path: 'mentorId', message: '帮扶人不能是本人' }])
        // A mentor may work at another station, but only one the office can see.
        const mentor = await db.selectFrom('staff').innerJoin('stations', 'stations.id', 'staff.station_id')
          .select(['staff.id']).where('staff.id', '=', body.mentorId)
          .where('stations.county_code', 'like', `${c.var.office.divisionCode}%`).executeTakeFirst()
        if (!mentor)
          return invalidBody(c, [{ path: 'mentorId', message: '找不到该帮扶人' }])
      }
      const at = now()
      const id = newEventId()
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('staff_trainings').values({
          id,
          staff_id: found.member.id,
          station_id: found.station.id,
          kind: body.kind,
          trained_on: body.date,
          hours: body.hours ?? null,
          notes: body.notes || null,
          mentor_id: body.mentorId ?? null,
          recorded_by: c.var.office.username,
          recorded_at: at,
        }).execute()
        await recordOfficeAudit(trx, c.var.office, audit(found.station, 'staff.trained', found.member.id, { trainingId: id, kind: body.kind, date: body.date, mentorId: body.mentorId ?? null }), at)
      })
      return c.json({ id } satisfies StaffWriteAnswer, 201)
    })
    .put('/:id/staff/:staffId/pin', requireRole('admin'), validateBody(pinBodySchema, SMALL), async (c) => {
      const { db, now } = c.var.deps
      const found = await scopedMember(c)
      if (found instanceof Response)
        return found
      const verifier = await makePinVerifier(c.req.valid('json').pin)
      const action = found.member.pin_verifier === null ? 'staff.pinSet' : 'staff.pinReset'
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('staff').set({ pin_verifier: jsonb(verifier) }).where('id', '=', found.member.id).execute()
        await recordOfficeAudit(trx, c.var.office, audit(found.station, action, found.member.id), now())
      })
      return c.json({ id: found.member.id } satisfies StaffWriteAnswer)
    })
    .post('/:id/staff/:staffId/deactivate', requireRole('admin'), c => setActive(c, false))
    .post('/:id/staff/:staffId/reactivate', requireRole('admin'), c => setActive(c, true))
    .post('/:id/staff/:staffId/mobile', requireRole('admin'), validateBody(revealBodySchema, SMALL), async (c) => {
      const { db, now } = c.var.deps
      const found = await scopedMember(c)
      if (found instanceof Response)
        return found
      const row = await db.selectFrom('staff').select('mobile').where('id', '=', found.member.id).executeTakeFirstOrThrow()
      // DOMAIN.md: revealing a full value needs a reason and is recorded (who, when, which record, why).
      await recordOfficeAudit(db, c.var.office, audit(found.station, 'staff.mobileRevealed', found.member.id, { reason: c.req.valid('json').reason }), now())
      return c.json({ mobile: row.mobile } satisfies MobileRevealAnswer)
    })
}

async function setActive(c: Ctx, active: boolean): Promise<Response> {
  const { db, now } = c.var.deps
  const found = await scopedMember(c)
  if (found instanceof Response)
    return found
  if (found.member.active !== active) {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('staff').set({ active }).where('id', '=', found.member.id).execute()
      await recordOfficeAudit(trx, c.var.office, audit(found.station, active ? 'staff.reactivated' : 'staff.deactivated', found.member.id), now())
    })
  }
  return c.json({ id: found.member.id, active } satisfies StaffActiveAnswer)
}
