import type { VueWrapper } from '@vue/test-utils'
import { flushPromises } from '@vue/test-utils'
import type { LedgerRowContext } from '../../../src/domain/ledger'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { printedField } from '../support/printedField'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { casesRepo, eventsRepo, metaRepo } from '../../../src/app/data'
import { checkLedgerRow } from '../../../src/domain/ledgerCompleteness'
import { ledgerERow } from '../../../src/domain/ledgerE'
import { CaseTransitionRefused, ReceiptNumberUnavailable, useCasesStore } from '../../../src/app/stores/cases'
import { useCatalogStore } from '../../../src/app/stores/catalog'
import { useFormGuardStore } from '../../../src/app/stores/formGuard'
import { mountAt, signedInCounter } from '../support/signedInCounter'
import { until } from '../support/until'

const Host = defineComponent({ render: () => h(RouterView) })

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  // Wednesday 30 September 2026, before 国庆 (1–7 October) and its make-up day 10 October.
  vi.setSystemTime(new Date('2026-09-30T10:00:00+08:00'))
})

afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
})

const heading = (w: VueWrapper) => w.find('[data-test="step-heading"]').text()

/** Wait until the wizard shows step `n`. */
async function onStep(w: VueWrapper, n: number): Promise<void> {
  await until(() => expect(heading(w)).toContain(`第${n}步`))
}

/** Wait for the target to be there and enabled, tap it, and let the handlers' promises run. */
async function click(w: VueWrapper, selector: string): Promise<void> {
  const target = await until(() => {
    const found = w.find(selector)
    expect(found.exists(), selector).toBe(true)
    expect(found.attributes('disabled'), selector).toBeUndefined()
    return found
  })
  await target.trigger('click')
  await flushPromises()
}

/** (Walk-in, not asked) → 帮办 with its 帮办方式 → item (by pinyin) → a valid person applicant; ends on the materials step. */
async function toMaterials(w: VueWrapper, itemCode: string, search: string): Promise<void> {
  await onStep(w, 1)
  expect(w.find('[data-test="intake-source"]').attributes('data-source')).toBe('walkIn')
  // The view loads the catalog on mount; a picker opened before that lists nothing (its hits do not follow the load).
  await until(() => expect(useCatalogStore().loaded).toBe(true))
  await click(w, '[data-test="kind-assisted"]')
  // 帮办 asks its 帮办方式 first; picking one goes on by itself.
  expect(heading(w)).toContain('第1步')
  await click(w, '[data-test="assist-mode-formFilling"]')
  await onStep(w, 2)
  await w.find('[data-test="catalog-search"] input').setValue(search)
  await click(w, `[data-code="${itemCode}"]`)
  // Choosing the item goes on by itself.
  await onStep(w, 3)
  await w.find('[data-test="applicant-name"] input').setValue('张三丰')
  await w.find('[data-test="applicant-id"] input').setValue('11010519491231002X')
  await w.find('[data-test="applicant-mobile"] input').setValue('138 0013 8000')
  await click(w, '[data-test="step-next"]')
  await onStep(w, 4)
}

/** Set the status of each material row in order ('-' leaves it undecided). */
async function decide(w: VueWrapper, statuses: string[]): Promise<void> {
  const rows = await until(() => {
    const found = w.findAll('[data-test="material-row"]')
    expect(found).toHaveLength(statuses.length)
    return found
  })
  for (const [i, s] of statuses.entries()) {
    if (s !== '-')
      await rows[i]?.find(`[data-test="status-${s}"]`).trigger('click')
  }
  await flushPromises()
}

describe('intake at the counter (6.3.2)', () => {
  it('steps forward only with valid input, in Chinese, and back freely', async () => {
    const pinia = await signedInCounter()
    const { wrapper: w } = await mountAt(Host, '/intake', pinia)
    // The source (walk-in, the only choice) is not a step.
    await onStep(w, 1)
    expect(w.find('[data-step="source"]').exists()).toBe(false)
    // No kind chosen: stays (leaving a step is checked synchronously in the tap).
    await click(w, '[data-test="step-next"]')
    expect(heading(w)).toContain('第1步')
    // 帮办 without its 帮办方式 stays too.
    await click(w, '[data-test="kind-assisted"]')
    await click(w, '[data-test="step-next"]')
    expect(heading(w)).toContain('第1步')
    await until(() => expect(document.body.textContent).toContain('请选择帮办方式'))
    // The view loads the catalog on mount; a picker opened before that lists nothing (its hits do not follow the load).
    await until(() => expect(useCatalogStore().loaded).toBe(true))
    // 代办 goes on by itself, as the item does.
    await click(w, '[data-test="kind-proxy"]')
    await until(() => expect(useFormGuardStore().hasOpenForm).toBe(true))
    await onStep(w, 2)
    await click(w, '[data-code="hukou-idcard-renew"]')
    await onStep(w, 3)
    await w.find('[data-test="applicant-id"] input').setValue('110105194912310021')
    await w.find('[data-test="applicant-mobile"] input').setValue('12345678901')
    await click(w, '[data-test="step-next"]')
    expect(heading(w)).toContain('第3步')
    await until(() => expect(w.text()).toContain('请填写申请人姓名'))
    expect(w.text()).toContain('身份证号码校验位不正确')
    expect(w.text()).toContain('手机号码应以13–19开头')
    // An organisation with a USCC failing its check: a warning staff may override.
    await click(w, '[data-test="applicant-organisation"]')
    await w.find('[data-test="applicant-org-name"] input').setValue('晋城市某某有限公司')
    await w.find('[data-test="applicant-uscc"] input').setValue('91140500MA0K000001')
    await w.find('[data-test="applicant-contact-name"] input').setValue('李四')
    await w.find('[data-test="applicant-contact-phone"] input').setValue('0356-2021234')
    await until(() => expect(w.find('[data-test="uscc-warning"]').text()).toContain('校验位不正确'))
    await click(w, '[data-test="step-next"]')
    expect(heading(w)).toContain('第3步')
    await click(w, '[data-test="uscc-override"]')
    await click(w, '[data-test="step-next"]')
    await onStep(w, 4)
    // Nothing marked yet: no red "缺少 N 项" verdict, only how to go on.
    const summary = w.find('[data-test="materials-summary"]')
    expect(summary.text()).not.toContain('缺少')
    expect(summary.text()).toContain('逐项标记')
    // Undecided required materials hold the step.
    await click(w, '[data-test="step-next"]')
    expect(heading(w)).toContain('第4步')
    await until(() => expect(w.findAll('[data-undecided="true"]')).toHaveLength(3))
    // Once something is marked, the verdict shows.
    await w.findAll('[data-test="material-row"]')[1]?.find('[data-test="status-missing"]').trigger('click')
    await until(() => expect(w.find('[data-test="materials-summary"]').text()).toContain('缺少 3 项材料'))
    await click(w, '[data-test="step-back"]')
    await onStep(w, 3)
    expect(await eventsRepo.count()).toBe(0)
    w.unmount()
  })

  it('accepts a complete intake: received + materialsChecked + accepted, receipt number, due after 国庆', async () => {
    const pinia = await signedInCounter()
    const { wrapper: w, router } = await mountAt(Host, '/intake', pinia)
    // 社保卡挂失补换: promised 1 working day; its identity documents are 择一.
    await toMaterials(w, 'sicard-lost-replace', 'sbk')
    await decide(w, ['provided', '-', '-', '-'])
    await until(() => expect(w.find('[data-test="materials-summary"]').text()).toContain('材料齐全'))
    await click(w, '[data-test="step-next"]')
    await onStep(w, 5)
    // Complete: 受理 is recorded on the tap, no second confirmation.
    expect(w.find('[data-test="step-submit"]').exists()).toBe(false)
    await click(w, '[data-test="outcome-accept"]')
    await until(() => expect(w.find('[data-test="intake-done"]').exists()).toBe(true))
    expect(w.find('[data-test="intake-done"]').text()).toContain('2026年10月8日')
    expect(w.find('[data-test="receipt-number"]').text()).toContain('JC01-2026-A-0001')
    const id = useCasesStore().current?.id ?? ''
    const events = await eventsRepo.byStream(id)
    expect(events.map(e => e.type)).toEqual(['case.received', 'case.materialsChecked', 'case.accompanied', 'case.accepted'])
    expect(new Set(events.map(e => e.occurredAt)).size).toBe(1)
    expect(events[0]?.payload).toMatchObject({ kind: 'assisted', itemCode: 'sicard-lost-replace', channel: 'walkIn', applicant: { type: 'person', name: '张三丰', idNumber: '11010519491231002X', mobile: '13800138000' } })
    expect(events[1]?.payload).toMatchObject({ complete: true })
    // 帮办方式, asked at intake, is what ledger E's 帮办方式 column reads.
    expect(events[2]?.payload).toEqual({ mode: 'formFilling' })
    expect(events[3]?.payload).toEqual({ receiptNumber: 'JC01-2026-A-0001', dueAt: '2026-10-08T23:59:59.999+08:00' })
    const state = await casesRepo.get(id)
    expect(state?.assistModes).toEqual(['formFilling'])
    if (!state)
      throw new Error('case not stored')
    expect(checkLedgerRow('E', ledgerERow(state, { rowNumber: 1, stationName: '城区西街便民服务站' } satisfies LedgerRowContext))).toEqual([])
    expect(await casesRepo.get(id)).toMatchObject({ status: 'accepted', receiptNumber: 'JC01-2026-A-0001' })
    expect(useFormGuardStore().hasOpenForm).toBe(false)
    // The receipt prints every field, the ID masked.
    const receipt = document.querySelector('[data-test="acceptance-receipt"]')
    expect(receipt).not.toBeNull()
    // Each field's printed value, without its label.
    expect(Object.fromEntries(['number', 'item', 'applicant', 'contact', 'handler', 'receivedAt', 'limit', 'materials', 'progress', 'delivery'].map(f => [f, printedField(receipt, f)]))).toEqual({
      number: 'JC01-2026-A-0001',
      item: '社会保障卡挂失补换(遗失)（人力资源和社会保障局）',
      applicant: '张*丰 · 证件号码：110105********002X',
      contact: '138****8000',
      handler: '王晓燕（山西银行晋城分行营业部便民服务站）',
      receivedAt: '2026年9月30日 10:00',
      limit: '1 个工作日，预计 2026-10-08 前办结',
      materials: '1 居民身份证件 原件 1',
      progress: '凭回执编号 JC01-2026-A-0001 到山西银行晋城分行营业部便民服务站查询，或拨打 0356-2021234',
      delivery: '即办;办理结果类型:无',
    })
    expect(receipt?.textContent).toContain('110105********002X')
    expect(receipt?.textContent).not.toContain('11010519491231002X')
    expect(receipt?.textContent).toContain('王晓燕')
    expect(receipt?.textContent).toContain('2026-10-08')
    expect(receipt?.querySelectorAll('[data-test="receipt-material"]')).toHaveLength(1)

    // A second intake on this tablet gets the next serial.
    await click(w, '[data-test="intake-again"]')
    await toMaterials(w, 'sicard-lost-replace', 'sbk')
    // "全部已提供" marks the required ones (one of the 择一 group) and goes on.
    await click(w, '[data-test="all-provided"]')
    await onStep(w, 5)
    await click(w, '[data-test="outcome-accept"]')
    await until(() => expect(w.find('[data-test="receipt-number"]').text()).toContain('JC01-2026-A-0002'))
    expect(router.currentRoute.value.name).toBe('intake')
    w.unmount()
  })

  it('an incomplete intake issues a notice with every missing material and cannot be accepted; 补正 then accepts', async () => {
    const pinia = await signedInCounter()
    const { wrapper: w, router } = await mountAt(Host, '/intake', pinia)
    // 居民身份证换领: 15 working days; three required materials and one optional.
    await toMaterials(w, 'hukou-idcard-renew', '身份证换领')
    await decide(w, ['provided', 'missing', 'missing', '-'])
    await click(w, '[data-test="step-next"]')
    await onStep(w, 5)
    await until(() => expect(w.find('[data-test="outcome-missing"]').exists()).toBe(true))
    expect(w.find('[data-test="outcome-accept"]').exists()).toBe(false)
    const missingText = w.find('[data-test="outcome-missing"]').text()
    expect(missingText).toContain('居民户口簿')
    expect(missingText).toContain('《居民身份证申领登记表》')
    await click(w, '[data-test="outcome-notice"]')
    await until(() => expect(w.find('[data-test="intake-done"]').exists()).toBe(true))
    const id = useCasesStore().current?.id ?? ''
    expect((await eventsRepo.byStream(id)).map(e => e.type)).toEqual(['case.received', 'case.materialsChecked', 'case.accompanied'])
    expect(await casesRepo.get(id)).toMatchObject({ status: 'awaitingSupplement', noticeIssued: true, missingMaterials: ['居民户口簿', '《居民身份证申领登记表》'] })
    const notice = document.querySelector('[data-test="one-time-notice"] [data-field="missing"]')
    expect(notice?.textContent).toContain('居民户口簿')
    expect(notice?.textContent).toContain('《居民身份证申领登记表》')
    expect(notice?.querySelectorAll('tbody tr')).toHaveLength(2)

    // Accepting now is refused with the domain's reason, and nothing is written.
    await expect(useCasesStore().accept(id)).rejects.toThrow(CaseTransitionRefused)
    await expect(useCasesStore().accept(id)).rejects.toMatchObject({ code: 'refused', params: { reason: expect.stringContaining('材料不齐全，缺少：居民户口簿、《居民身份证申领登记表》') } })
    expect(await eventsRepo.byStream(id)).toHaveLength(3)

    // The citizen comes back on 9 October (after 国庆) with both: 补正 re-runs the checklist and accepts.
    vi.setSystemTime(new Date('2026-10-09T09:30:00+08:00'))
    await router.push(`/cases/${id}`)
    await until(() => expect(w.find('[data-test="detail-status"]').text()).toBe('待补正'))
    expect(w.find('[data-test="action-print-notice"]').text()).toBe('打印补正告知单')
    await click(w, '[data-test="action-supplement"]')
    const rows = await until(() => {
      const found = w.find('[data-test="supplement-panel"]').findAll('[data-test="material-row"]')
      expect(found.length).toBeGreaterThanOrEqual(3)
      return found
    })
    await rows[1]?.find('[data-test="status-supplemented"]').trigger('click')
    await rows[2]?.find('[data-test="status-supplemented"]').trigger('click')
    // Nothing was printed yet for this case: the button says print, not reprint.
    expect(w.find('[data-test="action-print-receipt"]').exists()).toBe(false)
    await click(w, '[data-test="outcome-accept"]')
    await click(w, '[data-test="supplement-submit"]')
    await until(async () => expect((await casesRepo.get(id))?.status).toBe('accepted'))
    // The detail shows what the data layer now holds.
    await until(() => expect(w.find('[data-test="detail-status"]').text()).toBe('已受理'))
    // After 补正 nothing was printed for the acceptance yet: 打印, not 重印.
    expect(w.find('[data-test="action-print-receipt"]').text()).toBe('打印收件回执')
    const events = await eventsRepo.byStream(id)
    expect(events.map(e => e.type)).toEqual(['case.received', 'case.materialsChecked', 'case.accompanied', 'case.materialsChecked', 'case.accepted'])
    // 15 working days from Friday 9 October, counting Saturday 10 October (a make-up working day): 29 October.
    expect(events[4]?.payload).toEqual({ receiptNumber: 'JC01-2026-A-0001', dueAt: '2026-10-29T23:59:59.999+08:00' })
    expect(w.find('[data-test="detail-status"]').text()).toBe('已受理')
    await until(() => expect(w.find('[data-test="timeline"]').text()).toContain('受理：回执 JC01-2026-A-0001'))
    expect(w.find('[data-test="timeline"]').text()).toContain('材料核验：缺少 2 项')
    w.unmount()
  })

  it('returns with a reason (退件原因) and lists cases searchable by last 4 of the ID and mobile, masked', async () => {
    const pinia = await signedInCounter()
    const { wrapper: w, router } = await mountAt(Host, '/intake', pinia)
    await toMaterials(w, 'hukou-idcard-renew', '身份证换领')
    await decide(w, ['provided', 'provided', 'provided', '-'])
    await click(w, '[data-test="step-next"]')
    await onStep(w, 5)
    await click(w, '[data-test="outcome-return"]')
    await until(() => expect(w.find('[data-test="return-reason"] textarea').exists()).toBe(true))
    await click(w, '[data-test="step-submit"]')
    await until(() => expect(w.text()).toContain('请填写退件原因'))
    expect(await eventsRepo.count()).toBe(0)
    await w.find('[data-test="return-reason"] textarea').setValue('户籍不在本市，不属于本站受理范围')
    await click(w, '[data-test="step-submit"]')
    await until(() => expect(w.find('[data-test="intake-done"]').exists()).toBe(true))
    const id = useCasesStore().current?.id ?? ''
    expect((await eventsRepo.byStream(id)).map(e => e.type)).toEqual(['case.received', 'case.materialsChecked', 'case.accompanied', 'case.returned'])
    expect(await casesRepo.get(id)).toMatchObject({ status: 'returned', returnReason: '户籍不在本市，不属于本站受理范围' })

    await router.push('/cases')
    const rows = () => w.findAll('[data-test="case-row"]')
    await until(() => expect(rows()).toHaveLength(1))
    await until(() => expect(rows()[0]?.find('.sync-state-tag').exists()).toBe(true))
    expect(rows()[0]?.text()).toContain('张*丰')
    expect(rows()[0]?.text()).toContain('110105********002X')
    expect(rows()[0]?.text()).toContain('138****8000')
    expect(rows()[0]?.find('.sync-state-tag').attributes('data-state')).toBe('pending')
    expect(w.html()).not.toContain('13800138000')
    expect(w.html()).not.toContain('张三丰')
    const search = w.find('[data-test="case-search"] input')
    // The list filters as typed (a computed over the loaded rows): a miss empties it, a hit brings the row back.
    await search.setValue('1234')
    await until(() => expect(rows()).toHaveLength(0))
    await search.setValue('002X')
    await until(() => expect(rows()).toHaveLength(1))
    await search.setValue('1234')
    await until(() => expect(rows()).toHaveLength(0))
    await search.setValue('13800138000')
    await until(() => expect(rows()).toHaveLength(1))
    await search.setValue('1234')
    await until(() => expect(rows()).toHaveLength(0))
    w.unmount()
  })

  it('never numbers a receipt without the slot the server assigned this tablet (two tablets could collide)', async () => {
    await signedInCounter()
    const cases = useCasesStore()
    const at = new Date()
    await expect(cases.nextReceiptNumber(at)).resolves.toBe('JC01-2026-A-0001')
    await metaRepo.remove('deviceSlot')
    await expect(cases.nextReceiptNumber(at)).rejects.toThrow(ReceiptNumberUnavailable)
    await expect(cases.nextReceiptNumber(at)).rejects.toMatchObject({ code: 'case.receiptNoDeviceSlot' })
    await metaRepo.set('deviceSlot', 2)
    await expect(cases.nextReceiptNumber(at)).resolves.toBe('JC01-2026-B-0001')
  })
})
