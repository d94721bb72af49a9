/**
 * Office admin API (issue 3 item 3, issue 8), behind an office session (requireOffice.ts):
 *   POST   /api/office/session, DELETE /api/office/session   → sign in / out (officeSession.ts)
 *   GET    /api/office/me                                     → 200 {username, displayName, role, divisionCode}
 *   POST   /api/office/enrollment-codes {stationId, ttlHours?} → 201 {code, stationId, expiresAt}   (admin)
 *   POST   /api/office/devices/:id/revoke                     → 200 {deviceId, revokedAt}; 404 unknown (admin)
 *   GET    /api/office/metrics, /api/office/metrics/cases      → quality metrics of the office's stations (any role)
 *   /api/office/catalog…                                      → the service-item catalog (officeCatalog.ts)
 *   /api/office/personal/reveal (admin, reviewer) → officePersonalReveal.ts
 *   /api/office/accounts…, /api/office/audit (admin), /api/office/inspections, /api/office/stations/:id/inspections → officeAccounts.ts, officeAudit.ts, officeInspections.ts
 *   /api/office/stations/:id/staff…                           → staff roster and records (officeStaff.ts)
 *   GET    /api/office/stations/:id/devices                   → the station's tablets (officeDevices.ts)
 *   GET    /api/office/calendar-years (any role), POST (admin)   → holiday schedules (officeCalendar.ts)
 *   /api/office/stations, /api/office/applications             → station lifecycle (officeStations.ts, officeApplications.ts)
 *   /api/office/follow-ups, /api/office/complaints, /api/office/settings/follow-ups → call-backs and complaints (officeFollowUps.ts)
 * Stations outside the office's division answer 404, as if they did not exist.
 */
import { Hono } from 'hono'
import type { MintCodeAnswer, OfficeMeAnswer, RevokeDeviceAnswer } from '../../../domain/protocol'
import { mintCodeRequestSchema } from '../../../domain/protocol'
import { recordOfficeAudit } from '../../audit/officeAudit'
import { addPersonalRevealRoute } from './officePersonalReveal'
import { mintEnrollmentCode, revokeDevice } from '../../auth/devices'
import { scopedStation, stationNotFound } from '../../auth/officeScope'
import { requireOffice, requireRole } from '../../auth/requireOffice'
import type { OfficeEnv } from '../../auth/requireOffice'
import { errorResponse, fieldErrors, invalidBody, notFound } from '../../errors'
import { storableText, validateBody } from '../../validate'
import { officeCatalogRoutes } from './officeCatalog'
import { officeAccountRoutes } from './officeAccounts'
import { officeAuditRoutes } from './officeAudit'
import { officeInspectionRoutes } from './officeInspections'
import { officeRectificationRoutes } from './officeRectifications'
import { officeFollowUpRoutes } from './officeFollowUps'
import { officeDeviceRoutes } from './officeDevices'
import { officeCalendarRoutes } from './officeCalendar'
import { officeMetricsRoutes } from './officeMetrics'
import { officeSessionRoutes } from './officeSession'
import { officeStaffRoutes } from './officeStaff'
import { officeApplicationRoutes } from './officeApplications'
import { officeStationRoutes } from './officeStations'

/** The :id of a device route: a string the database can compare (a NUL there was a 500). */
const deviceIdParam = storableText().min(1, '设备编号不能为空').max(64, '设备编号过长')

export function officeRoutes(): Hono<OfficeEnv> {
  const router = new Hono<OfficeEnv>()
    // Before requireOffice: signing in needs no session.
    .route('/session', officeSessionRoutes())
    .use(requireOffice())
    .route('/metrics', officeMetricsRoutes())
    .route('/catalog', officeCatalogRoutes())
    .route('/accounts', officeAccountRoutes())
    .route('/audit', officeAuditRoutes())
    .route('/', officeInspectionRoutes())
    .route('/', officeRectificationRoutes())
    .route('/', officeFollowUpRoutes())
    .route('/stations', officeStaffRoutes())
    .route('/stations', officeDeviceRoutes())
    .route('/calendar-years', officeCalendarRoutes())
    .route('/stations', officeStationRoutes())
    .route('/applications', officeApplicationRoutes())
  addPersonalRevealRoute(router)
  return router
    .get('/me', (c) => {
      const { username, displayName, role, divisionCode } = c.var.office
      return c.json({ username, displayName, role, divisionCode } satisfies OfficeMeAnswer)
    })
    .post('/enrollment-codes', requireRole('admin'), validateBody(mintCodeRequestSchema, { maxBytes: 4096 }), async (c) => {
      const { db, now } = c.var.deps
      const body = c.req.valid('json')
      const station = await scopedStation(db, c.var.office, body.stationId)
      if (!station)
        return stationNotFound(c)
      if (station.state === 'closed')
        return errorResponse(c, 409, 'station-closed', '该便民服务站已撤销，不能登记新设备')
      const minted = await mintEnrollmentCode(db, station.id, { now: now(), ...(body.ttlHours ? { ttlMs: body.ttlHours * 3600_000 } : {}) })
      await recordOfficeAudit(db, c.var.office, { action: 'device.codeMinted', targetType: 'station', targetId: station.id, stationId: station.id, divisionCode: station.county_code, details: { expiresAt: minted.expiresAt.toISOString() } }, now())
      c.var.log.info({ stationId: station.id, by: c.var.office.username }, 'enrollment code minted')
      return c.json({ code: minted.code, stationId: minted.stationId, expiresAt: minted.expiresAt.toISOString() } satisfies MintCodeAnswer, 201)
    })
    .post('/devices/:id/revoke', requireRole('admin'), async (c) => {
      const { db, now } = c.var.deps
      const deviceId = c.req.param('id')
      const idProblem = deviceIdParam.safeParse(deviceId)
      if (!idProblem.success)
        return invalidBody(c, fieldErrors(idProblem.error).map(f => ({ ...f, path: 'id' })), '设备编号不正确')
      const device = await db.selectFrom('devices').select(['id', 'station_id']).where('id', '=', deviceId).executeTakeFirst()
      const station = device ? await scopedStation(db, c.var.office, device.station_id) : null
      if (!device || !station)
        return notFound(c)
      const revoked = await revokeDevice(db, deviceId, now())
      if (!revoked)
        return notFound(c)
      await recordOfficeAudit(db, c.var.office, { action: 'device.revoked', targetType: 'device', targetId: deviceId, stationId: station.id, divisionCode: station.county_code }, now())
      c.var.log.info({ deviceId, by: c.var.office.username }, 'device revoked')
      return c.json({ deviceId, revokedAt: revoked.revokedAt.toISOString() } satisfies RevokeDeviceAnswer)
    })
}
