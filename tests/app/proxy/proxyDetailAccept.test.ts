import type { VueWrapper } from '@vue/test-utils'
import type { Applicant } from '../../../src/domain/case'
import type { MaterialDraft } from '../../../src/app/intake/materialChecklist'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { casesRepo, eventsRepo, metaRepo } from '../../../src/app/data'
import { defaultEntrustment } from '../../../src/app/entrustment/entrustmentForm'
import { CaseTransitionRefused, useCasesStore } from '../../../src/app/stores/cases'
import { mountAt, signedInCounter } from '../support/signedInCounter'
import { click, fakeCanvas, sign } from './support'
import { until } from '../support/until'

const Host = defineComponent({ render: () => h(RouterView) })
const applicant: Applicant = { type: 'person', name: '张三丰', idNumber: '11010519491231002X', mobile: '13800138000' }
const item = { code: 'sicard-lost-replace', name: '社会保障卡挂失补换(遗失)', department: '人社', promisedLimitWorkdays: 1 }
const idCard = (status: MaterialDraft['status']): MaterialDraft => ({ name: '居民身份证', required: true, group: null, status, form: '原件', copies: 1, howToSupply: '携带本人居民身份证原件', photo: null, photoSha256: null })

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-09-30T10:00:00+08:00'))
  fakeCanvas()
  window.print = vi.fn()
  vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => {
    cb(0)
    return 0
  })
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

/** A 代办 case checked at intake but not accepted: waiting for supplements, or with complete materials. */
async function proxyCase(materials: 'missing' | 'complete'): Promise<string> {
  const result = await useCasesStore().intake({ kind: 'proxy', item, applicant, checklist: [idCard(materials === 'missing' ? 'missing' : 'provided')], outcome: { type: 'notice' } })
  return result.id
}

const types = async (id: string) => (await eventsRepo.byStream(id)).map(e => e.type)
const shown = (w: VueWrapper) => w.findAll('[data-test^="action-"]').map(b => b.attributes('data-test'))

describe('accepting a 代办 case from the detail view (6.3.4.2)', () => {
  it('after 补正 with complete materials, the 委托书 prefilled as in the intake is signed and the case accepted in one step', async () => {
    const pinia = await signedInCounter()
    const id = await proxyCase('missing')
    const { wrapper: w } = await mountAt(Host, `/cases/${id}`, pinia)
    await click(w, '[data-test="action-supplement"]')
    const rows = await until(() => {
      const found = w.find('[data-test="supplement-panel"]').findAll('[data-test="material-row"]')
      expect(found.length).toBeGreaterThan(0)
      return found
    })
    for (const row of rows)
      await row.find('[data-test="status-supplemented"]').trigger('click')
    await until(() => expect(w.find('[data-test="supplement-panel"] [data-test="outcome-accept"]').exists()).toBe(true))
    expect(w.find('[data-test="supplement-panel"] [data-test="entrustment-form"]').exists()).toBe(false)
    await click(w, '[data-test="outcome-accept"]')
    // Prefilled: the applicant as principal, the materials just supplemented as the handover list.
    await until(() => expect(w.find('[data-test="supplement-panel"] [data-test="entrustment-principal"]').text()).toContain('张三丰'))
    expect(w.find('[data-test="supplement-panel"] [data-test="entrustment-form"]').text()).toContain('居民身份证')
    // Not signed: refused in Chinese, nothing written.
    await click(w, '[data-test="supplement-submit"]')
    await until(() => expect(w.find('[data-test="supplement-panel"] [data-test="entrustment-problems"]').exists()).toBe(true))
    expect(w.text()).toContain('请委托人在框内签名')
    expect(await types(id)).toEqual(['case.received', 'case.materialsChecked'])

    await sign(w)
    await click(w, '[data-test="supplement-submit"]')
    await until(async () => expect((await casesRepo.get(id))?.status).toBe('accepted'))
    expect(await types(id)).toEqual(['case.received', 'case.materialsChecked', 'case.materialsChecked', 'case.entrusted', 'case.accepted'])
    expect(await casesRepo.get(id)).toMatchObject({
      receiptNumber: 'JC01-2026-A-0001',
      entrustment: { entrustmentNumber: 'JC01-WT-2026-A-0001', principal: { name: '张三丰' }, agent: { staffId: 'staff-wang' }, materials: [{ name: '居民身份证' }] },
    })
    w.unmount()
  })

  it('the store takes the entrustment on supplement and accept as intake does, and refuses an acceptance without one before numbering', async () => {
    await signedInCounter()
    const cases = useCasesStore()
    const waiting = await proxyCase('missing')
    await expect(cases.supplement(waiting, [idCard('supplemented')], { type: 'accept' })).rejects.toThrow('受理未生效：代办办件须先签订委托书')
    const complete = await proxyCase('complete')
    await expect(cases.accept(complete)).rejects.toThrow(CaseTransitionRefused)
    await expect(cases.accept(complete)).rejects.toThrow('受理未生效：代办办件须先签订委托书')
    expect(await metaRepo.get('receiptSerial')).toBeUndefined()
    expect(await metaRepo.get('entrustmentSerial')).toBeUndefined()
    expect(await types(waiting)).toEqual(['case.received', 'case.materialsChecked'])

    const draft = defaultEntrustment({ principal: applicant, agent: { staffId: 'staff-wang', name: '王晓燕' }, item: { itemCode: item.code, itemName: item.name }, materials: [{ name: '居民身份证', copies: 1, form: '原件' }] })
    const result = await cases.accept(complete, { draft, signature: new Blob(['签名'], { type: 'image/png' }) })
    expect(result.receiptNumber).toBe('JC01-2026-A-0001')
    expect(await types(complete)).toEqual(['case.received', 'case.materialsChecked', 'case.entrusted', 'case.accepted'])
  })

  it('a 代办 case with complete materials and no 委托书 offers 签订委托书并受理, never 受理 alone', async () => {
    const pinia = await signedInCounter()
    const id = await proxyCase('complete')
    const { wrapper: w } = await mountAt(Host, `/cases/${id}`, pinia)
    await until(() => expect(w.find('[data-test="detail-status"]').text()).toBe('材料齐全'))
    await until(() => expect(shown(w)).toContain('action-entrust-accept'))
    expect(shown(w)).not.toContain('action-accept')
    // Not the 委托书 alone either: the two go together before acceptance.
    expect(shown(w)).not.toContain('action-entrust')

    await click(w, '[data-test="action-entrust-accept"]')
    await until(() => expect(w.find('[data-test="entrustment-principal"]').text()).toContain('张三丰'))
    await click(w, '[data-test="entrust-accept-submit"]')
    await until(() => expect(w.find('[data-test="entrust-accept-panel"] [data-test="entrustment-problems"]').exists()).toBe(true))
    expect(await types(id)).toEqual(['case.received', 'case.materialsChecked'])
    await sign(w)
    await click(w, '[data-test="entrust-accept-submit"]')
    await until(async () => expect((await casesRepo.get(id))?.status).toBe('accepted'))
    expect(await types(id)).toEqual(['case.received', 'case.materialsChecked', 'case.entrusted', 'case.accepted'])
    // The detail shows the accepted case: then the entrust-and-accept action is gone.
    await until(() => expect(w.find('[data-test="detail-status"]').text()).toBe('已受理'))
    expect(shown(w)).not.toContain('action-entrust-accept')
    expect(shown(w)).not.toContain('action-accept')
    w.unmount()
  })

  it('prints only the sheet just requested: a receipt, then the 委托书, then the receipt again; cleared after printing', async () => {
    const pinia = await signedInCounter()
    const id = await proxyCase('complete')
    const draft = defaultEntrustment({ principal: applicant, agent: { staffId: 'staff-wang', name: '王晓燕' }, item: { itemCode: item.code, itemName: item.name }, materials: [] })
    await useCasesStore().accept(id, { draft, signature: new Blob(['签名'], { type: 'image/png' }) })
    const { wrapper: w } = await mountAt(Host, `/cases/${id}`, pinia)
    const sheets = () => [...document.querySelectorAll('.bm-print-root [data-test]')].filter(e => e.parentElement?.classList.contains('bm-print-root')).map(e => e.getAttribute('data-test'))

    await click(w, '[data-test="action-print-receipt"]')
    await until(() => expect(sheets()).toEqual(['acceptance-receipt']))
    await click(w, '[data-test="action-print-entrustment"]')
    await until(() => expect(sheets()).toEqual(['print-entrustment']))
    expect(document.querySelectorAll('.bm-print-root')).toHaveLength(1)
    await click(w, '[data-test="action-print-receipt"]')
    await until(() => expect(sheets()).toEqual(['acceptance-receipt']))
    await until(() => expect(window.print).toHaveBeenCalledTimes(3))

    window.dispatchEvent(new Event('afterprint'))
    await until(() => expect(document.querySelectorAll('.bm-print-root')).toHaveLength(0))
    w.unmount()
  })
})
