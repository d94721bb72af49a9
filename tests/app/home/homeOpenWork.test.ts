/** Issue 14 item 6: the home screen lists every open case — a 待补正 one too — most urgent first, with counts. */
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { openCases } from '../../../src/app/case/caseSearch'
import { checklistFor } from '../../../src/app/intake/materialChecklist'
import { useCasesStore } from '../../../src/app/stores/cases'
import { useCatalogStore } from '../../../src/app/stores/catalog'
import { mountAt, signedInCounter } from '../support/signedInCounter'
import { until } from '../support/until'
import { builtinWorkCalendar } from '../../../src/domain/calendar'

afterEach(() => {
  document.body.innerHTML = ''
})

const NOW = new Date('2026-03-04T10:00:00+08:00')
const row = (id: string, status: string, dueAt: string | null) => ({ id, status, dueAt, completedAt: null }) as unknown as Parameters<typeof openCases>[0][number]

describe('open work on the home screen', () => {
  it('orders overdue, due today, 待补正, due later, then no deadline; leaves out what is done', () => {
    setActivePinia(createPinia())
    const rows = [
      row('later', 'accepted', '2026-03-09T23:59:59.999+08:00'),
      row('none', 'materialsComplete', null),
      row('waiting', 'awaitingSupplement', null),
      row('today', 'accepted', '2026-03-04T23:59:59.999+08:00'),
      row('overdue', 'inProgress', '2026-03-02T23:59:59.999+08:00'),
      row('handed', 'handedOver', '2026-03-02T23:59:59.999+08:00'),
      row('returned', 'returned', null),
    ]
    expect(openCases(rows, NOW, builtinWorkCalendar()).map(r => r.id)).toEqual(['overdue', 'today', 'waiting', 'later', 'none'])
  })

  it('a 待补正 case shows on home (it has no deadline yet), counted', async () => {
    const pinia = await signedInCounter()
    const catalog = useCatalogStore()
    await catalog.load()
    const item = catalog.item('hukou-idcard-renew')
    if (!item)
      throw new Error('item missing')
    const checklist = checklistFor(item).map((r, i) => ({ ...r, status: i === 0 ? 'provided' as const : null }))
    await useCasesStore().intake({ kind: 'assisted', item, applicant: { type: 'person', name: '张桂兰', idNumber: '11010519491231002X', mobile: '13935600001' }, checklist, outcome: { type: 'notice' }, assistMode: 'guidance' })
    const { wrapper } = await mountAt(defineComponent({ render: () => h(RouterView) }), '/', pinia)
    await until(async () => {
      await flushPromises()
      expect(wrapper.findAll('[data-test="due-case"]')).toHaveLength(1)
    })
    expect(wrapper.find('[data-test="home-empty"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="due-case-status"]').text()).toBe('待补正')
    expect(wrapper.find('[data-test="home-cases-due"]').text()).toContain('在办 1 件：已超期 0 件，今日到期 0 件，待补正 1 件')
    wrapper.unmount()
  })
})
