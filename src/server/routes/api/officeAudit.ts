/**
 * The office audit viewer (issue 8 item 8), admins only, behind office login (office.ts):
 *   GET /api/office/audit?from&to&username&action&stationId&limit&before
 *   GET /api/office/audit/access?… → officeAccessLog.ts (the stations' reveals and full-value exports)
 *     → 200 {entries: OfficeAuditEntry[], nextBefore: string | null} (domain/protocol/officeAudit.ts)
 * Only entries whose division lies inside the admin's division, newest first. `from`/`to` are CST civil days
 * (both inclusive); `action` matches exactly ('account.created') or by prefix with a trailing '.' ('account.');
 * `limit` 1–200 (default 50); `before` is the `nextBefore` of the previous page. Bad queries → 400 with fields.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type { AuditPageAnswer, OfficeAuditEntry } from '../../../domain/protocol'
import { auditQuerySchema } from '../../../domain/protocol'
import type { OfficeEnv } from '../../auth/requireOffice'
import { requireRole } from '../../auth/requireOffice'
import { errorResponse, fieldErrors } from '../../errors'
import { addAccessLogRoute } from './officeAccessLog'

const zhCN = z.locales.zhCN().localeError

/** The instant a CST civil day starts. */
function cstStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`)
}

function nextDay(day: string): Date {
  return new Date(cstStart(day).getTime() + 86_400_000)
}

export function officeAuditRoutes(): Hono<OfficeEnv> {
  const router = new Hono<OfficeEnv>()
    .use(requireRole('admin'))
  // Before '/', so '/access' is not taken for the office log.
  addAccessLogRoute(router)
  return router
    .get('/', async (c) => {
      const parsed = auditQuerySchema.safeParse(c.req.query(), { error: zhCN })
      if (!parsed.success)
        return errorResponse(c, 400, 'invalid-query', '查询参数不正确', { fields: fieldErrors(parsed.error) })
      const q = parsed.data
      let query = c.var.deps.db.selectFrom('office_audit').selectAll()
        .where('division_code', 'like', `${c.var.office.divisionCode}%`)
      if (q.from)
        query = query.where('at', '>=', cstStart(q.from))
      if (q.to)
        query = query.where('at', '<', nextDay(q.to))
      if (q.username)
        query = query.where('username', '=', q.username)
      if (q.action)
        query = q.action.endsWith('.') ? query.where('action', 'like', `${q.action}%`) : query.where('action', '=', q.action)
      if (q.stationId)
        query = query.where('station_id', '=', q.stationId)
      if (q.before)
        query = query.where('id', '<', q.before)
      const rows = await query.orderBy('id', 'desc').limit(q.limit + 1).execute()
      const page = rows.slice(0, q.limit)
      const entries: OfficeAuditEntry[] = page.map(r => ({
        id: String(r.id),
        at: new Date(r.at).toISOString(),
        username: r.username,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        stationId: r.station_id,
        divisionCode: r.division_code,
        details: r.details,
      }))
      return c.json({ entries, nextBefore: rows.length > q.limit ? (entries.at(-1)?.id ?? null) : null } satisfies AuditPageAnswer)
    })
}
