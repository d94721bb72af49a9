/**
 * The office's log of personal-data access at the stations (issue 11 item 3), admins only, behind office login:
 *   GET /api/office/audit/access?from&to&stationId&staffId&kind&field&limit&before
 *     → 200 {entries: AccessLogEntry[], nextBefore: string | null} (domain/protocol/officeAudit.ts)
 * Every `audit.revealed` (one field of one record shown in full, with why) and `audit.exported` (a ledger
 * exported or printed with full values, with why) the tablets recorded and synced — offline ones arrive with the
 * next push — plus reveals in the office console (appended as server events). Only stations inside the admin's
 * division, newest first (by server seq). `from`/`to` are CST civil days of occurredAt (inclusive); `kind` is
 * 'revealed' or 'exported'; `field` (reveals only) one of the revealable fields. Bad queries → 400 with fields.
 * Payloads hold no personal value: the record, the field and the reason only.
 */
import type { Hono } from 'hono'
import { z } from 'zod'
import type { AccessLogEntry, AccessLogPageAnswer } from '../../../domain/protocol'
import { accessLogQuerySchema } from '../../../domain/protocol'
import type { OfficeEnv } from '../../auth/requireOffice'
import { errorResponse, fieldErrors } from '../../errors'

const zhCN = z.locales.zhCN().localeError

const cstStart = (day: string): Date => new Date(`${day}T00:00:00+08:00`)

/** Adds GET /access to the office audit router (admins only there). */
export function addAccessLogRoute(router: Hono<OfficeEnv>): Hono<OfficeEnv> {
  return router.get('/access', async (c) => {
    const parsed = accessLogQuerySchema.safeParse(c.req.query(), { error: zhCN })
    if (!parsed.success)
      return errorResponse(c, 400, 'invalid-query', '查询参数不正确', { fields: fieldErrors(parsed.error) })
    const q = parsed.data
    const db = c.var.deps.db
    let query = db.selectFrom('events')
      .innerJoin('stations', 'stations.id', 'events.station_id')
      .leftJoin('staff', 'staff.id', 'events.staff_id')
      .select(['events.seq', 'events.id', 'events.type', 'events.payload', 'events.occurred_at', 'events.occurred_at_text', 'events.station_id', 'events.device_id', 'events.staff_id', 'stations.name as station_name', 'staff.name as staff_name'])
      .where('events.type', 'in', q.kind ? [`audit.${q.kind}`] : ['audit.revealed', 'audit.exported'])
      .where('stations.county_code', 'like', `${c.var.office.divisionCode}%`)
    if (q.from)
      query = query.where('events.occurred_at', '>=', cstStart(q.from))
    if (q.to)
      query = query.where('events.occurred_at', '<', new Date(cstStart(q.to).getTime() + 86_400_000))
    if (q.stationId)
      query = query.where('events.station_id', '=', q.stationId)
    if (q.staffId)
      query = query.where('events.staff_id', '=', q.staffId)
    if (q.field)
      query = query.where('events.type', '=', 'audit.revealed').where(eb => eb(eb.ref('events.payload', '->>').key('field' as never), '=', q.field as never))
    if (q.before)
      query = query.where('events.seq', '<', q.before as never)
    const rows = await query.orderBy('events.seq', 'desc').limit(q.limit + 1).execute()
    const entries: AccessLogEntry[] = rows.slice(0, q.limit).map(r => ({
      seq: String(r.seq),
      eventId: r.id,
      kind: r.type === 'audit.revealed' ? 'revealed' : 'exported',
      occurredAt: r.occurred_at_text ?? new Date(r.occurred_at).toISOString(),
      stationId: r.station_id,
      stationName: r.station_name,
      deviceId: r.device_id,
      staffId: r.staff_id,
      staffName: r.staff_name ?? null,
      details: (r.payload ?? {}) as Record<string, unknown>,
    }))
    return c.json({ entries, nextBefore: rows.length > q.limit ? (entries.at(-1)?.seq ?? null) : null } satisfies AccessLogPageAnswer)
  })
}
