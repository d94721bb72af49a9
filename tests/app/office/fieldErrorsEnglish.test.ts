/**
 * Server field errors in the staff's language (issue 13 item 5): office forms sent bad input through the REAL
 * server in-process show, in the English UI, an English reason worded from the field error's code and limits
 * (never the server's Chinese message); the Chinese UI still shows the server's own message.
 */
import type { VueWrapper } from '@vue/test-utils'
import type { AppLocale } from '../../../src/app/i18n'
import type { TestServer } from '../support/testServer'
import { flushPromises } from '@vue/test-utils'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { setOfficeFetch, useOfficeStore } from '../../../src/app/stores/office'
import { mountApp } from '../support/mountApp'
import { startServer } from '../support/testServer'

const Host = defineComponent({ render: () => h(RouterView) })
const HAN = /\p{Script=Han}/u
let server: TestServer

beforeAll(async () => {
  server = await startServer()
}, 60_000)

afterAll(async () => {
  await server?.close()
})

beforeEach(() => {
  sessionStorage.clear()
  server.clearCookies()
  setOfficeFetch(server.fetch)
})

afterEach(() => {
  setOfficeFetch(undefined)
  document.body.innerHTML = ''
})

async function signedIn(path: string, locale: AppLocale) {
  const mounted = await mountApp(Host, { path: '/office', locale })
  await useOfficeStore().login(server.office.username, server.office.password)
  await mounted.router.push(path)
  await flushPromises()
  return mounted
}

/** The error line Vant shows under the field marked `dataTest`, once there is one. */
async function fieldErrorOf(wrapper: VueWrapper, dataTest: string): Promise<string> {
  const error = () => wrapper.find(`[data-test="${dataTest}"] .van-field__error-message`)
  await vi.waitFor(() => expect(error().exists()).toBe(true), { timeout: 10_000 })
  return error().text()
}

// The name field's maxlength keeps a too-long name from being typed, so the server's check shown is the blank one.
async function submitStationNamed(wrapper: VueWrapper, name: string): Promise<void> {
  await wrapper.find('[data-test="station-create"]').trigger('click')
  await vi.waitFor(() => expect(wrapper.findComponent({ name: 'StationCreateForm' }).exists()).toBe(true))
  const form = wrapper.findComponent({ name: 'StationCreateForm' })
  await form.find('[data-test="create-name"] input').setValue(name)
  await form.find('[data-test="create-county"]').setValue('140502')
  await form.find('[data-test="create-address"] input').setValue('城区凤台东街 1 号')
  await form.find('[data-test="create-hostType"]').setValue('post')
  await form.find('form').trigger('submit')
}

describe('server field errors in the English UI', () => {
  it('words a blank station name (the server trims it) as required, not with its Chinese message', async () => {
    const { wrapper } = await signedIn('/office/stations', 'en')
    await vi.waitFor(() => expect(wrapper.find('[data-test="station-create"]').exists()).toBe(true), { timeout: 10_000 })
    await submitStationNamed(wrapper, '   ')
    const text = await fieldErrorOf(wrapper, 'create-name')
    expect(text).not.toMatch(HAN)
    expect(text).toBe('Required')
    wrapper.unmount()
  }, 30_000)

  it('words a bad new account: the username\'s format and the password\'s minimum length', async () => {
    const { wrapper } = await signedIn('/office/accounts', 'en')
    await vi.waitFor(() => expect(wrapper.find('[data-test="account-new"]').exists()).toBe(true), { timeout: 10_000 })
    await wrapper.find('[data-test="account-new"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-test="account-form"]').exists()).toBe(true))
    await wrapper.find('[data-test="account-username"] input').setValue('Not A Username!')
    await wrapper.find('[data-test="account-display-name"] input').setValue('Reviewer')
    await wrapper.find('[data-test="account-password"] input').setValue('short')
    await wrapper.find('[data-test="account-form"]').trigger('submit')
    const username = await fieldErrorOf(wrapper, 'account-username')
    const password = await fieldErrorOf(wrapper, 'account-password')
    expect(username).not.toMatch(HAN)
    expect(username).toBe('Not in the expected format')
    expect(password).not.toMatch(HAN)
    expect(password).toBe('Too short: at least 10 characters')
    wrapper.unmount()
  }, 30_000)

  it('words an audit filter whose end is before its start', async () => {
    const { wrapper } = await signedIn('/office/audit', 'en')
    await vi.waitFor(() => expect(wrapper.find('[data-test="audit-filters"]').exists()).toBe(true), { timeout: 10_000 })
    await wrapper.find('[data-test="audit-from"] input').setValue('2026-03-01')
    await wrapper.find('[data-test="audit-to"] input').setValue('2026-02-01')
    await wrapper.find('[data-test="audit-filters"]').trigger('submit')
    const text = await fieldErrorOf(wrapper, 'audit-to')
    expect(text).not.toMatch(HAN)
    expect(text).toBe('The end date cannot be before the start date')
    wrapper.unmount()
  }, 30_000)
})

describe('server field errors in the Chinese UI', () => {
  it('still shows the server\'s own Chinese message', async () => {
    const { wrapper } = await signedIn('/office/stations', 'zh-CN')
    await vi.waitFor(() => expect(wrapper.find('[data-test="station-create"]').exists()).toBe(true), { timeout: 10_000 })
    await submitStationNamed(wrapper, '   ')
    expect(await fieldErrorOf(wrapper, 'create-name')).toBe('不能为空')
    wrapper.unmount()
  }, 30_000)
})
