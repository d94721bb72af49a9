/** The wrong-PIN records (lockout.ts) by staff id, kept in the data layer's meta so a reload does not reset them. */
import type { LockoutRecord } from './lockout'
import type { MetaKey } from '../data/firstScreen'
// The light entry, not the data index: the session opens the first screen (issue 12 item 5).
import { metaRepo } from '../data/firstScreen'
import { isLockoutRecord } from './lockout'

/** Meta key of the wrong-PIN records (by staff id). */
export const LOCKOUT_META_KEY = 'pinLockouts' satisfies MetaKey

/** Reads the records back; each is checked before use and a malformed one is left out. */
export async function readLockouts(): Promise<Record<string, LockoutRecord>> {
  const value: unknown = await metaRepo.get(LOCKOUT_META_KEY)
  const out: Record<string, LockoutRecord> = {}
  if (value && typeof value === 'object') {
    for (const [id, record] of Object.entries(value as Record<string, unknown>)) {
      if (isLockoutRecord(record))
        out[id] = record
    }
  }
  return out
}

/** `records` with `staffId`'s record replaced; a record with nothing left to remember (or null) is dropped. */
export function withLockout(records: Readonly<Record<string, LockoutRecord>>, staffId: string, record: LockoutRecord | null): Record<string, LockoutRecord> {
  const keep = record !== null && (record.failures > 0 || record.lockedUntil !== null)
  const next = Object.fromEntries(Object.entries(records).filter(([id]) => id !== staffId))
  if (keep)
    next[staffId] = record
  return next
}

export async function writeLockouts(records: Record<string, LockoutRecord>): Promise<void> {
  await metaRepo.set(LOCKOUT_META_KEY, records)
}
