/**
 * Office admin API (issue 3 item 3), HTTP Basic with an office account:
 *   POST /api/office/enrollment-codes {stationId, ttlHours?} → 201 {code, stationId, expiresAt}
 *   POST /api/office/devices/:id/revoke                       → 200 {deviceId, revokedAt}; 404 unknown device
 *   GET  /api/office/me                                       → 200 {username, displayName}: checks a login (the office UI)
 *   GET  /api/office/metrics, /api/office/metrics/cases         → quality metrics across stations (officeMetrics.ts)
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { mintEnrollmentCode, revokeDevice } from '../../auth/devices'
import { requireOffice } from '../../auth/requireOffice'
import type { OfficeEnv } from '../../auth/requireOffice'
import { errorResponse, fieldErrors, invalidBody, notFound } from '../../errors'
import { storableText, validateBody } from '../../validate'
import { officeMetricsRoutes } from './officeMetrics'

export const mintCodeBodySchema = z.object({
  stationId: storableText().min(1).max(64),
  ttlHours: z.number().positive().max(24 * 7).optional(),
})

/** The :id of a device route: a string the database can compare (a NUL there was a 500). */
const deviceIdParam = storableText().min(1, '设备编号不能为空').max(64, '设备编号过长')

export function officeRoutes(): Hono<OfficeEnv> {
  return new Hono<OfficeEnv>()
    .use(requireOffice())
    .route('/metrics', officeMetricsRoutes())
    .get('/me', async (c) => {
      const account = await c.var.deps.db.selectFrom('office_accounts').select(['username', 'display_name']).where('username', '=', c.var.office.username).executeTakeFirstOrThrow()
      return c.json({ username: account.username, displayName: account.display_name })
    })
    .post('/enrollment-codes', validateBody(mintCodeBodySchema, { maxBytes: 4096 }), async (c) => {
      const { db, now } = c.var.deps
      const body = c.req.valid('json')
      const station = await db.selectFrom('stations').select(['id', 'state']).where('id', '=', body.stationId).executeTakeFirst()
      if (!station)
        return errorResponse(c, 404, 'station-not-found', '找不到该便民服务站')
      if (station.state === 'closed')
        return errorResponse(c, 409, 'station-closed', '该便民服务站已撤销，不能登记新设备')
      const minted = await mintEnrollmentCode(db, station.id, { now: now(), ...(body.ttlHours ? { ttlMs: body.ttlHours * 3600_000 } : {}) })
      c.var.log.info({ stationId: station.id, by: c.var.office.username }, 'enrollment code minted')
      return c.json({ code: minted.code, stationId: minted.stationId, expiresAt: minted.expiresAt.toISOString() }, 201)
    })
    .post('/devices/:id/revoke', async (c) => {
      const { db, now } = c.var.deps
      const deviceId = c.req.param('id')
      const idProblem = deviceIdParam.safeParse(deviceId)
      if (!idProblem.success)
        return invalidBody(c, fieldErrors(idProblem.error).map(f => ({ ...f, path: 'id' })), '设备编号不正确')
      const revoked = await revokeDevice(db, deviceId, now())
      if (!revoked)
        return notFound(c)
      c.var.log.info({ deviceId, by: c.var.office.username }, 'device revoked')
      return c.json({ deviceId, revokedAt: revoked.revokedAt.toISOString() })
    })
}
