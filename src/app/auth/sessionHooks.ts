/**
 * Moments of the counter session other modules act on (issue 14 item 8, issue 11 item 1), fired by the
 * session store (src/app/stores/session.ts). Register with `onSessionHooks({...})`; it returns the
 * function that unregisters. Handlers run in registration order.
 *
 * - `signedIn({ staffId, pin, expiresAt })`: the PIN has just checked out (sign-in or unlock), before the
 *   counter opens. The only moment the PIN is available: derive from it here (e.g. unwrap the data key).
 *   Awaited; a handler that throws makes `signIn` reject and the counter stays closed; one that throws
 *   SignInRefusedError makes `signIn` answer `{ ok: false, reason }` instead (e.g. 'no-data-key').
 * - `locked({ staffId, reason })`: the session ends, by the idle lock or the lock button ('lock'), the
 *   expiry found on reload ('expired') or switching staff / being signed out ('sign-out'). Drop whatever
 *   `signedIn` produced. Not awaited (the lock is immediate); handlers should not throw. `handover` is
 *   set when staff are switched from an unlocked session (the next person may take over what it held).
 * - `restored({ staffId, expiresAt })`: a reload found this tab's session still inside the idle window and
 *   is about to reopen the counter without a PIN. Return false when what `signedIn` produced is not there
 *   any more (e.g. no persisted key): the counter then comes back locked and asks for the PIN instead.
 *
 * `expiresAt` (epoch ms) is last activity + the idleLockMinutes setting and slides with activity; the
 * store's `expiresAt` ref has its current value. Only the staff id and this expiry survive a reload
 * (sessionStorage, this tab only), never the PIN.
 */
export interface SignedInMoment { staffId: string, pin: string, expiresAt: number }
export interface LockedMoment { staffId: string | null, reason: 'lock' | 'expired' | 'sign-out', handover?: true }
export interface RestoredMoment { staffId: string, expiresAt: number }

export interface SessionHooks {
  signedIn?: (moment: SignedInMoment) => void | Promise<void>
  locked?: (moment: LockedMoment) => void | Promise<void>
  restored?: (moment: RestoredMoment) => boolean | Promise<boolean>
}

/** Thrown by a `signedIn` handler to refuse the sign-in with a reason the sign-in screen explains. */
export class SignInRefusedError extends Error {
  override name = 'SignInRefusedError'
  constructor(readonly reason: 'no-data-key') {
    super(reason)
  }
}

const registered = new Set<SessionHooks>()

export function onSessionHooks(hooks: SessionHooks): () => void {
  const entry = { ...hooks }
  registered.add(entry)
  return () => {
    registered.delete(entry)
  }
}

export async function fireSignedIn(moment: SignedInMoment): Promise<void> {
  for (const hooks of [...registered])
    await hooks.signedIn?.(moment)
}

export function fireLocked(moment: LockedMoment): void {
  for (const hooks of [...registered]) {
    try {
      void Promise.resolve(hooks.locked?.(moment)).catch(() => undefined)
    }
    catch {
      // A failing handler, thrown or rejected, must not keep the counter open.
    }
  }
}

/** True when every handler agrees the session may reopen without a PIN. */
export async function fireRestored(moment: RestoredMoment): Promise<boolean> {
  for (const hooks of [...registered]) {
    if (hooks.restored && !(await hooks.restored(moment)))
      return false
  }
  return true
}
