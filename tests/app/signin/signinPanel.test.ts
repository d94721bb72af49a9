/**
 * The PIN keypad keeps what was typed when the staff list is re-read meanwhile (issue 10 item 8): after an
 * offline reload the first sync attempt fails and its end re-reads the staff (sync store → loadReference),
 * which replaced the chosen person with an equal new object and, watched by object, wiped the digits and
 * left the submit button disabled. Both the name-list keypad and the lock screen's.
 */
import { flushPromises } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import SigninPanel from '../../../src/app/components/signin/SigninPanel.vue'
import { useSessionStore } from '../../../src/app/stores/session'
import { freshDatabase } from '../support/database'
import { mountApp } from '../support/mountApp'
import { enrolledTablet, PIN_TEST_VECTOR } from '../support/enrolledTablet'
import { until } from '../support/until'

beforeEach(async () => {
  freshDatabase()
  sessionStorage.clear()
  await enrolledTablet()
})

async function type(wrapper: VueWrapper, digits: string): Promise<void> {
  for (const digit of digits)
    await wrapper.get(`[data-test="key-${digit}"]`).trigger('click')
}

const submitDisabled = (wrapper: VueWrapper): boolean => wrapper.get('[data-test="pin-submit"]').attributes('disabled') !== undefined
const filledDots = (wrapper: VueWrapper): number => wrapper.findAll('.signin-keypad__dot--filled').length

describe('the PIN keypad while the staff list is re-read', () => {
  it('keeps the digits typed for the chosen person and signs in', async () => {
    const { wrapper } = await mountApp(SigninPanel, { path: '/signin' })
    const session = useSessionStore()
    await until(() => expect(wrapper.find('[data-test="staff-staff-wang"]').exists()).toBe(true))
    await wrapper.get('[data-test="staff-staff-wang"]').trigger('click')
    await type(wrapper, PIN_TEST_VECTOR.pin.slice(0, 3))
    const before = session.staffList.find(s => s.id === 'staff-wang')
    await session.loadReference()
    await flushPromises()
    // The list really was replaced (the condition of the race), and the typed digits survived it.
    expect(session.staffList.find(s => s.id === 'staff-wang')).not.toBe(before)
    expect(filledDots(wrapper)).toBe(3)
    await type(wrapper, PIN_TEST_VECTOR.pin.slice(3))
    expect(submitDisabled(wrapper)).toBe(false)
    await wrapper.get('[data-test="pin-submit"]').trigger('click')
    await vi.waitFor(() => expect(session.signedIn).toBe(true), { timeout: 15_000 })
    expect(session.staff?.id).toBe('staff-wang')
    wrapper.unmount()
  })

  it('keeps the digits on the lock screen when the signed-in person is re-read', async () => {
    const { wrapper } = await mountApp(SigninPanel, { path: '/signin' })
    const session = useSessionStore()
    await until(() => expect(session.loaded).toBe(true))
    expect(await session.signIn('staff-li', PIN_TEST_VECTOR.pin)).toEqual({ ok: true })
    session.lock()
    await until(() => expect(wrapper.find('[data-test="pin-dots"]').exists()).toBe(true))
    await type(wrapper, PIN_TEST_VECTOR.pin.slice(0, 2))
    await session.loadReference()
    await flushPromises()
    expect(filledDots(wrapper)).toBe(2)
    await type(wrapper, PIN_TEST_VECTOR.pin.slice(2))
    expect(submitDisabled(wrapper)).toBe(false)
    await wrapper.get('[data-test="pin-submit"]').trigger('click')
    await vi.waitFor(() => expect(session.locked).toBe(false), { timeout: 15_000 })
    wrapper.unmount()
  })

  it('still clears the digits when another person is chosen', async () => {
    const { wrapper } = await mountApp(SigninPanel, { path: '/signin' })
    await until(() => expect(wrapper.find('[data-test="staff-staff-wang"]').exists()).toBe(true))
    await wrapper.get('[data-test="staff-staff-wang"]').trigger('click')
    await type(wrapper, '24')
    await wrapper.get('[data-test="signin-switch"]').trigger('click')
    await wrapper.get('[data-test="staff-staff-li"]').trigger('click')
    expect(filledDots(wrapper)).toBe(0)
    wrapper.unmount()
  })
})
