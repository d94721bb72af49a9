import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { readCatalogRows, readStationRow } from '../../../src/app/catalog/catalogItem'
import PrintOneTimeNotice from '../../../src/app/components/print/PrintOneTimeNotice.vue'
import { createAppI18n } from '../../../src/app/i18n'
import { mountAt, signedInCounter } from '../consultation/support'
import { seedItemRows, stationRow } from './seedCatalog'

const { items } = readCatalogRows(seedItemRows())
const station = readStationRow(stationRow)
if (!station)
  throw new Error('station row unreadable')
const item = (code: string) => {
  const found = items.find(i => i.code === code)
  if (!found)
    throw new Error(code)
  return found
}

function render(code: string, props: Record<string, unknown> = {}) {
  setActivePinia(createPinia())
  return mount(PrintOneTimeNotice, {
    props: { item: item(code), station, issuedAt: new Date('2026-11-26T09:00:00+08:00'), ...props },
    global: { plugins: [createAppI18n('zh-CN')] },
  })
}

afterEach(() => {
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

describe('一次性告知单 (6.3.5)', () => {
  it('prints every field DOMAIN.md lists for a seed item, from the real catalog data', () => {
    const sicard = item('sicard-lost-replace')
    const wrapper = render('sicard-lost-replace')
    // A row's value cell (or the element itself when it is not a table row).
    const field = (name: string) => {
      const el = wrapper.find(`[data-field="${name}"]`)
      return el.element.tagName === 'TR' ? el.find('td').text() : el.text()
    }
    expect(wrapper.find('h1').text()).toBe('一次性告知单')
    expect(field('itemName')).toContain('社会保障卡挂失补换(遗失)')
    expect(field('department')).toContain('人力资源和社会保障局')
    for (const basis of sicard.legalBasis)
      expect(field('legalBasis')).toContain(basis)
    for (const condition of sicard.conditions)
      expect(field('conditions')).toContain(condition)
    const rows = wrapper.findAll('[data-test="material"]')
    expect(rows).toHaveLength(sicard.materials.length)
    sicard.materials.forEach((m, i) => {
      const cells = rows.at(i)?.findAll('td').map(td => td.text()) ?? []
      expect(cells[1]).toBe(m.name)
      expect(cells[2]).toBe(m.form)
      expect(cells[3]).toBe(String(m.copies))
      expect(cells[4]).toMatch(m.alternativeGroup ? /^择一/ : m.required ? /^必需$/ : /^视情况提供$/)
    })
    expect(field('process')).toBe(sicard.process.join(' → '))
    expect(field('timeLimit')).toContain(`承诺时限：${sicard.promisedLimitWorkdays} 个工作日`)
    expect(field('timeLimit')).toContain(sicard.legalLimitWorkdays === null ? '法定时限：办事指南未注明' : `法定时限：${sicard.legalLimitWorkdays} 个工作日`)
    if (sicard.limitNote)
      expect(field('limitNote')).toContain(sicard.limitNote)
    expect(field('fee')).toBe(sicard.fee ?? '办事指南未注明')
    expect(field('place')).toContain('山西银行晋城分行营业部便民服务站')
    expect(field('place')).toContain('人力资源和社会保障局')
    expect(field('contact')).toContain('0356-2021234')
    expect(field('issuedBy')).toContain('山西银行晋城分行营业部便民服务站')
    expect(field('issuedAt')).toContain('2026-11-26')
    // No line of the sheet is left empty.
    for (const td of wrapper.findAll('td'))
      expect(td.text().trim()).not.toBe('')
  })

  it('fills every line for every seed item, saying so where the guide is silent', () => {
    for (const i of items) {
      const wrapper = render(i.code)
      for (const td of wrapper.findAll('td'))
        expect(td.text().trim(), `${i.code}`).not.toBe('')
      wrapper.unmount()
    }
  })

  it('never prints a material\'s note: it is the office\'s internal note (the seed\'s are research notes)', () => {
    const notes = items.flatMap(i => i.materials.map(m => m.note)).filter((n): n is string => n !== null)
    expect(notes.length).toBeGreaterThan(0)
    for (const i of items) {
      const text = render(i.code).text()
      for (const note of notes)
        expect(text, i.code).not.toContain(note)
    }
  })

  it('with a station without a phone, gives its opening hours as the contact', () => {
    const wrapper = mount(PrintOneTimeNotice, {
      props: { item: item('employ-unemployment-registration'), station: { ...station, contactPhone: null } },
      global: { plugins: [createAppI18n('zh-CN')] },
    })
    expect(wrapper.find('[data-field="contact"]').text()).toContain('周一至周五 09:00–17:00')
  })

  it('for an incomplete intake, lists every missing material and how to supply each', () => {
    const wrapper = render('hukou-birth-registration', { missing: [
      { name: '出生医学证明', form: '原件', copies: 1, howToSupply: '向出生医院申领后送交本站' },
      { name: '父母双方居民户口簿', form: '原件', copies: 1, howToSupply: '下次来站时带来' },
    ] })
    expect(wrapper.find('h1').text()).toBe('一次性告知单（材料补正）')
    const missing = wrapper.find('[data-field="missing"]').text()
    expect(missing).toContain('出生医学证明')
    expect(missing).toContain('向出生医院申领后送交本站')
    expect(missing).toContain('父母双方居民户口簿')
    expect(missing).toContain('下次来站时带来')
  })

  it('the item guide screen shows the notice for any item and prints it', async () => {
    const pinia = await signedInCounter()
    const print = vi.fn()
    // happy-dom has no window.print.
    Object.defineProperty(window, 'print', { value: print, configurable: true })
    const { wrapper } = await mountAt(defineComponent({ render: () => h(RouterView) }), '/items/medins-resident-enroll', pinia)
    await vi.waitFor(async () => {
      await flushPromises()
      expect(wrapper.find('[data-test="one-time-notice"]').exists()).toBe(true)
    })
    expect(wrapper.find('[data-field="itemName"]').text()).toContain('城乡居民基本医疗保险参保登记')
    // A second copy waits outside the app for window.print().
    expect(document.body.querySelectorAll('.bm-print-root [data-test="one-time-notice"]')).toHaveLength(1)
    await wrapper.find('[data-test="print-notice"]').trigger('click')
    expect(print).toHaveBeenCalledOnce()
    wrapper.unmount()
  })
})
