import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import SettingsView from '../../../src/app/views/settings/SettingsView.vue'
import { mountApp, stubStorageManager } from '../support/mountApp'

vi.mock('../../../src/app/pwa/registerServiceWorker', () => ({
  registerServiceWorker: vi.fn(async () => ({ applyUpdate: vi.fn() })),
}))

const MB = 1024 * 1024

describe('settings screen', () => {
  let restore: (() => void) | undefined
  afterEach(() => {
    restore?.()
    restore = undefined
    localStorage.clear()
    document.body.innerHTML = ''
  })

  it('shows storage usage against quota from navigator.storage.estimate, with a progress bar', async () => {
    const estimate = vi.fn(async () => ({ usage: 50 * MB, quota: 200 * MB }))
    restore = stubStorageManager({ estimate, persisted: async () => true, persist: async () => true })
    const { wrapper } = await mountApp(SettingsView, { path: '/settings' })
    await flushPromises()

    expect(estimate).toHaveBeenCalled()
    expect(wrapper.find('[data-test="storage-used"]').text()).toBe('已用 50.0 MB，共 200.0 MB')
    expect(wrapper.find('.van-progress__pivot').text()).toBe('已用 25%')
    expect(wrapper.find('.van-progress__portion').attributes('style')).toContain('25%')
  })

  it('shows persistence state and lets staff ask again when it was refused', async () => {
    const persist = vi.fn(async () => true)
    restore = stubStorageManager({ estimate: async () => ({ usage: 0, quota: 100 * MB }), persisted: async () => false, persist })
    const { wrapper } = await mountApp(SettingsView, { path: '/settings' })
    await flushPromises()

    expect(wrapper.find('[data-test="storage-persist"]').text()).toContain('尚未申请')
    await wrapper.find('[data-test="storage-persist-request"]').trigger('click')
    await flushPromises()
    expect(persist).toHaveBeenCalledTimes(1)
    expect(wrapper.find('[data-test="storage-persist"]').text()).toContain('已开启')
    expect(wrapper.find('[data-test="storage-persist-request"]').exists()).toBe(false)
  })

  it('says so when the browser cannot estimate storage', async () => {
    restore = stubStorageManager(undefined)
    const { wrapper } = await mountApp(SettingsView, { path: '/settings' })
    await flushPromises()
    expect(wrapper.find('[data-test="storage-unknown"]').text()).toContain('无法估算')
    expect(wrapper.find('[data-test="storage-persist"]').text()).toContain('不支持')
  })

  it('shows the app version and build, and switches the language to English and back', async () => {
    restore = stubStorageManager({ estimate: async () => ({ usage: 0, quota: 100 * MB }) })
    const { wrapper, i18n } = await mountApp(SettingsView, { path: '/settings' })
    await flushPromises()
    expect(wrapper.find('[data-test="settings-version"]').text()).toContain('版本')
    expect(wrapper.find('[data-test="settings-build"]').text()).toContain('构建号')

    await wrapper.find('[data-test="locale-en"]').trigger('click')
    // English loads on demand: wait for it to be applied.
    await vi.waitFor(() => expect(i18n.global.locale.value).toBe('en'))
    expect(document.documentElement.lang).toBe('en')
    expect(localStorage.getItem('bianmin.locale')).toBe('en')
    await vi.waitFor(() => expect(wrapper.text()).toContain('Storage'))
    expect(wrapper.find('[data-test="locale-en"]').attributes('aria-checked')).toBe('true')

    await wrapper.find('[data-test="locale-zh-CN"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.text()).toContain('存储空间'))
  })

  it('reports that updates are unavailable when no service worker is registered', async () => {
    restore = stubStorageManager({ estimate: async () => ({ usage: 0, quota: 100 * MB }) })
    const { wrapper } = await mountApp(SettingsView, { path: '/settings' })
    await wrapper.find('[data-test="settings-check-update"]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('更新服务未启用')
  })
})
