/**
 * A picker opened before the catalog has loaded (a fast tap on a slow tablet) lists the items once they
 * load, without the query changing: the search index is not reactive, so the store's search reads the
 * index revision to tell a computed search it changed.
 */
import { flushPromises, mount } from '@vue/test-utils'
import Vant from 'vant'
import { describe, expect, it } from 'vitest'
import CatalogItemPicker from '../../../src/app/components/catalog/CatalogItemPicker.vue'
import { createAppI18n } from '../../../src/app/i18n'
import { useCatalogStore } from '../../../src/app/stores/catalog'
import { signedInCounter } from '../support/signedInCounter'
import { until } from '../support/until'

describe('the item picker', () => {
  it('fills in when the catalog finishes loading after it opened', async () => {
    const pinia = await signedInCounter()
    const catalog = useCatalogStore()
    expect(catalog.loaded).toBe(false)
    const w = mount(CatalogItemPicker, { global: { plugins: [pinia, createAppI18n('zh-CN'), Vant] } })
    // Opened at once: nothing loaded yet, so nothing listed.
    expect(w.findAll('[data-test="catalog-item"]')).toHaveLength(0)
    await until(async () => {
      await flushPromises()
      expect(catalog.loaded).toBe(true)
      expect(w.findAll('[data-test="catalog-item"]').length).toBeGreaterThan(0)
    })
    w.unmount()
  })
})
