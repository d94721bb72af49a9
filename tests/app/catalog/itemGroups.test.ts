/** 事项指南 before any search (issue 14 item 2): the offered items by department, most used first; never an empty "no match". */
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import Vant from 'vant'
import { describe, expect, it } from 'vitest'
import { groupByDepartment, usesByItem } from '../../../src/app/catalog/itemGroups'
import CatalogItemPicker from '../../../src/app/components/catalog/CatalogItemPicker.vue'
import { casesRepo } from '../../../src/app/data'
import { createAppI18n } from '../../../src/app/i18n'
import { useCatalogStore } from '../../../src/app/stores/catalog'
import { signedInCounter } from '../support/signedInCounter'
import { until } from '../support/until'

describe('items grouped by department', () => {
  it('orders departments and items by use, then as the catalog lists them', () => {
    setActivePinia(createPinia())
    const items = [
      { code: 'a1', department: 'A' },
      { code: 'a2', department: 'A' },
      { code: 'b1', department: 'B' },
      { code: 'c1', department: 'C' },
    ]
    const uses = usesByItem([{ itemCode: 'b1' }, { itemCode: 'b1' }, { itemCode: 'a2' }])
    expect(groupByDepartment(items, uses).map(g => [g.department, g.items.map(i => i.code), g.uses])).toEqual([
      ['B', ['b1'], 2],
      ['A', ['a2', 'a1'], 1],
      ['C', ['c1'], 0],
    ])
  })

  it('the picker lists every offered item, grouped, before anything is typed; a search lists matches flat', async () => {
    const pinia = await signedInCounter()
    const catalog = useCatalogStore()
    await catalog.load()
    // Nothing recorded on this tablet yet: departments in catalog order.
    expect(await casesRepo.listRecent(1)).toHaveLength(0)
    const w = mount(CatalogItemPicker, { global: { plugins: [pinia, createAppI18n('zh-CN'), Vant] } })
    await until(async () => {
      await flushPromises()
      expect(w.findAll('[data-test="catalog-item"]')).toHaveLength(catalog.items.length)
    })
    expect(w.find('[data-test="catalog-no-results"]').exists()).toBe(false)
    const groups = w.findAll('[data-test="catalog-group"]')
    expect(groups.map(g => g.attributes('data-department'))).toEqual([...new Set(catalog.items.map(i => i.department))])
    expect(w.text()).not.toMatch(/承诺 0 个工作日/)
    await w.find('[data-test="catalog-search"] input').setValue('sbk')
    await until(() => expect(w.findAll('[data-test="catalog-group"]')).toHaveLength(0))
    expect(w.findAll('[data-test="catalog-item"]').length).toBeGreaterThan(0)
    w.unmount()
  })
})
