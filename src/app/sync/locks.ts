/** One sync at a time per device across tabs: the Web Lock the engine takes, where the browser has them. */

/** Name of the Web Lock that makes sync one-at-a-time across the tabs of this origin. */
export const SYNC_LOCK_NAME = 'bianmin-sync'

/** The subset of the Web Locks API the engine uses (injectable for tests). */
export interface LockManagerLike {
  request: <T>(name: string, options: { ifAvailable?: boolean, mode?: 'exclusive' | 'shared' }, callback: (lock: unknown) => Promise<T> | T) => Promise<T>
}

/** Whether this browser has the Web Locks API (Safari < 15.4 and some WebViews do not). */
export function isWebLocksSupported(): boolean {
  return typeof navigator !== 'undefined' && typeof (navigator as { locks?: { request?: unknown } }).locks?.request === 'function'
}

/** The lock manager to use: the injected one, else navigator.locks where supported; null means the in-tab mutex only. */
export function resolveLocks(option: LockManagerLike | null | undefined): LockManagerLike | null {
  if (option !== undefined)
    return option
  return isWebLocksSupported() ? (navigator as unknown as { locks: LockManagerLike }).locks : null
}
