/**
 * Encryption at rest (issue 11 item 1) on the session's moments (sessionHooks.ts): the PIN that signs in also
 * unwraps the tablet's data key (src/app/data/crypto/keyStore.ts, the rule there), a lock or sign-out drops it,
 * and a reload inside the idle window restores it from the session's key row, or the counter comes back locked.
 *
 * Registered once when the session store is first imported. The data layer is imported lazily: the session
 * store opens the first screen, which must not carry the event store, its codecs and folds (issue 12 item 5);
 * the sign-in that needs them loads them (as the home screen after it would).
 */
import type * as DataModule from '../data'
import { onSessionHooks, SignInRefusedError } from './sessionHooks'

type DataLayer = typeof DataModule

let data: DataLayer | null = null
async function dataLayer(): Promise<DataLayer> {
  data ??= await import('../data')
  return data
}

function drop(layer: DataLayer, handover: boolean): void {
  layer.dropDataKey({ handover })
  // The key is out of memory already. A session key row left behind reopens nothing: a reload restores only a
  // session whose persisted expiry is set, and the lock or sign-out cleared it before this hook ran.
  void layer.forgetSessionKey().catch(() => undefined)
}

onSessionHooks({
  async signedIn({ staffId, pin, expiresAt }) {
    const layer = await dataLayer()
    if (!(await layer.unlockDataKey(staffId, pin)).ok)
      throw new SignInRefusedError('no-data-key')
    // Kept for a reload inside the idle window. Awaited (one IndexedDB write): a reload right after the sign-in
    // must find it, or the counter would come back locked. A failure to keep it only costs that convenience.
    await layer.persistSessionKey(staffId, expiresAt).catch(() => undefined)
  },
  locked({ handover }) {
    // Synchronous once the data layer is loaded (it is, whenever a key is in memory): the lock is immediate.
    if (data)
      drop(data, handover === true)
    else
      // No data layer loaded means no key in memory to drop: a failure to load it now hides nothing.
      void dataLayer().then(layer => drop(layer, false)).catch(() => undefined)
  },
  async restored({ staffId, expiresAt }) {
    const layer = await dataLayer()
    return layer.restoreSessionKey(staffId, Date.now(), expiresAt)
  },
})
