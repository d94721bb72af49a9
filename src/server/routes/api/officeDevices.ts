/**
 * A station's tablets for the office (issue 8 item 5), mounted at /api/office/stations (office.ts):
 *   GET /:id/devices → 200 DeviceListAnswer (domain/protocol/office.ts) (any role; newest enrollment first)
 * Minting a code (POST /api/office/enrollment-codes) and revoking (POST /api/office/devices/:id/revoke)
 * are in office.ts.
 */
import { Hono } from 'hono'
import { scopedStation, stationNotFound } from '../../auth/officeScope'
import type { OfficeEnv } from '../../auth/requireOffice'
import type { DeviceListAnswer } from '../../../domain/protocol'

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null)

export function officeDeviceRoutes(): Hono<OfficeEnv> {
  return new Hono<OfficeEnv>()
    .get('/:id/devices', async (c) => {
      const { db } = c.var.deps
      const station = await scopedStation(db, c.var.office, c.req.param('id'))
      if (!station)
        return stationNotFound(c)
      const rows = await db.selectFrom('devices')
        .select(['id', 'name', 'slot', 'created_at', 'revoked_at', 'last_seen_at', 'last_push_at', 'last_pull_at', 'app_version', 'last_clock_offset_ms', 'reported_unsent', 'unsent_reported_at'])
        .where('station_id', '=', station.id)
        .orderBy('created_at', 'desc').orderBy('slot', 'desc')
        .execute()
      const answer = {
        stationId: station.id,
        devices: rows.map((d) => {
          const syncs = [d.last_push_at, d.last_pull_at].filter((x): x is Date => x !== null).map(x => x.getTime())
          return {
            id: d.id,
            name: d.name,
            slot: d.slot,
            enrolledAt: d.created_at.toISOString(),
            revokedAt: iso(d.revoked_at),
            lastSyncAt: syncs.length > 0 ? new Date(Math.max(...syncs)).toISOString() : null,
            lastPushAt: iso(d.last_push_at),
            lastPullAt: iso(d.last_pull_at),
            lastSeenAt: iso(d.last_seen_at),
            appVersion: d.app_version,
            clockOffsetMs: d.last_clock_offset_ms === null ? null : Number(d.last_clock_offset_ms),
            unsent: d.reported_unsent,
            unsentReportedAt: iso(d.unsent_reported_at),
          }
        }),
      } satisfies DeviceListAnswer
      return c.json(answer)
    })
}
