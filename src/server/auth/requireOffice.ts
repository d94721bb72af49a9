/**
 * Office (supervising authority) authentication for the admin API: HTTP Basic against
 * office_accounts (scrypt). A stop-gap until the office UI of a later issue brings sessions.
 */
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app'
import { errorResponse } from '../errors'
import { verifyOfficePassword } from './officePassword'

export interface OfficeEnv extends AppEnv {
  Variables: AppEnv['Variables'] & { office: { username: string } }
}

export function requireOffice(): MiddlewareHandler<OfficeEnv> {
  return async (c, next) => {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(c.req.header('authorization') ?? '')
    const decoded = match?.[1] ? Buffer.from(match[1], 'base64').toString('utf8') : ''
    const colon = decoded.indexOf(':')
    const username = decoded.slice(0, colon)
    const password = decoded.slice(colon + 1)
    const account = colon > 0
      ? await c.var.deps.db.selectFrom('office_accounts').select(['username', 'password_hash']).where('username', '=', username).executeTakeFirst()
      : undefined
    if (!account || !verifyOfficePassword(password, account.password_hash)) {
      c.header('WWW-Authenticate', 'Basic realm="bianmin-office", charset="UTF-8"')
      return errorResponse(c, 401, 'unauthorized', '请使用主管机构账号登录')
    }
    c.set('office', { username: account.username })
    await next()
  }
}
