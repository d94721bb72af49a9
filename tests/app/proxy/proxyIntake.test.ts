import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { printedField } from '../support/printedField'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { blobsRepo, casesRepo, eventsRepo, metaRepo, sha256Hex } from '../../../src/app/data'
import { useCasesStore } from '../../../src/app/stores/cases'
import { mountAt, signedInCounter } from '../support/signedInCounter'
import { click, fakeCanvas, sign, SIGNATURE_BYTES, toOutcome } from './support'
import { until } from '../support/until'

const Host = defineComponent({ render: () => h(RouterView) })

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-09-30T10:00:00+08:00'))
  fakeCanvas()
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

describe('代办 intake (6.3.4.2): the 委托书 is signed before acceptance', () => {
  it('is not accepted without the principal\'s signature, and nothing is written', async () => {
    const pinia = await signedInCounter()
    const { wrapper: w } = await mountAt(Host, '/intake', pinia)
    await toOutcome(w, 'proxy')
    await click(w, '[data-test="outcome-accept"]')
    const form = await until(() => {
      const found = w.find('[data-test="entrustment-form"]')
      expect(found.exists()).toBe(true)
      return found
    })
    // Prefilled: the applicant as principal (ID masked), the signed-in staff member as agent.
    expect(form.find('[data-test="entrustment-principal"]').text()).toContain('张三丰')
    expect(form.text()).toContain('王晓燕')
    await click(w, '[data-test="step-submit"]')
    await until(() => expect(w.find('[data-test="entrustment-problems"]').text()).toContain('请委托人在平板上签名后再受理'))
    // No powers: refused too.
    for (const p of ['submit', 'sign', 'collectResult'])
      await w.find(`[data-test="power-${p}"]`).trigger('change')
    await sign(w)
    await click(w, '[data-test="step-submit"]')
    await until(() => expect(w.find('[data-test="entrustment-problems"]').text()).toContain('请至少勾选一项委托权限'))
    expect(await eventsRepo.count()).toBe(0)
    w.unmount()
  })

  it('the store refuses a 代办 acceptance without an entrustment before numbering anything', async () => {
    await signedInCounter()
    const item = { code: 'sicard-lost-replace', name: '社会保障卡挂失补换', department: '人社', promisedLimitWorkdays: 1 }
    await expect(useCasesStore().intake({
      kind: 'proxy',
      item,
      applicant: { type: 'person', name: '张三丰', idNumber: '11010519491231002X', mobile: '13800138000' },
      checklist: [],
      outcome: { type: 'accept' },
    })).rejects.toMatchObject({ code: 'case.needsEntrustment' })
    expect(await eventsRepo.count()).toBe(0)
    expect(await metaRepo.get('receiptSerial')).toBeUndefined()
  })

  it('with the 委托书 signed it is accepted, numbered, the signature stored, and the 委托书 prints every field', async () => {
    const pinia = await signedInCounter()
    const { wrapper: w } = await mountAt(Host, '/intake', pinia)
    await toOutcome(w, 'proxy')
    await click(w, '[data-test="outcome-accept"]')
    await until(() => expect(w.find('[data-test="entrustment-form"]').exists()).toBe(true))
    await w.find('[data-test="power-collectResult"]').trigger('change')
    await w.find('[data-test="valid-to"]').setValue('2026-10-31')
    await sign(w)
    expect(w.find('[data-test="signature-state"]').text()).toBe('已签名')
    await click(w, '[data-test="step-submit"]')
    await until(() => expect(w.find('[data-test="intake-done"]').exists()).toBe(true))
    const id = useCasesStore().current?.id ?? ''
    const events = await eventsRepo.byStream(id)
    expect(events.map(e => e.type)).toEqual(['case.received', 'case.materialsChecked', 'case.entrusted', 'case.accepted'])
    const sha = await sha256Hex(new Blob([new TextEncoder().encode(SIGNATURE_BYTES)]))
    expect(events[2]?.payload).toMatchObject({
      entrustmentNumber: 'JC01-WT-2026-A-0001',
      principal: { type: 'person', name: '张三丰', idNumber: '11010519491231002X' },
      agent: { staffId: 'staff-wang', name: '王晓燕' },
      items: [{ itemCode: 'sicard-lost-replace' }],
      powers: ['submit', 'sign'],
      validFrom: '2026-09-30',
      validTo: '2026-10-31',
      signatureSha256: sha,
    })
    expect((events[2]?.payload as { materials: unknown[] }).materials).toHaveLength(1)
    const stored = await blobsRepo.get(sha)
    expect(stored?.type).toBe('image/png')
    expect(await casesRepo.get(id)).toMatchObject({ status: 'accepted', kind: 'proxy', entrustment: { entrustmentNumber: 'JC01-WT-2026-A-0001' } })
    expect(await metaRepo.get('entrustmentSerial')).toMatchObject({ last: 1 })

    const print = document.querySelector('[data-test="print-entrustment"]')
    expect(print).not.toBeNull()
    // Each field's printed value, without its label.
    expect(Object.fromEntries(['number', 'principal', 'agent', 'items', 'powers', 'validity', 'materials', 'signature', 'agentSign', 'date'].map(f => [f, printedField(print, f)]))).toEqual({
      number: 'JC01-WT-2026-A-0001',
      principal: '张*丰 · 证件号码：110105********002X · 电话：138****8000',
      agent: '王晓燕（工号 staff-wang，山西银行晋城分行营业部便民服务站）',
      items: '社会保障卡挂失补换(遗失)',
      powers: '递交材料、签署文书',
      validity: '2026-09-30 至 2026-10-31（含当日）',
      materials: '1 居民身份证件 原件 1',
      signature: '',
      agentSign: '王晓燕',
      date: '2026-09-30',
    })
    expect(print?.textContent).toContain('JC01-WT-2026-A-0001')
    expect(print?.textContent).toContain('110105********002X')
    expect(print?.textContent).toContain('递交材料、签署文书')
    expect(print?.textContent).toContain('2026-09-30 至 2026-10-31')
    expect(print?.querySelector('[data-test="signature-image"]')?.getAttribute('src')).toBe('blob:signature')
    w.unmount()
  })
})
