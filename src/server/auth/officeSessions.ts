/**
 * Office sessions (issue 8 item 1): a random 32-byte token in an HttpOnly, SameSite=Strict cookie (Secure
 * behind HTTPS); the database keeps only its SHA-256, so every server process sees the same sessions.
 * Secure is set when the browser reached us over HTTPS (clientAddress.ts isHttps: TRUST_PROXY for a proxy).
 * A session lasts OFFICE_SESSION_IDLE_MS after its last use and never longer than OFFICE_SESSION_MAX_MS.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { Kysely } from 'kysely'
import type { AppEnv } from '../appEnv'
import { isHttps } from '../clientAddress'
import type { Database } from '../db'
import type { OfficeRole } from '../db/referenceSchema'

export const OFFICE_SESSION_COOKIE = 'bianmin_office'
/** Signed out after 2 hours without a request. */
export const OFFICE_SESSION_IDLE_MS = 2 * 60 * 60 * 1000
/** And after 12 hours in any case (a working day), however busy. */
export const OFFICE_SESSION_MAX_MS = 12 * 60 * 60 * 1000
/** last_seen_at is written at most this often, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 60 * 1000

/** The signed-in office user, as every office route sees it (`c.var.office`). */
export interface OfficeUser {
  username: string
  displayName: string
  role: OfficeRole
  /** GB/T 2260 prefix: '14', '1405' or '140502'. */
  divisionCode: string
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** Starts a session for `username`; returns the token to put in the cookie. */
export async function createOfficeSession(db: Kysely<Database>, username: string, now: Date): Promise<{ token: string, expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + OFFICE_SESSION_IDLE_MS)
  await db.insertInto('office_sessions').values({ token_hash: hashSessionToken(token), username, created_at: now, last_seen_at: now, expires_at: expiresAt }).execute()
  // Expired sessions of anyone are swept here, so the table never grows without bound.
  await db.deleteFrom('office_sessions').where('expires_at', '<', now).execute()
  return { token, expiresAt }
}

/** The active account behind a session token, sliding its expiry; null when unknown, expired or the account is off. */
export async function lookupOfficeSession(db: Kysely<Database>, token: string, now: Date): Promise<OfficeUser | null> {
  if (!/^[\w-]{20,100}$/.test(token))
    return null
  const tokenHash = hashSessionToken(token)
  const row = await db.selectFrom('office_sessions as s')
    .innerJoin('office_accounts as a', 'a.username', 's.username')
    .select(['a.username', 'a.display_name', 'a.role', 'a.division_code', 'a.active', 's.created_at', 's.last_seen_at', 's.expires_at'])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst()
  if (!row || !row.active || new Date(row.expires_at).getTime() <= now.getTime())
    return null
  if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_EVERY_MS) {
    const hardEnd = new Date(row.created_at).getTime() + OFFICE_SESSION_MAX_MS
    const expiresAt = new Date(Math.min(now.getTime() + OFFICE_SESSION_IDLE_MS, hardEnd))
    await db.updateTable('office_sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute()
  }
  return { username: row.username, displayName: row.display_name, role: row.role, divisionCode: row.division_code }
}

export async function deleteOfficeSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('office_sessions').where('token_hash', '=', hashSessionToken(token)).execute()
}

/** Signs an account out everywhere (password changed, account deactivated). */
export async function deleteSessionsOf(db: Kysely<Database>, username: string): Promise<void> {
  await db.deleteFrom('office_sessions').where('username', '=', username).execute()
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, OFFICE_SESSION_COOKIE)
}

export function writeSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, OFFICE_SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure: isHttps(c), path: '/api', maxAge: Math.floor(OFFICE_SESSION_MAX_MS / 1000) })
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, OFFICE_SESSION_COOKIE, { path: '/api', secure: isHttps(c) })
}
