// Encryption at rest on the session's moments (src/app/auth/dataKeyHooks.ts): the PIN that signs in unwraps the
// tablet's data key, a lock drops it, a reload inside the idle window restores it, and a colleague without a wrap
// on this tablet is refused unless an unlocked session hands over.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { dataKeyReady, dropDataKey, wrappedStaffIds } from '../../../src/app/data'
import { database } from '../../../src/app/data/db'
import { useSessionStore } from '../../../src/app/stores/session'
import { freshDatabase } from '../support/database'
import { enrolledTablet, PIN_TEST_VECTOR } from '../support/enrolledTablet'

async function freshSession() {
  setActivePinia(createPinia())
  const session = useSessionStore()
  await session.init()
  return session
}

beforeEach(async () => {
  freshDatabase()
  sessionStorage.clear()
  await enrolledTablet()
  // tests/app/setup.ts installs a key for every test: here the session's hooks must bring it.
  dropDataKey()
})

describe('the data key follows the counter session', () => {
  it('is unwrapped by the sign-in PIN, dropped by a lock, and restored by a reload inside the idle window', async () => {
    const session = await freshSession()
    expect(dataKeyReady()).toBe(false)
    expect(await session.signIn('staff-wang', PIN_TEST_VECTOR.pin)).toEqual({ ok: true })
    expect(dataKeyReady()).toBe(true)
    expect(await wrappedStaffIds()).toEqual(['staff-wang'])

    // The session's key row is written after the counter opened (not awaited by the sign-in).
    await expect.poll(() => database().sessionKeys.count()).toBe(1)
    // A reload: the key is gone from memory, the session's key row brings it back without the PIN.
    dropDataKey()
    const reloaded = await freshSession()
    expect(reloaded.signedIn).toBe(true)
    expect(dataKeyReady()).toBe(true)

    const current = useSessionStore()
    current.lock()
    expect(dataKeyReady()).toBe(false)
    await expect.poll(() => database().sessionKeys.count()).toBe(0)
    // Locked, then reloaded: the key row went with the lock, the PIN is asked again.
    const afterLock = await freshSession()
    expect(afterLock.locked).toBe(true)
    expect(dataKeyReady()).toBe(false)
    expect(await afterLock.signIn('staff-wang', PIN_TEST_VECTOR.pin)).toEqual({ ok: true })
    expect(dataKeyReady()).toBe(true)
  })

  it('refuses a colleague this tablet holds no wrap for, until an unlocked session hands over', async () => {
    const session = await freshSession()
    expect(await session.signIn('staff-wang', PIN_TEST_VECTOR.pin)).toEqual({ ok: true })
    session.lock()
    session.switchStaff()
    expect(await session.signIn('staff-li', PIN_TEST_VECTOR.pin)).toEqual({ ok: false, reason: 'no-data-key' })
    expect(session.signedIn).toBe(false)
    expect(dataKeyReady()).toBe(false)

    expect(await session.signIn('staff-wang', PIN_TEST_VECTOR.pin)).toEqual({ ok: true })
    // Switching from the unlocked session keeps the key for the next person's first sign-in here.
    session.switchStaff()
    expect(dataKeyReady()).toBe(false)
    expect(await session.signIn('staff-li', PIN_TEST_VECTOR.pin)).toEqual({ ok: true })
    expect(dataKeyReady()).toBe(true)
    expect((await wrappedStaffIds()).sort()).toEqual(['staff-li', 'staff-wang'])
  })
})
