/**
 * Office sign-in (issue 8 item 1):
 *   POST   /api/office/session {username, password} → 200 {username, displayName, role, divisionCode} + HttpOnly cookie
 *   DELETE /api/office/session                      → 204, the session is gone and the cookie cleared
 * A wrong username and a wrong password answer the same 401 in the same time (officePassword.ts).
 * Rate limits (issue 10 item 5), kept in the database so every server process counts the same: at most
 * OFFICE_SIGNIN_LIMITS.perAccount attempts for one username and .perAddress from one client address per
 * window; past that 429 with Retry-After, before any password is checked.
 */
import { Hono } from 'hono'
import type { SignInAnswer } from '../../../domain/protocol'
import { signInRequestSchema } from '../../../domain/protocol'
import type { AppEnv } from '../../appEnv'
import { verifyOfficePassword } from '../../auth/officePassword'
import { clearSessionCookie, createOfficeSession, deleteOfficeSession, readSessionCookie, writeSessionCookie } from '../../auth/officeSessions'
import { clientAddress } from '../../clientAddress'
import { errorResponse } from '../../errors'
import { hitRateLimit, tooManyRequests } from '../../rateLimit'
import { validateBody } from '../../validate'

export const signInMessages = {
  wrong: '用户名或密码不正确',
  tooMany: (wait: string) => `登录尝试过于频繁，请在 ${wait}后重试`,
} as const

export const OFFICE_SIGNIN_LIMITS = { perAccount: 10, perAddress: 30, windowMs: 15 * 60 * 1000 } as const

/** A username as accounts are named (officeAccounts.ts); anything else is logged only as its length, so a password typed into the field never reaches the logs. */
function loggableUsername(username: string): string {
  return /^[a-z0-9][a-z0-9._-]{1,39}$/.test(username) ? username : `(${username.length} characters)`
}

export function officeSessionRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post('/', validateBody(signInRequestSchema, { maxBytes: 4096 }), async (c) => {
      const { db, now } = c.var.deps
      const { username, password } = c.req.valid('json')
      const login = username.trim().toLowerCase()
      const window = { windowMs: OFFICE_SIGNIN_LIMITS.windowMs, now: now() }
      const address = clientAddress(c)
      const byAddress = address ? await hitRateLimit(db, `office-signin:addr:${address}`, { ...window, limit: OFFICE_SIGNIN_LIMITS.perAddress }) : null
      const byAccount = await hitRateLimit(db, `office-signin:user:${login}`, { ...window, limit: OFFICE_SIGNIN_LIMITS.perAccount })
      const limited = [byAddress, byAccount].find(hit => hit && !hit.allowed)
      if (limited) {
        c.var.log.warn({ username: loggableUsername(login) }, 'office sign-in rate-limited')
        return tooManyRequests(c, limited, signInMessages.tooMany)
      }
      const account = await db.selectFrom('office_accounts')
        .select(['username', 'password_hash', 'display_name', 'role', 'division_code', 'active'])
        .where('username', '=', login)
        .executeTakeFirst()
      // Checked even for an unknown or deactivated user, so the time taken reveals nothing.
      const ok = await verifyOfficePassword(password, account?.password_hash ?? null)
      if (!account || !ok || !account.active) {
        c.var.log.info({ username: loggableUsername(login) }, 'office sign-in refused')
        return errorResponse(c, 401, 'wrong-credentials', signInMessages.wrong)
      }
      const session = await createOfficeSession(db, account.username, now())
      writeSessionCookie(c, session.token)
      c.var.log.info({ username: account.username }, 'office signed in')
      return c.json({ username: account.username, displayName: account.display_name, role: account.role, divisionCode: account.division_code, expiresAt: session.expiresAt.toISOString() } satisfies SignInAnswer)
    })
    .delete('/', async (c) => {
      const token = readSessionCookie(c)
      if (token)
        await deleteOfficeSession(c.var.deps.db, token)
      clearSessionCookie(c)
      return c.body(null, 204)
    })
}
