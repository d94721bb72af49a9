/**
 * The sync calls of DESIGN §4, device-authenticated:
 *
 *   POST /api/sync/push  {protocol: 1, appVersion, events, sentAt?, relay?, unsent?}
 *     → {results: [{id, status: 'applied'|'duplicate'|'rejected', reason?}], serverTime}
 *     An event that is invalid, or that the database cannot store, is `rejected` with its reason and the
 *     rest of the batch is applied (sync/push.ts); a 500 left is logged with the batch's event ids.
 *     400 malformed body (field errors) · 413 over 2 MB or over 1000 events
 *     426 {error: 'version-not-supported', minAppVersion} when appVersion < the minAppVersion setting
 *     `sentAt` (optional, the device clock when sending) lets the server record the device's clock offset.
 *     `relay` (optional, default false): the events come from another tablet of the station (an imported
 *     export file) and may name any device ever enrolled at the token's station (sync/push.ts).
 *     `unsent` (optional): the tablet's outbox size when sending, this batch included; the office sees
 *     what is left (unsent − answered) in its device list.
 *
 *   GET /api/sync/pull?cursor=<seq>&limit=<n≤2000>&refRevision=<r>&unsent=<n>
 *     → {events, reference, cursor, more, serverTime}
 *     `refRevision` (optional, default 0) is the `reference.revision` the tablet already holds;
 *     `reference` then carries only rows changed after it (see sync/reference.ts).
 *     `unsent` (optional): the tablet's outbox size at this pull, shown in the office's device list.
 */
import { Hono } from 'hono'
import { requireDevice } from '../../auth/requireDevice'
import type { DeviceEnv } from '../../auth/requireDevice'
import { errorResponse, fieldErrors, invalidBody } from '../../errors'
import { pullEvents } from '../../sync/pull'
import { pushEvents } from '../../sync/push'
import { readSetting, referenceChangesSince } from '../../sync/reference'
import { isOlderVersion } from '../../sync/appVersion'
import type { PushAnswer, ServerPullAnswer } from '../../../domain/protocol'
import { MAX_PUSH_BYTES, MAX_PUSH_EVENTS, pullQuerySchema, pushRequestSchema } from '../../../domain/protocol'
import { validateBody } from '../../validate'

/** DESIGN §4: an offset over this is shown to staff; the server logs it too. */
const CLOCK_OFFSET_WARN_MS = 5 * 60 * 1000

export function syncRoutes(): Hono<DeviceEnv> {
  return new Hono<DeviceEnv>()
    .use(requireDevice({ stamp: 'deferred' }))
    .post('/push', validateBody(pushRequestSchema, { maxBytes: MAX_PUSH_BYTES }), async (c) => {
      const { db, now } = c.var.deps
      const device = c.var.device
      const body = c.req.valid('json')
      if (body.events.length > MAX_PUSH_EVENTS)
        return errorResponse(c, 413, 'too-many-events', `一次最多上传 ${MAX_PUSH_EVENTS} 条记录`, { limit: MAX_PUSH_EVENTS })

      const minAppVersion = await readSetting(db, 'minAppVersion')
      if (typeof minAppVersion === 'string' && isOlderVersion(body.appVersion, minAppVersion))
        return errorResponse(c, 426, 'version-not-supported', `应用版本过旧（${body.appVersion}），请更新到 ${minAppVersion} 或以上；未上传的记录会保留在本机`, { minAppVersion })

      const receivedAt = now()
      const seen = c.var.deviceSeen
      let serverTime = receivedAt
      let clockOffsetMs: number | null = null
      let results: PushAnswer['results']
      try {
        // The device row records the push in the push's own transaction (issue 12 item 2: one commit a push).
        results = await pushEvents(db, device, body.events, receivedAt, {
          relay: body.relay === true,
          beforeCommit: async (trx, answered) => {
            serverTime = now()
            clockOffsetMs = body.sentAt ? serverTime.getTime() - Date.parse(body.sentAt) : null
            // `unsent` counts this batch too: every event of it is answered, so it leaves the outbox.
            const unsentAfter = body.unsent === undefined ? null : Math.max(0, body.unsent - answered.length)
            await trx.updateTable('devices')
              .set({
                last_seen_at: seen.at,
                app_version: body.appVersion,
                last_push_at: serverTime,
                ...(clockOffsetMs === null ? {} : { last_clock_offset_ms: clockOffsetMs }),
                ...(unsentAfter === null ? {} : { reported_unsent: unsentAfter, unsent_reported_at: serverTime }),
              })
              .where('id', '=', device.deviceId)
              .execute()
          },
        })
        seen.stamped = true
      }
      catch (err) {
        // Issue 10 item 1: a 500 that still happens names the batch, so the poison event can be found.
        c.var.log.error({ err, deviceId: device.deviceId, eventIds: body.events.map(e => e.id) }, 'push failed')
        throw err
      }

      const counts = { applied: 0, duplicate: 0, rejected: 0 }
      for (const r of results)
        counts[r.status]++
      c.var.log.info({ deviceId: device.deviceId, ...counts, clockOffsetMs, ...(body.relay ? { relay: true } : {}) }, 'push')
      if (clockOffsetMs !== null && Math.abs(clockOffsetMs) > CLOCK_OFFSET_WARN_MS)
        c.var.log.warn({ deviceId: device.deviceId, clockOffsetMs }, 'device clock is off')

      return c.json({ results, serverTime: serverTime.toISOString() } satisfies PushAnswer)
    })
    .get('/pull', async (c) => {
      const { db, now } = c.var.deps
      const device = c.var.device
      const query = pullQuerySchema.safeParse(c.req.query())
      if (!query.success)
        return invalidBody(c, fieldErrors(query.error), '查询参数不正确')
      const { cursor, limit, refRevision, unsent } = query.data
      const page = await pullEvents(db, device.stationId, cursor, limit)
      const reference = await referenceChangesSince(db, device.stationId, refRevision)
      const serverTime = now()
      c.var.deviceSeen.stamped = true
      await db.updateTable('devices')
        .set({ last_seen_at: c.var.deviceSeen.at, last_pull_at: serverTime, ...(unsent === undefined ? {} : { reported_unsent: unsent, unsent_reported_at: serverTime }) })
        .where('id', '=', device.deviceId)
        .execute()
      return c.json({ ...page, reference, serverTime: serverTime.toISOString() } satisfies ServerPullAnswer)
    })
}
