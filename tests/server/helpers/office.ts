/**
 * Office users and sessions for server tests (issue 8): an account of a given role and division, and the
 * session cookie that signing in through POST /api/office/session sets.
 *
 *   const office = await signInOffice(app, ctx.db, { role: 'viewer', divisionCode: '1405' })
 *   await app.request('/api/office/me', { headers: office.headers })
 */
import type { Kysely } from 'kysely'
import type { App } from '../../../src/server/app'
import { createOfficeAccount } from '../../../src/server/auth/officeAccounts'
import type { Database } from '../../../src/server/db'
import type { OfficeRole } from '../../../src/server/db/referenceSchema'

export interface TestOfficeUser {
  username?: string
  password?: string
  role?: OfficeRole
  divisionCode?: string
  displayName?: string
}

export interface SignedInOffice {
  username: string
  password: string
  /** 'bianmin_office=<token>' */
  cookie: string
  headers: { cookie: string }
}

let counter = 0

/** Creates an account (unique username unless given) and returns its login. */
export async function addOfficeUser(db: Kysely<Database>, user: TestOfficeUser = {}): Promise<{ username: string, password: string }> {
  const username = user.username ?? `office-${user.role ?? 'admin'}-${process.pid}-${++counter}`
  const password = user.password ?? 'test-password-123'
  await createOfficeAccount(db, {
    username,
    password,
    role: user.role ?? 'admin',
    divisionCode: user.divisionCode ?? '14',
    displayName: user.displayName ?? `测试主管机构 ${username}`,
  })
  return { username, password }
}

/** The cookie of a session opened by POST /api/office/session; throws unless it answers 200 with one. */
export async function sessionCookie(app: App, username: string, password: string): Promise<string> {
  const res = await app.request('/api/office/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  const setCookie = res.headers.get('set-cookie') ?? ''
  const cookie = /bianmin_office=[^;]+/.exec(setCookie)?.[0]
  if (res.status !== 200 || !cookie)
    throw new Error(`office sign-in failed: ${res.status} ${await res.text()}`)
  return cookie
}

/** An account plus a signed-in session. */
export async function signInOffice(app: App, db: Kysely<Database>, user: TestOfficeUser = {}): Promise<SignedInOffice> {
  const login = await addOfficeUser(db, user)
  const cookie = await sessionCookie(app, login.username, login.password)
  return { ...login, cookie, headers: { cookie } }
}
