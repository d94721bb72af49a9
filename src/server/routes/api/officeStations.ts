/**
 * Stations for the office (issue 8 item 2), mounted at /api/office/stations behind an office session:
 *   GET  /api/office/stations?state=&search=&countyCode=&hostType=  → 200 {stations: [...]} (any role)
 *   GET  /api/office/stations/:id   → 200 {station, applications, devices} (any role)
 *   POST /api/office/stations {name, divisionCode, address, hostType, …} → 201 {id, code, applicationId} (admin)
 *        The station starts 申请中 ('applying') with its Annex A application (5.4.1.1: opened after review).
 *   PUT  /api/office/stations/:id/booking {slotMinutes, slotCapacity} → 200 {station} (admin): 6.3.1 booking settings.
 *   POST /api/office/stations/:id/devices/revoke-remaining → 200 {revoked: [deviceId]} (admin): a closed
 *        station's tablets revoked now, without waiting for their last sync.
 * Stations outside the office's division answer 404.
 */
import { randomUUID } from 'node:crypto'
import type { Context } from 'hono'
import { Hono } from 'hono'
import { z } from 'zod'
import type { RevokeRemainingAnswer, StationAnswer, StationCreatedAnswer, StationListAnswer, OfficeStationDetail } from '../../../domain/protocol'
import { bookingSettingsBodySchema, createStationBodySchema, stationListQuerySchema } from '../../../domain/protocol'
import { recordOfficeAudit } from '../../audit/officeAudit'
import { inDivision, scopedStation, stationNotFound, whereStationInScope } from '../../auth/officeScope'
import { requireRole } from '../../auth/requireOffice'
import type { OfficeEnv } from '../../auth/requireOffice'
import { jsonb } from '../../db'
import { errorResponse, fieldErrors } from '../../errors'
import { createApplication } from '../../stations/applications'
import { closureDevices, revokeRemainingDevices } from '../../stations/closure'
import { allocateStationCode } from '../../stations/stationCode'
import { applicationView, stationView } from '../../stations/views'
import { validateBody } from '../../validate'

const zhCN = z.locales.zhCN().localeError
const DEFAULT_OPENING_HOURS = [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '17:00' }]

function invalidQuery(c: Context, error: z.ZodError): Response {
  return errorResponse(c, 400, 'invalid-query', '查询参数不正确', { fields: fieldErrors(error) })
}

export function officeStationRoutes(): Hono<OfficeEnv> {
  return new Hono<OfficeEnv>()
    .get('/', async (c) => {
      const parsed = stationListQuerySchema.safeParse(c.req.query(), { error: zhCN })
      if (!parsed.success)
        return invalidQuery(c, parsed.error)
      const { state, search, countyCode, hostType } = parsed.data
      let q = whereStationInScope(c.var.deps.db.selectFrom('stations').selectAll('stations'), c.var.office)
        .select(eb => [
          eb.selectFrom('staff').select(eb.fn.countAll<number | string>().as('n'))
            .whereRef('staff.station_id', '=', 'stations.id').where('staff.active', '=', true).as('staff_count'),
          eb.selectFrom('station_applications').select('station_applications.kind')
            .whereRef('station_applications.station_id', '=', 'stations.id').where('station_applications.status', '=', 'submitted').limit(1).as('pending_kind'),
        ])
      if (state)
        q = q.where('stations.state', '=', state)
      if (countyCode)
        q = q.where('stations.county_code', '=', countyCode)
      if (hostType)
        q = q.where('stations.host_type', '=', hostType)
      if (search) {
        const like = `%${search.replace(/[\\%_]/g, m => `\\${m}`)}%`
        q = q.where(eb => eb.or([eb('stations.name', 'ilike', like), eb('stations.code', 'ilike', like), eb('stations.address', 'ilike', like), eb('stations.host_unit', 'ilike', like)]))
      }
      const rows = await q.orderBy('stations.county_code').orderBy('stations.code').execute()
      return c.json({
        stations: rows.map(r => ({ ...stationView(r), staffCount: Number(r.staff_count ?? 0) /* postgres.js counts are strings */, pendingApplication: r.pending_kind ?? null })),
      } satisfies StationListAnswer)
    })
    .get('/:id', async (c) => {
      const { db } = c.var.deps
      const station = await scopedStation(db, c.var.office, c.req.param('id'))
      if (!station)
        return stationNotFound(c)
      const applications = await db.selectFrom('station_applications').selectAll()
        .where('station_id', '=', station.id).orderBy('created_at', 'desc').execute()
      const closing = applications.find(a => a.kind === 'close' && (a.status === 'approved' || a.status === 'submitted'))
      const since = closing ? new Date(closing.reviewed_at ?? closing.submitted_at ?? c.var.deps.now()) : null
      return c.json({
        station: stationView(station),
        applications: applications.map(a => applicationView(a, station)),
        devices: await closureDevices(db, station.id, since),
      } satisfies OfficeStationDetail)
    })
    .post('/', requireRole('admin'), validateBody(createStationBodySchema, { maxBytes: 16 * 1024 }), async (c) => {
      const { db, now } = c.var.deps
      const body = c.req.valid('json')
      if (!inDivision(c.var.office, body.divisionCode))
        return errorResponse(c, 404, 'division-not-found', '该县（市、区）不在本机构的管辖范围内')
      const at = now()
      const hostUnit = body.hostUnit ?? body.name
      const created = await db.transaction().execute(async (trx) => {
        const id = `st-${randomUUID()}`
        const code = await allocateStationCode(trx, body.divisionCode)
        await trx.insertInto('stations').values({
          id,
          code,
          name: body.name,
          host_type: body.hostType,
          host_unit: hostUnit,
          address: body.address,
          county_code: body.divisionCode,
          windows: body.windows ?? 1,
          opening_hours: jsonb(DEFAULT_OPENING_HOURS),
          tier: body.tier ?? 'basic',
          latitude: body.latitude ?? null,
          longitude: body.longitude ?? null,
          contact_phone: body.contactPhone ?? null,
          functions: body.functions || null,
          state: 'applying',
        }).execute()
        const station = await trx.selectFrom('stations').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
        const a = body.application ?? {}
        const fields = {
          applicantUnit: a.applicantUnit ?? hostUnit,
          ...(body.contactPhone ? { contactPhone: body.contactPhone } : {}),
          countyCode: body.divisionCode,
          site: body.address,
          ...(a.conditions ? { conditions: a.conditions } : {}),
          ...(a.remarks ? { remarks: a.remarks } : {}),
        }
        const applicationId = await createApplication(trx, { kind: 'open', station, fields, draftedBy: { type: 'office', by: c.var.office.username }, submit: body.submit ?? true }, at)
        await recordOfficeAudit(trx, c.var.office, { action: 'station.created', targetType: 'station', targetId: id, stationId: id, divisionCode: body.divisionCode, details: { code, name: body.name, hostType: body.hostType, applicationId } }, at)
        return { id, code, applicationId } satisfies StationCreatedAnswer
      })
      c.var.log.info({ stationId: created.id, by: c.var.office.username }, 'station created')
      return c.json(created, 201)
    })
    // 6.3.1 (issue 9 item 1): the booking settings, pulled by the station's tablets as reference data.
    .put('/:id/booking', requireRole('admin'), validateBody(bookingSettingsBodySchema, { maxBytes: 1024 }), async (c) => {
      const { db, now } = c.var.deps
      const station = await scopedStation(db, c.var.office, c.req.param('id'))
      if (!station)
        return stationNotFound(c)
      const body = c.req.valid('json')
      const updated = await db.transaction().execute(async (trx) => {
        const row = await trx.updateTable('stations')
          .set({ booking_slot_minutes: body.slotMinutes, booking_slot_capacity: body.slotCapacity })
          .where('id', '=', station.id).returningAll().executeTakeFirstOrThrow()
        await recordOfficeAudit(trx, c.var.office, { action: 'station.bookingSettings', targetType: 'station', targetId: station.id, stationId: station.id, divisionCode: station.county_code, details: { ...body } }, now())
        return row
      })
      return c.json({ station: stationView(updated) } satisfies StationAnswer)
    })
    .post('/:id/devices/revoke-remaining', requireRole('admin'), async (c) => {
      const { db, now } = c.var.deps
      const station = await scopedStation(db, c.var.office, c.req.param('id'))
      if (!station)
        return stationNotFound(c)
      if (station.state !== 'closed')
        return errorResponse(c, 409, 'station-not-closed', '便民服务站尚未撤销，设备不能按撤销停用')
      const at = now()
      const revoked = await db.transaction().execute(async (trx) => {
        const ids = await revokeRemainingDevices(trx, station.id, at)
        await recordOfficeAudit(trx, c.var.office, { action: 'station.devicesRevoked', targetType: 'station', targetId: station.id, stationId: station.id, divisionCode: station.county_code, details: { devices: ids, beforeLastSync: true } }, at)
        return ids
      })
      return c.json({ revoked } satisfies RevokeRemainingAnswer)
    })
}
