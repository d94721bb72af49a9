import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { useIdleLock } from '../../../src/app/composables/useIdleLock'
import { onSessionHooks } from '../../../src/app/auth/sessionHooks'
import { SESSION_STORAGE_KEY, useSessionStore } from '../../../src/app/stores/session'
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
})

afterEach(() => {
  vi.useRealTimers()
})

describe('staff sign-in at the counter (offline)', () => {
  it('lists the station\'s active staff as tiles and signs in with the right PIN', async () => {
    const session = await freshSession()
    expect(session.enrolled).toBe(true)
    expect(session.staffList.map(s => s.name)).not.toContain('钱退休')
    expect(session.staffList).toHaveLength(3)
    expect(await session.signIn('staff-li', PIN_TEST_VECTOR.pin)).toEqual({ ok: true })
    expect(session.staff?.name).toBe('李建军')
    expect(session.signedIn).toBe(true)
  })

  it('locks a staff member for 5 minutes after 5 wrong PINs, and a new store (reload) still sees the lock', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-11-26T09:00:00+08:00'))
    const session = await freshSession()
    for (let i = 1; i <= 4; i++) {
      const r = await session.signIn('staff-wang', '000000')
      expect(r).toMatchObject({ ok: false, reason: 'wrong-pin', attemptsLeft: 5 - i })
    }
    const fifth = await session.signIn('staff-wang', '000000')
    expect(fifth).toMatchObject({ ok: false, reason: 'wrong-pin', attemptsLeft: 0, remainingMs: 5 * 60_000 })
    // Even the right PIN is refused while locked.
    expect(await session.signIn('staff-wang', PIN_TEST_VECTOR.pin)).toMatchObject({ ok: false, reason: 'locked' })
    // Another person is not affected.
    expect(await session.signIn('staff-li', PIN_TEST_VECTOR.pin)).toEqual({ ok: true })

    vi.setSystemTime(new Date('2026-11-26T09:03:00+08:00'))
    const reloaded = await freshSession()
    expect(reloaded.lockRemaining('staff-wang')).toBe(2 * 60_000)
    expect(await reloaded.signIn('staff-wang', PIN_TEST_VECTOR.pin)).toMatchObject({ ok: false, reason: 'locked', remainingMs: 2 * 60_000 })

    vi.setSystemTime(new Date('2026-11-26T09:05:01+08:00'))
    expect(await reloaded.signIn('staff-wang', PIN_TEST_VECTOR.pin)).toEqual({ ok: true })
    expect(reloaded.lockouts['staff-wang']).toBeUndefined()
  })

  it('refuses staff who have not passed the onboarding assessment (5.3.2), even with the right PIN', async () => {
    const session = await freshSession()
    expect(await session.signIn('staff-zhao', PIN_TEST_VECTOR.pin)).toEqual({ ok: false, reason: 'not-assessed' })
    expect(await session.signIn('staff-old', PIN_TEST_VECTOR.pin)).toEqual({ ok: false, reason: 'inactive' })
    expect(session.staff).toBeNull()
  })

  it('keeps the session across a reload inside the idle window, and only the staff id and expiry are stored', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-11-26T09:00:00+08:00'))
    const session = await freshSession()
    await session.signIn('staff-li', PIN_TEST_VECTOR.pin)
    const stored = sessionStorage.getItem(SESSION_STORAGE_KEY) ?? ''
    expect(JSON.parse(stored)).toEqual({ staffId: 'staff-li', expiresAt: Date.now() + 5 * 60_000 })
    expect(stored).not.toContain(PIN_TEST_VECTOR.pin)

    vi.setSystemTime(new Date('2026-11-26T09:04:00+08:00'))
    const reloaded = await freshSession()
    expect(reloaded.staff?.id).toBe('staff-li')
    expect(reloaded.signedIn).toBe(true)
    // The restored session keeps its expiry: the reload does not buy another five minutes.
    expect(reloaded.expiresAt).toBe(new Date('2026-11-26T09:05:00+08:00').getTime())
    reloaded.lockIfExpired(new Date('2026-11-26T09:04:59+08:00').getTime())
    expect(reloaded.locked).toBe(false)
    reloaded.lockIfExpired(new Date('2026-11-26T09:05:00+08:00').getTime())
    expect(reloaded.locked).toBe(true)
  })

  it('comes back locked, asking the same person\'s PIN, after the idle window, after a lock, and never for a forged expiry', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-11-26T09:00:00+08:00'))
    const session = await freshSession()
    await session.signIn('staff-li', PIN_TEST_VECTOR.pin)
    vi.setSystemTime(new Date('2026-11-26T09:05:01+08:00'))
    const late = await freshSession()
    expect(late.staff?.id).toBe('staff-li')
    expect(late.locked).toBe(true)
    expect(JSON.parse(sessionStorage.getItem(SESSION_STORAGE_KEY) ?? '')).toEqual({ staffId: 'staff-li', expiresAt: null })

    expect(await late.signIn('staff-li', PIN_TEST_VECTOR.pin)).toEqual({ ok: true })
    late.lock()
    const afterLock = await freshSession()
    expect(afterLock.locked).toBe(true)

    sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ staffId: 'staff-li', expiresAt: Date.now() + 24 * 3600_000 }))
    const forged = await freshSession()
    expect(forged.locked).toBe(true)
    forged.switchStaff()
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull()
    expect((await freshSession()).staff).toBeNull()
  })

  it('activity slides the expiry, but activity after it (a tablet woken from the background) locks instead', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-11-26T09:00:00+08:00'))
    const session = await freshSession()
    await session.signIn('staff-li', PIN_TEST_VECTOR.pin)
    const t = (hhmmss: string) => new Date(`2026-11-26T${hhmmss}+08:00`).getTime()
    session.keepAlive(t('09:04:00'))
    expect(session.expiresAt).toBe(t('09:09:00'))
    // Stored in steps, never later than the one in memory.
    expect(JSON.parse(sessionStorage.getItem(SESSION_STORAGE_KEY) ?? '').expiresAt).toBe(t('09:09:00'))
    session.keepAlive(t('09:04:02'))
    expect(JSON.parse(sessionStorage.getItem(SESSION_STORAGE_KEY) ?? '').expiresAt).toBe(t('09:09:00'))
    session.keepAlive(t('09:20:00'))
    expect(session.locked).toBe(true)
    expect(session.expiresAt).toBeNull()
  })

  it('fires signedIn with the PIN, locked on lock and sign-out, and restored on reload, which may refuse to reopen', async () => {
    const moments: string[] = []
    let keyStillThere = true
    const off = onSessionHooks({
      signedIn: ({ staffId, pin }) => {
        moments.push(`signedIn:${staffId}:${pin}`)
      },
      locked: ({ staffId, reason }) => {
        moments.push(`locked:${staffId}:${reason}`)
      },
      restored: ({ staffId }) => {
        moments.push(`restored:${staffId}`)
        return keyStillThere
      },
    })
    try {
      const session = await freshSession()
      await session.signIn('staff-wang', PIN_TEST_VECTOR.pin)
      const reloaded = await freshSession()
      expect(reloaded.signedIn).toBe(true)
      keyStillThere = false
      const refused = await freshSession()
      expect(refused.locked).toBe(true)
      refused.switchStaff()
      expect(moments).toEqual([
        `signedIn:staff-wang:${PIN_TEST_VECTOR.pin}`,
        'restored:staff-wang',
        'restored:staff-wang',
        'locked:staff-wang:expired',
        'locked:staff-wang:sign-out',
      ])
    }
    finally {
      off()
    }
  })

  it('locks after the idleLockMinutes setting without input, and the same PIN unlocks', async () => {
    freshDatabase()
    await enrolledTablet({ settings: [{ key: 'idleLockMinutes', value: 2 }] })
    const session = await freshSession()
    expect(session.idleLockMinutes).toBe(2)
    await session.signIn('staff-wang', PIN_TEST_VECTOR.pin)

    vi.useFakeTimers()
    const Host = defineComponent({
      setup() {
        useIdleLock()
        return () => h('div')
      },
    })
    const wrapper = mount(Host)
    vi.advanceTimersByTime(60_000)
    await nextTick()
    expect(session.locked).toBe(false)
    window.dispatchEvent(new Event('mousemove'))
    vi.advanceTimersByTime(90_000)
    await nextTick()
    expect(session.locked).toBe(false)
    vi.advanceTimersByTime(31_000)
    await nextTick()
    expect(session.locked).toBe(true)
    expect(session.staff?.id).toBe('staff-wang')
    vi.useRealTimers()
    expect(await session.signIn('staff-wang', PIN_TEST_VECTOR.pin)).toEqual({ ok: true })
    expect(session.locked).toBe(false)
    wrapper.unmount()
  })

  it('switching staff from the lock screen goes back to the name list', async () => {
    const session = await freshSession()
    await session.signIn('staff-wang', PIN_TEST_VECTOR.pin)
    session.lock()
    session.switchStaff()
    expect(session.staff).toBeNull()
    expect(session.locked).toBe(false)
  })
})
