/**
 * What of the counter session survives a reload (issue 14 item 8): this tab's sessionStorage holds the
 * signed-in staff id and, while the counter is open, its expiry (last activity + idleLockMinutes). Never
 * the PIN, never anything derived from it. Closing the tab or the installed app forgets it.
 *
 * - `expiresAt` in the future: the reload reopens the counter for that person without a PIN.
 * - `expiresAt` null (locked) or past: the reload comes back locked, asking that person's PIN.
 * Anyone who can edit this storage could claim an open session, so a claim further away than the idle
 * window is refused, and the encryption at rest (issue 11) asks its own `restored` hook for the data key,
 * which such a claim does not bring.
 */
export const SESSION_STORAGE_KEY = 'bianmin.session'

export interface PersistedSession {
  staffId: string
  /** Epoch ms; null while the counter is locked. */
  expiresAt: number | null
}

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null
  }
  catch {
    return null
  }
}

export function readPersistedSession(): PersistedSession | null {
  try {
    const raw = storage()?.getItem(SESSION_STORAGE_KEY)
    if (!raw)
      return null
    const value: unknown = JSON.parse(raw)
    if (!value || typeof value !== 'object')
      return null
    const v = value as Record<string, unknown>
    if (typeof v.staffId !== 'string' || v.staffId === '')
      return null
    const expiresAt = typeof v.expiresAt === 'number' && Number.isFinite(v.expiresAt) ? v.expiresAt : null
    return { staffId: v.staffId, expiresAt }
  }
  catch {
    return null
  }
}

export function writePersistedSession(session: PersistedSession | null): void {
  try {
    if (session === null)
      storage()?.removeItem(SESSION_STORAGE_KEY)
    else
      storage()?.setItem(SESSION_STORAGE_KEY, JSON.stringify(session))
  }
  catch {
    // Private mode or storage full: the session simply does not survive a reload.
  }
}

/** Whether a persisted session reopens the counter at `now` for an idle window of `windowMs`. */
export function isLive(session: PersistedSession, now: number, windowMs: number): boolean {
  return session.expiresAt !== null && session.expiresAt > now && session.expiresAt - now <= windowMs
}
