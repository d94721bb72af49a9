/**
 * Wrong-PIN lockout (issue 3 item 4): after `maxAttempts` wrong PINs in a row a staff member is
 * locked for `lockMinutes`. Pure functions over a small record the session store keeps in the
 * data layer's meta table, so a reload does not reset the count.
 */

export interface LockoutRecord {
  /** Wrong PINs in a row since the last success or the end of the last lock. */
  failures: number
  /** Epoch ms until which sign-in is refused; null when not locked. */
  lockedUntil: number | null
}

export interface LockoutPolicy {
  maxAttempts: number
  lockMinutes: number
}

export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = { maxAttempts: 5, lockMinutes: 5 }

export const EMPTY_LOCKOUT: LockoutRecord = { failures: 0, lockedUntil: null }

/** Milliseconds of lock left at `now` (0 when not locked). */
export function lockRemainingMs(record: LockoutRecord | undefined, now: number): number {
  if (!record?.lockedUntil)
    return 0
  return Math.max(0, record.lockedUntil - now)
}

/** A lock that has run out starts a fresh count. */
export function normalizeLockout(record: LockoutRecord | undefined, now: number): LockoutRecord {
  if (!record)
    return EMPTY_LOCKOUT
  if (record.lockedUntil !== null && record.lockedUntil <= now)
    return EMPTY_LOCKOUT
  return record
}

/** The record after one more wrong PIN: the `maxAttempts`-th locks. */
export function afterWrongPin(record: LockoutRecord | undefined, now: number, policy: LockoutPolicy = DEFAULT_LOCKOUT_POLICY): LockoutRecord {
  const current = normalizeLockout(record, now)
  const failures = current.failures + 1
  if (failures >= policy.maxAttempts)
    return { failures, lockedUntil: now + policy.lockMinutes * 60_000 }
  return { failures, lockedUntil: null }
}

/** Wrong PINs left before the lock (0 when locked). */
export function attemptsLeft(record: LockoutRecord | undefined, now: number, policy: LockoutPolicy = DEFAULT_LOCKOUT_POLICY): number {
  const current = normalizeLockout(record, now)
  if (current.lockedUntil !== null)
    return 0
  return Math.max(0, policy.maxAttempts - current.failures)
}

/** Checks a value read back from storage. */
export function isLockoutRecord(value: unknown): value is LockoutRecord {
  if (value === null || typeof value !== 'object')
    return false
  const v = value as Record<string, unknown>
  return typeof v.failures === 'number' && (v.lockedUntil === null || typeof v.lockedUntil === 'number')
}
