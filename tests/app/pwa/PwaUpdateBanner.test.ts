import type { ServiceWorkerCallbacks } from '../../../src/app/pwa/registerServiceWorker'
import { flushPromises } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import PwaOfflineReadyNote from '../../../src/app/components/pwa/PwaOfflineReadyNote.vue'
import PwaUpdateBanner from '../../../src/app/components/pwa/PwaUpdateBanner.vue'
import { registerServiceWorker } from '../../../src/app/pwa/registerServiceWorker'
import { usePwaUpdateStore } from '../../../src/app/stores/pwaUpdate'
import GuardedForm from '../support/GuardedForm.vue'
import { mountApp } from '../support/mountApp'

// The boundary to the service worker (vite-plugin-pwa's registerSW) is mocked; the banner,
// stores and form guard are real.
const applyUpdate = vi.fn(async () => {})
let callbacks: ServiceWorkerCallbacks | undefined
vi.mock('../../../src/app/pwa/registerServiceWorker', () => ({
  registerServiceWorker: vi.fn(async (cb: ServiceWorkerCallbacks) => {
    callbacks = cb
    return { applyUpdate }
  }),
}))

/** The app shell with the banner and, optionally, a form with (or without) unsaved input. */
const dirty = ref(false)
const Shell = defineComponent({
  props: { formOpen: Boolean },
  setup: props => () => h('div', [h(PwaUpdateBanner), props.formOpen ? h(GuardedForm, { dirty: dirty.value }) : null, h(PwaOfflineReadyNote)]),
})

async function setup(formOpen: boolean) {
  const mounted = await mountApp(Shell)
  await mounted.wrapper.setProps({ formOpen })
  await usePwaUpdateStore().start()
  callbacks?.onNeedRefresh()
  await flushPromises()
  return mounted
}

describe('update banner', () => {
  beforeEach(() => {
    applyUpdate.mockClear()
    vi.mocked(registerServiceWorker).mockClear()
    callbacks = undefined
    dirty.value = false
  })

  it('stays hidden until a new version is waiting', async () => {
    const { wrapper } = await mountApp(Shell)
    await usePwaUpdateStore().start()
    await flushPromises()
    expect(wrapper.find('[data-test="update-banner"]').exists()).toBe(false)
    callbacks?.onNeedRefresh()
    await flushPromises()
    expect(wrapper.find('[data-test="update-banner"]').text()).toContain('有新版本可用')
    expect(wrapper.find('[data-test="update-apply"]').text()).toBe('立即更新')
  })

  it('applies the update at once when no form is open', async () => {
    const { wrapper } = await setup(false)
    await wrapper.find('[data-test="update-apply"]').trigger('click')
    await flushPromises()
    expect(applyUpdate).toHaveBeenCalledTimes(1)
  })

  it('does not apply while a form has unsaved input, and applies when it is saved', async () => {
    dirty.value = true
    const { wrapper } = await setup(true)
    await wrapper.find('[data-test="update-apply"]').trigger('click')
    await flushPromises()
    expect(applyUpdate).not.toHaveBeenCalled()
    expect(wrapper.find('[data-test="update-wait"]').text()).toContain('请先完成或保存')

    dirty.value = false // saved
    await flushPromises()
    expect(applyUpdate).toHaveBeenCalledTimes(1)
  })

  it('applies when the open form is closed (unmounted)', async () => {
    dirty.value = true
    const { wrapper } = await setup(true)
    await wrapper.find('[data-test="update-apply"]').trigger('click')
    await flushPromises()
    expect(applyUpdate).not.toHaveBeenCalled()

    await wrapper.setProps({ formOpen: false })
    await flushPromises()
    expect(applyUpdate).toHaveBeenCalledTimes(1)
  })

  it('a clean (untouched) form does not block the update', async () => {
    const { wrapper } = await setup(true)
    await wrapper.find('[data-test="update-apply"]').trigger('click')
    await flushPromises()
    expect(applyUpdate).toHaveBeenCalledTimes(1)
  })

  it('never applies without staff accepting it, even when forms close', async () => {
    dirty.value = true
    const { wrapper } = await setup(true)
    dirty.value = false
    await wrapper.setProps({ formOpen: false })
    await flushPromises()
    expect(applyUpdate).not.toHaveBeenCalled()
    expect(wrapper.find('[data-test="update-banner"]').exists()).toBe(true)
  })

  it('"later" hides the banner without applying', async () => {
    const { wrapper } = await setup(false)
    await wrapper.find('[data-test="update-later"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test="update-banner"]').exists()).toBe(false)
    expect(applyUpdate).not.toHaveBeenCalled()
  })
})

describe('已可离线使用', () => {
  it('shows on the counter, never on office pages (they need the network; issue 14)', async () => {
    const { wrapper, router } = await mountApp(Shell)
    await usePwaUpdateStore().start()
    callbacks?.onOfflineReady()
    await flushPromises()
    expect(wrapper.find('[data-test="offline-ready"]').text()).toContain('已可离线使用')
    // After the page, not above it: it appears while staff type on the first screen (issue 14 item 11).
    expect(wrapper.element.lastElementChild?.getAttribute('data-test')).toBe('offline-ready')
    await router.push('/office')
    await flushPromises()
    expect(wrapper.find('[data-test="offline-ready"]').exists()).toBe(false)
  })

  it('gives way to the update banner, and 我知道了 hides it', async () => {
    const { wrapper } = await mountApp(Shell)
    await usePwaUpdateStore().start()
    callbacks?.onOfflineReady()
    callbacks?.onNeedRefresh()
    await flushPromises()
    expect(wrapper.find('[data-test="offline-ready"]').exists()).toBe(false)
    usePwaUpdateStore().dismiss()
    await flushPromises()
    await wrapper.find('[data-test="offline-ready"] button').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test="offline-ready"]').exists()).toBe(false)
  })
})
