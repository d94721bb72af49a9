/**
 * Office (supervising authority) authorization for /api/office/* (issue 8 item 1):
 * - requireOffice(): a valid session cookie (officeSessions.ts), else 401 (no WWW-Authenticate: the
 *   browser must never show its own login pop-up); sets `c.var.office`.
 * - requireRole(...roles): 403 for a signed-in office whose role is not listed.
 * - Division scope (officeScope.ts): an office sees only stations inside its division; a station
 *   outside it answers 404, as if it did not exist.
 * Device tokens (Authorization: Bearer) are not office sessions: 401.
 */
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../appEnv'
import type { OfficeRole } from '../db/referenceSchema'
import { errorResponse } from '../errors'
import type { OfficeUser } from './officeSessions'
import { lookupOfficeSession, readSessionCookie } from './officeSessions'

export interface OfficeEnv extends AppEnv {
  Variables: AppEnv['Variables'] & { office: OfficeUser }
}

export const officeMessages = {
  unauthorized: '请先使用主管机构账号登录',
  forbidden: '当前账号无权进行此操作',
} as const

export function requireOffice(): MiddlewareHandler<OfficeEnv> {
  return async (c, next) => {
    const token = readSessionCookie(c)
    const office = token ? await lookupOfficeSession(c.var.deps.db, token, c.var.deps.now()) : null
    if (!office)
      return errorResponse(c, 401, 'unauthorized', officeMessages.unauthorized)
    c.set('office', office)
    await next()
  }
}

/** Only these roles pass; others answer 403. Use after requireOffice(). */
export function requireRole(...roles: OfficeRole[]): MiddlewareHandler<OfficeEnv> {
  return async (c, next) => {
    if (!roles.includes(c.var.office.role))
      return errorResponse(c, 403, 'forbidden', officeMessages.forbidden, { requiredRoles: roles })
    await next()
  }
}
