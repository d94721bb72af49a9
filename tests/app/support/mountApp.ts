import type { Component } from 'vue'
import type { AppLocale } from '../../../src/app/i18n'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import Vant from 'vant'
import { createMemoryHistory } from 'vue-router'
import { createAppI18n, loadLocaleMessages, loadOfficeMessages } from '../../../src/app/i18n'
import { createAppRouter } from '../../../src/app/router'

/**
 * Mounts a component with the app's plugins, a fresh Pinia and a memory router.
 * The app build resolves Vant tags on demand (unplugin-vue-components); the test project has no
 * such plugin, so Vant is registered globally here instead.
 */
export async function mountApp(component: Component, options: { locale?: AppLocale, path?: string, attachTo?: HTMLElement } = {}) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const i18n = createAppI18n(options.locale ?? 'zh-CN')
  await loadLocaleMessages(i18n.global, options.locale ?? 'zh-CN')
  // As the app's: the office console's messages load with the first office page.
  const router = createAppRouter(createMemoryHistory(), { officeMessages: () => loadOfficeMessages(i18n.global) })
  await router.push(options.path ?? '/')
  await router.isReady()
  const wrapper = mount(component, {
    attachTo: options.attachTo,
    global: { plugins: [pinia, i18n, router, Vant] },
  })
  return { wrapper, pinia, i18n, router }
}

/** Replaces navigator.storage for one test; returns a function restoring the original. */
export function stubStorageManager(manager: Partial<StorageManager> | undefined): () => void {
  const original = Object.getOwnPropertyDescriptor(navigator, 'storage')
  Object.defineProperty(navigator, 'storage', { value: manager, configurable: true })
  return () => {
    if (original)
      Object.defineProperty(navigator, 'storage', original)
    else
      Reflect.deleteProperty(navigator, 'storage')
  }
}
