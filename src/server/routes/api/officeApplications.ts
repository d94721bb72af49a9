/**
 * Station applications for the office (issue 8 item 2; 5.4.1, Annexes A–C), at /api/office/applications:
 *   GET  /                       ?status=&kind=&stationId=  → 200 {applications: [...]} (any role)
 *   GET  /:id                    → 200 {application, station, devices} (any role; devices carry the C warning)
 *   POST / {kind, stationId, fields, submit?} → 201 {id} (admin): an office-drafted application
 *   POST /:id/submit             → 200 {application} (admin): a draft submitted
 *   POST /:id/review {decision, opinion, date} → 200 {application, stationState, devices} (reviewer, admin)
 * 409 when the station's state does not allow the step; applications of stations outside the division: 404.
 */
import type { Context } from 'hono'
import { Hono } from 'hono'
import { z } from 'zod'
import { newEventId } from '../../../domain/events'
import type { ChangeApplicationFields } from '../../../domain/stationApplication'
import { applicationFieldSchemas, STATION_APPLICATION_REVIEWED, STATION_APPLICATION_STREAM_KIND } from '../../../domain/stationApplication'
import type { ApplicationAnswer, ApplicationCreatedAnswer, ApplicationDetailAnswer, ApplicationListAnswer } from '../../../domain/protocol'
import { applicationListQuerySchema, newApplicationBodySchema, reviewBodySchema } from '../../../domain/protocol'
import { recordOfficeAudit } from '../../audit/officeAudit'
import type { OfficeUser } from '../../auth/officeSessions'
import { inDivision, scopedStation, stationNotFound, whereStationInScope } from '../../auth/officeScope'
import { requireRole } from '../../auth/requireOffice'
import type { OfficeEnv } from '../../auth/requireOffice'
import type { Database } from '../../db'
import type { StationApplicationRow } from '../../db/applicationSchema'
import type { StationRow } from '../../db/referenceSchema'
import { errorResponse, fieldErrors, invalidBody } from '../../errors'
import { ApplicationStepError, applicationFailureMessages, createApplication, reviewApplication, submitApplication } from '../../stations/applications'
import { closureDevices } from '../../stations/closure'
import { applicationView } from '../../stations/views'
import { appendServerEvent, lockStation } from '../../sync/serverEvents'
import { validateBody } from '../../validate'
import type { Kysely } from 'kysely'

const zhCN = z.locales.zhCN().localeError

/** The deviceId of the review events the server records for a tablet's application (serverEvents.ts). */
export const OFFICE_REVIEW_DEVICE = 'server:office-review'

function applicationNotFound(c: Context): Response {
  return errorResponse(c, 404, 'application-not-found', '找不到该申请')
}

function stepFailed(c: Context, error: unknown): Response {
  if (error instanceof ApplicationStepError)
    return errorResponse(c, 409, error.reason, applicationFailureMessages[error.reason])
  throw error
}

/** The application and its station when the station lies in the office's division. */
async function scopedApplication(db: Kysely<Database>, office: OfficeUser, id: string): Promise<{ application: StationApplicationRow, station: StationRow } | null> {
  const application = await db.selectFrom('station_applications').selectAll().where('id', '=', id).executeTakeFirst()
  const station = application ? await scopedStation(db, office, application.station_id) : null
  return application && station ? { application, station } : null
}

export function officeApplicationRoutes(): Hono<OfficeEnv> {
  return new Hono<OfficeEnv>()
    .get('/', async (c) => {
      const parsed = applicationListQuerySchema.safeParse(c.req.query(), { error: zhCN })
      if (!parsed.success)
        return errorResponse(c, 400, 'invalid-query', '查询参数不正确', { fields: fieldErrors(parsed.error) })
      const { status, kind, stationId } = parsed.data
      let q = whereStationInScope(c.var.deps.db.selectFrom('stations'), c.var.office)
        .innerJoin('station_applications as a', 'a.station_id', 'stations.id')
        .selectAll('a').select(['stations.name', 'stations.code', 'stations.county_code'])
      if (status)
        q = q.where('a.status', '=', status)
      if (kind)
        q = q.where('a.kind', '=', kind)
      if (stationId)
        q = q.where('a.station_id', '=', stationId)
      const rows = await q.orderBy('a.submitted_at', 'desc').orderBy('a.created_at', 'desc').limit(500).execute()
      return c.json({ applications: rows.map(r => applicationView(r, r)) } satisfies ApplicationListAnswer)
    })
    .get('/:id', async (c) => {
      const { db, now } = c.var.deps
      const found = await scopedApplication(db, c.var.office, c.req.param('id'))
      if (!found)
        return applicationNotFound(c)
      const { application, station } = found
      // As the station page (officeStations.ts): heard from since the approval, or since the closing was submitted.
      const since = application.kind === 'close' ? new Date(application.reviewed_at ?? application.submitted_at ?? now()) : null
      return c.json({
        application: applicationView(application, station),
        stationState: station.state,
        devices: application.kind === 'close' ? await closureDevices(db, station.id, since) : [],
      } satisfies ApplicationDetailAnswer)
    })
    .post('/', requireRole('admin'), validateBody(newApplicationBodySchema, { maxBytes: 32 * 1024 }), async (c) => {
      const { db, now } = c.var.deps
      const body = c.req.valid('json')
      const station = await scopedStation(db, c.var.office, body.stationId)
      if (!station)
        return stationNotFound(c)
      const fields = applicationFieldSchemas[body.kind].parse(body.fields) as Record<string, unknown>
      const after = body.kind === 'change' ? (fields as ChangeApplicationFields).after : null
      if (after && !inDivision(c.var.office, after.countyCode))
        return invalidBody(c, [{ path: 'fields.after.countyCode', message: '变更后的县（市、区）不在本机构的管辖范围内' }])
      const at = now()
      try {
        const id = await db.transaction().execute(async (trx) => {
          const created = await createApplication(trx, { kind: body.kind, station, fields, draftedBy: { type: 'office', by: c.var.office.username }, submit: body.submit ?? false }, at)
          await recordOfficeAudit(trx, c.var.office, { action: body.submit ? 'application.submitted' : 'application.drafted', targetType: 'application', targetId: created, stationId: station.id, divisionCode: station.county_code, details: { kind: body.kind } }, at)
          return created
        })
        return c.json({ id } satisfies ApplicationCreatedAnswer, 201)
      }
      catch (error) {
        return stepFailed(c, error)
      }
    })
    .post('/:id/submit', requireRole('admin'), async (c) => {
      const { db, now } = c.var.deps
      const found = await scopedApplication(db, c.var.office, c.req.param('id'))
      if (!found)
        return applicationNotFound(c)
      const at = now()
      try {
        await db.transaction().execute(async (trx) => {
          await submitApplication(trx, found.application, found.station, at)
          await recordOfficeAudit(trx, c.var.office, { action: 'application.submitted', targetType: 'application', targetId: found.application.id, stationId: found.station.id, divisionCode: found.station.county_code, details: { kind: found.application.kind } }, at)
        })
      }
      catch (error) {
        return stepFailed(c, error)
      }
      const application = await db.selectFrom('station_applications').selectAll().where('id', '=', found.application.id).executeTakeFirstOrThrow()
      return c.json({ application: applicationView(application, found.station) } satisfies ApplicationAnswer)
    })
    .post('/:id/review', requireRole('admin', 'reviewer'), validateBody(reviewBodySchema, { maxBytes: 8 * 1024 }), async (c) => {
      const { db, now } = c.var.deps
      const body = c.req.valid('json')
      const found = await scopedApplication(db, c.var.office, c.req.param('id'))
      if (!found)
        return applicationNotFound(c)
      const { application, station } = found
      if (application.kind === 'change' && body.decision === 'approved') {
        const after = (application.fields as ChangeApplicationFields).after
        if (!inDivision(c.var.office, after.countyCode))
          return errorResponse(c, 409, 'state-conflict', '变更后的县（市、区）不在本机构的管辖范围内，不能批准')
      }
      const at = now()
      try {
        const stationState = await db.transaction().execute(async (trx) => {
          const fromTablet = application.drafted_by_type === 'device'
          // The station's event lock first, as a push takes it (before any station row): no deadlock.
          if (fromTablet)
            await lockStation(trx, station.id)
          const state = await reviewApplication(trx, application, station, { ...body, reviewer: c.var.office.username }, at)
          // The tablet learns the decision by pull: an event on its application's stream.
          if (fromTablet) {
            await appendServerEvent(trx, {
              id: newEventId(),
              stream: `${STATION_APPLICATION_STREAM_KIND}:${application.id}`,
              type: STATION_APPLICATION_REVIEWED,
              v: 1,
              payload: { decision: body.decision, opinion: body.opinion, date: body.date },
              stationId: station.id,
              deviceId: OFFICE_REVIEW_DEVICE,
              staffId: null,
              occurredAt: at.toISOString(),
            }, at)
          }
          await recordOfficeAudit(trx, c.var.office, { action: `application.${body.decision}`, targetType: 'application', targetId: application.id, stationId: station.id, divisionCode: station.county_code, details: { kind: application.kind, date: body.date, stationState: state } }, at)
          return state
        })
        const reviewed = await db.selectFrom('station_applications').selectAll().where('id', '=', application.id).executeTakeFirstOrThrow()
        c.var.log.info({ applicationId: application.id, decision: body.decision, by: c.var.office.username }, 'application reviewed')
        return c.json({
          application: applicationView(reviewed, station),
          stationState,
          devices: application.kind === 'close' ? await closureDevices(db, station.id, at) : [],
        } satisfies ApplicationDetailAnswer)
      }
      catch (error) {
        return stepFailed(c, error)
      }
    })
}
