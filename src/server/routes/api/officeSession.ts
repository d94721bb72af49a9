/**
 * Office sign-in (issue 8 item 1):
 *   POST   /api/office/session {username, password} → 200 {username, displayName, role, divisionCode} + HttpOnly cookie
 *   DELETE /api/office/session                      → 204, the session is gone and the cookie cleared
 * A wrong username and a wrong password answer the same 401 in the same time (officePassword.ts).
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../app'
import { verifyOfficePassword } from '../../auth/officePassword'
import { clearSessionCookie, createOfficeSession, deleteOfficeSession, readSessionCookie, writeSessionCookie } from '../../auth/officeSessions'
import { errorResponse } from '../../errors'
import { storableText, validateBody } from '../../validate'

export const signInBodySchema = z.object({
  // A NUL in the username reached SQL as a 500 (issue 10 item 1).
  username: storableText().min(1, '请填写用户名').max(100),
  password: z.string().min(1, '请填写密码').max(200),
})

export const signInMessages = {
  wrong: '用户名或密码不正确',
} as const

export function officeSessionRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post('/', validateBody(signInBodySchema, { maxBytes: 4096 }), async (c) => {
      const { db, now } = c.var.deps
      const { username, password } = c.req.valid('json')
      const account = await db.selectFrom('office_accounts')
        .select(['username', 'password_hash', 'display_name', 'role', 'division_code', 'active'])
        .where('username', '=', username.trim().toLowerCase())
        .executeTakeFirst()
      // Checked even for an unknown or deactivated user, so the time taken reveals nothing.
      const ok = await verifyOfficePassword(password, account?.password_hash ?? null)
      if (!account || !ok || !account.active) {
        c.var.log.info({ username: username.slice(0, 100) }, 'office sign-in refused')
        return errorResponse(c, 401, 'wrong-credentials', signInMessages.wrong)
      }
      const session = await createOfficeSession(db, account.username, now())
      writeSessionCookie(c, session.token)
      c.var.log.info({ username: account.username }, 'office signed in')
      return c.json({ username: account.username, displayName: account.display_name, role: account.role, divisionCode: account.division_code, expiresAt: session.expiresAt.toISOString() })
    })
    .delete('/', async (c) => {
      const token = readSessionCookie(c)
      if (token)
        await deleteOfficeSession(c.var.deps.db, token)
      clearSessionCookie(c)
      return c.body(null, 204)
    })
}
