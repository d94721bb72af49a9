/**
 * Rectification and appeals for the office (issue 9 item 6; 7.2.2, DOMAIN.md 申诉复核), behind office login:
 *   GET  /api/office/rectifications            → 200 {asOf, tasks}: the division's tasks, waiting for 复查 first
 *   POST /api/office/rectifications/:id/recheck {result: 'closed'|'sentBack', reason}  (reviewer, admin)
 *        → 200 {status}: the re-check, a server-made event the station's tablets pull; 404 outside the
 *        division, 409 already closed
 *   GET  /api/office/appeals                   → 200 {appeals}: the division's appeals, undecided first
 *   POST /api/office/appeals/:id/decision {decision: 'upheld'|'rejected', reason}  (reviewer, admin)
 *        → 200 {status}; 404 outside the division, 409 already decided
 * :id is the uuid of the stream ('rectification:<uuid>', 'appeal:<uuid>').
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppealDecisionAnswer, OfficeAppealsAnswer, OfficeRectificationsAnswer, RecheckAnswer } from '../../../domain/protocol'
import { appealDecisionBodySchema, recheckBodySchema } from '../../../domain/protocol'
import type { OfficeEnv } from '../../auth/requireOffice'
import { requireRole } from '../../auth/requireOffice'
import { errorResponse, invalidBody } from '../../errors'
import { decideAppeal, officeAppeals, officeRectifications, recheckRectification } from '../../rectifications/officeRectifications'
import { validateBody } from '../../validate'

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
function badId(c: Parameters<typeof invalidBody>[0]): Response {
  return invalidBody(c, [{ path: 'id', message: '编号格式不正确' }])
}

export function officeRectificationRoutes(): Hono<OfficeEnv> {
  return new Hono<OfficeEnv>()
    .get('/rectifications', async (c) => {
      const { db, now } = c.var.deps
      return c.json(await officeRectifications(db, c.var.office, now()) satisfies OfficeRectificationsAnswer)
    })
    .post('/rectifications/:id/recheck', requireRole('admin', 'reviewer'), validateBody(recheckBodySchema, { maxBytes: 8192 }), async (c) => {
      const id = c.req.param('id')
      if (!uuid.safeParse(id).success)
        return badId(c)
      const { db, now } = c.var.deps
      const outcome = await recheckRectification(db, c.var.office, id, c.req.valid('json'), now())
      if (!outcome.ok)
        return errorResponse(c, outcome.status, outcome.code, outcome.message)
      c.var.log.info({ rectification: id, by: c.var.office.username }, 'rectification re-checked')
      return c.json({ status: c.req.valid('json').result } satisfies RecheckAnswer)
    })
    .get('/appeals', async (c) => {
      const { db } = c.var.deps
      return c.json(await officeAppeals(db, c.var.office) satisfies OfficeAppealsAnswer)
    })
    .post('/appeals/:id/decision', requireRole('admin', 'reviewer'), validateBody(appealDecisionBodySchema, { maxBytes: 8192 }), async (c) => {
      const id = c.req.param('id')
      if (!uuid.safeParse(id).success)
        return badId(c)
      const { db, now } = c.var.deps
      const outcome = await decideAppeal(db, c.var.office, id, c.req.valid('json'), now())
      if (!outcome.ok)
        return errorResponse(c, outcome.status, outcome.code, outcome.message)
      c.var.log.info({ appeal: id, by: c.var.office.username }, 'appeal decided')
      return c.json({ status: c.req.valid('json').decision } satisfies AppealDecisionAnswer)
    })
}
