import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, defineComponent, h } from 'vue'
import PwaQuotaDialog from '../../../src/app/components/pwa/PwaQuotaDialog.vue'
import { installErrorHandlers } from '../../../src/app/pwa/errorHandlers'
import { isStorageQuotaError } from '../../../src/app/pwa/storage'
import { useStorageStore } from '../../../src/app/stores/storage'
import { mountApp, stubStorageManager } from '../support/mountApp'

class StorageQuotaError extends Error {
  override name = 'StorageQuotaError'
}

describe('storage errors reach staff', () => {
  let restore: (() => void) | undefined
  afterEach(() => {
    restore?.()
    restore = undefined
    localStorage.clear()
    document.body.innerHTML = ''
  })

  it('recognises quota errors by name, including when wrapped', () => {
    expect(isStorageQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true)
    expect(isStorageQuotaError(new StorageQuotaError('full'))).toBe(true)
    expect(isStorageQuotaError({ name: 'AbortError', inner: new DOMException('full', 'QuotaExceededError') })).toBe(true)
    expect(isStorageQuotaError(new Error('write failed', { cause: new DOMException('full', 'QuotaExceededError') }))).toBe(true)
    expect(isStorageQuotaError(new TypeError('x is undefined'))).toBe(false)
    expect(isStorageQuotaError(null)).toBe(false)
  })

  it('opens the 存储空间不足 dialog for a quota error and closes it when acknowledged', async () => {
    const { wrapper } = await mountApp(PwaQuotaDialog, { attachTo: document.body })
    const storage = useStorageStore()
    expect(storage.reportQuotaError(new TypeError('other'))).toBe(false)
    expect(storage.reportQuotaError(new StorageQuotaError('outbox write failed'))).toBe(true)
    await flushPromises()
    const dialog = document.querySelector('.van-dialog')
    expect(dialog?.textContent).toContain('存储空间不足')
    expect(dialog?.textContent).toContain('切勿清除本应用的数据')

    document.querySelector<HTMLButtonElement>('.van-dialog__confirm')?.click()
    await flushPromises()
    expect(storage.quotaError).toBeNull()
    wrapper.unmount()
  })

  it('routes a quota error rejected by the data layer (unhandled) to the dialog, and other errors to a notice', async () => {
    const app = createApp(defineComponent({ render: () => h('div') }))
    const onQuotaError = vi.fn()
    const onUnexpectedError = vi.fn()
    const uninstall = installErrorHandlers(app, { onQuotaError, onUnexpectedError })

    const event = new Event('unhandledrejection', { cancelable: true }) as PromiseRejectionEvent
    Object.defineProperty(event, 'reason', { value: new DOMException('full', 'QuotaExceededError') })
    window.dispatchEvent(event)
    expect(onQuotaError).toHaveBeenCalledTimes(1)
    expect(event.defaultPrevented).toBe(true)

    const handler = app.config.errorHandler
    handler?.(new StorageQuotaError('full'), null, 'setup function')
    handler?.(new TypeError('boom'), null, 'setup function')
    expect(onQuotaError).toHaveBeenCalledTimes(2)
    expect(onUnexpectedError).toHaveBeenCalledWith(expect.any(TypeError))
    uninstall()
  })

  it('asks for persistent storage at first start only, and remembers the outcome', async () => {
    const persist = vi.fn(async () => false)
    restore = stubStorageManager({ persist, persisted: async () => false, estimate: async () => ({ usage: 1, quota: 10 }) })
    await mountApp(PwaQuotaDialog)
    const first = useStorageStore()
    await first.init()
    expect(persist).toHaveBeenCalledTimes(1)
    expect(first.persisted).toBe(false)
    expect(JSON.parse(localStorage.getItem('bianmin.storage.persist') ?? '{}')).toMatchObject({ granted: false })

    await mountApp(PwaQuotaDialog) // a later start: fresh Pinia, same localStorage
    const later = useStorageStore()
    await later.init()
    expect(persist).toHaveBeenCalledTimes(1)
    expect(later.persisted).toBe(false)
    expect(later.persistAskedAt).not.toBeNull()
  })
})
