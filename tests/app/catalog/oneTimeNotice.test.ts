import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { readCatalogRows, readStationRow } from '../../../src/app/catalog/catalogItem'
import { caseNumberOf, citizenText, noticeCaseLines } from '../../../src/app/catalog/citizenPaper'
import PrintOneTimeNotice from '../../../src/app/components/print/PrintOneTimeNotice.vue'
import { createAppI18n } from '../../../src/app/i18n'
import { checklistFor, evaluateChecklist } from '../../../src/app/intake/materialChecklist'
import { mountAt, signedInCounter } from '../support/signedInCounter'
import { seedItemRows, stationRow } from '../support/seedCatalog'
import { builtinWorkCalendar } from '../../../src/domain/calendar'

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
    // 时限说明 is the catalog's research note: staff read it on the guide screen, the citizen's paper leaves it out.
    expect(wrapper.find('[data-field="limitNote"]').exists()).toBe(false)
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

  it('carries no staff note of any seed item, even with every material missing: no 来源及说明, no cited source guide', () => {
    const internal = items.flatMap(i => [i.remarks, i.limitNote, i.sourceRegion, ...i.sources, ...i.materials.map(m => m.note)])
      .filter((n): n is string => typeof n === 'string' && n.length > 0)
    for (const i of items) {
      const rows = checklistFor(i).map(r => ({ ...r, status: 'missing' as const }))
      const wrapper = render(i.code, { missing: evaluateChecklist(rows).missing })
      const text = wrapper.text()
      expect(text, i.code).not.toContain('来源及说明')
      expect(text, i.code).not.toMatch(/[县市区省]指南/)
      for (const note of internal)
        expect(text, i.code).not.toContain(note)
      wrapper.unmount()
    }
  })

  it('a case\'s notice names the applicant (masked), the case number and the date to come back by', () => {
    const state = { id: 'case:0f9e8d7c-6b5a-4c3d-9e2f-1a2b3c4d5e6f', receiptNumber: null, applicant: { type: 'person', name: '张桂兰', idNumber: '11010519491231002X', mobile: '13935600001' } } as const
    const lines = noticeCaseLines(state, new Date('2026-09-30T10:00:00+08:00'), builtinWorkCalendar())
    expect(lines.applicant).toBe('张*兰')
    expect(lines.caseNumber).toBe('3C4D5E6F')
    // 10 working days from Wednesday 30 September, over 国庆 (1–8 October) and its make-up Saturday 10 October.
    expect(lines.comeBackBy).toBe('2026-10-20')
    const wrapper = render('hukou-idcard-renew', { missing: [{ name: '居民户口簿', form: '原件', copies: 1, howToSupply: '携带到本站补交' }], caseLines: lines })
    expect(wrapper.find('[data-field="caseApplicant"]').text()).toContain('张*兰')
    expect(wrapper.text()).not.toContain('张桂兰')
    expect(wrapper.find('[data-field="caseNumber"]').text()).toContain('3C4D5E6F')
    expect(wrapper.find('[data-field="comeBackBy"]').text()).toContain('2026-10-20')
    expect(caseNumberOf({ id: state.id, receiptNumber: 'JC01-2026-A-0001' })).toBe('JC01-2026-A-0001')
  })

  it('cuts citations of source guides from what prints, and a clause that is only a research note', () => {
    expect(citizenText('公安机关提供,现场填写(都昌县指南\'服务表格\')')).toBe('公安机关提供,现场填写')
    expect(citizenText('交验；施甸县指南列为换领材料')).toBe('交验')
    expect(citizenText('窗口领取；绿色通道可邮寄送达')).toBe('窗口领取；绿色通道可邮寄送达')
  })

  it('says 即办 for a 0-working-day limit, never 承诺 0 个工作日', () => {
    const base = item('sicard-lost-replace')
    const wrapper = mount(PrintOneTimeNotice, {
      props: { item: { ...base, promisedLimitWorkdays: 0 }, station },
      global: { plugins: [createAppI18n('zh-CN')] },
    })
    expect(wrapper.find('[data-field="timeLimit"]').text()).toContain('承诺时限：即办')
    expect(wrapper.text()).not.toContain('0 个工作日')
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
