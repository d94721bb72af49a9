import type { VueWrapper } from '@vue/test-utils'
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { blobsRepo, casesRepo, eventsRepo } from '../../../src/app/data'
import { completionErrors, completionFields, emptyCompletionDraft } from '../../../src/app/handover/completionForm'
import { handoverErrors, emptyHandoverDraft } from '../../../src/app/handover/handoverForm'
import { CaseTransitionRefused } from '../../../src/app/stores/cases'
import { useHandoverStore } from '../../../src/app/stores/handover'
import { mountAt, signedInCounter } from '../support/signedInCounter'
import { until } from '../support/until'
import { acceptedCase, APPROVED, fakeCanvas } from '../support/acceptedCase'

const Host = defineComponent({ render: () => h(RouterView) })

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-09-30T10:00:00+08:00'))
})

/** Unmounted after each test, so nothing of theirs runs once the DOM is gone. */
const mounted: VueWrapper[] = []

async function mountCounter(...args: Parameters<typeof mountAt>) {
  const result = await mountAt(...args)
  mounted.push(result.wrapper)
  return result
}

afterEach(() => {
  mounted.splice(0).forEach(w => w.unmount())
  vi.useRealTimers()
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

/** Wait for the target to be there and enabled, tap it, and let the handlers' promises run. */
async function click(w: VueWrapper, selector: string): Promise<void> {
  const el = await until(() => {
    const found = w.find(selector)
    expect(found.exists(), selector).toBe(true)
    expect(found.attributes('disabled'), selector).toBeUndefined()
    return found
  })
  await el.trigger('click')
  await flushPromises()
}

async function completions(id: string) {
  return (await eventsRepo.byStream(id)).filter(e => e.type === 'case.completed')
}

/** The open 办结 form: 准予 with its document, next, then confirm; nothing is recorded before the confirmation. */
async function completeApproved(w: VueWrapper, id: string): Promise<void> {
  await until(() => expect(w.find('[data-test="completion-form"]').exists()).toBe(true))
  await click(w, '[data-test="completion-approved"]')
  await w.find('[data-test="completion-document"] input').setValue('居民身份证')
  await click(w, '[data-test="completion-next"]')
  await until(() => expect(w.find('[data-test="completion-summary"]').text()).toContain('准予：居民身份证'))
  expect(await completions(id)).toHaveLength(0)
  await click(w, '[data-test="completion-confirm"]')
}

async function handedOver(id: string) {
  return (await eventsRepo.byStream(id)).filter(e => e.type === 'case.handedOver')
}

describe('handover (6.3.3.3, 6.3.4.5)', () => {
  it('is refused before completion, in Chinese, and nothing is written', async () => {
    await signedInCounter()
    const id = await acceptedCase()
    const refusal = useHandoverStore().handOver(id, { method: 'post', carrier: 'EMS', waybillNumber: '1234', recipient: { name: '张三丰', phone: '13800138000', address: '大同市平城区' }, eLicenceHintGiven: false })
    await expect(refusal).rejects.toThrow(CaseTransitionRefused)
    await expect(refusal).rejects.toThrow('交付未生效：办件尚未办结')
    await expect(refusal).rejects.toMatchObject({ domainReason: { code: 'fold.notApplied', params: { why: { code: 'case.notCompleted' } } } })
    expect(await handedOver(id)).toHaveLength(0)
  })

  it('offers no handover on an accepted case until 办结 is recorded', async () => {
    const pinia = await signedInCounter()
    const id = await acceptedCase()
    const { wrapper: w } = await mountCounter(Host, `/cases/${id}`, pinia)
    // The accepted case's actions are shown: 办结 is offered, handover is not.
    await until(() => expect(w.find('[data-test="action-complete"]').exists()).toBe(true))
    expect(w.find('[data-test="action-handover"]').exists()).toBe(false)
    await click(w, '[data-test="action-complete"]')
    await completeApproved(w, id)
    await until(async () => expect((await casesRepo.get(id))?.status).toBe('completed'))
    await until(() => expect(w.find('[data-test="detail-status"]').text()).toBe('已办结'))
    const state = await casesRepo.get(id)
    expect(state?.status).toBe('completed')
    expect(state?.onTime).toBe(true)
    expect(w.find('[data-test="detail-status"]').text()).toBe('已办结')
    expect(w.find('[data-test="on-time"]').text()).toBe('按时办结')
    await until(() => expect(w.find('[data-test="action-handover"]').exists()).toBe(true))
    expect(w.find('[data-test="action-complete"]').exists()).toBe(false)
  })

  it('办结 asks for the result and a confirmation: nothing recorded without them, 不予 needs its reason', async () => {
    const pinia = await signedInCounter()
    const id = await acceptedCase()
    const { wrapper: w } = await mountCounter(Host, `/cases/${id}`, pinia)
    await click(w, '[data-test="action-complete"]')
    // One tap opens the form; it records nothing.
    await until(() => expect(w.find('[data-test="completion-form"]').exists()).toBe(true))
    expect(await completions(id)).toHaveLength(0)
    // No result chosen: refused with the reason.
    await click(w, '[data-test="completion-next"]')
    await until(() => expect(w.find('[data-test="completion-result-error"]').text()).toBe('请选择准予或不予'))
    expect(w.find('[data-test="completion-confirm"]').exists()).toBe(false)
    // 不予 without a reason: refused.
    await click(w, '[data-test="completion-notApproved"]')
    await click(w, '[data-test="completion-next"]')
    await until(() => expect(w.find('[data-test="completion-reason"]').text()).toContain('请填写不予理由'))
    expect(w.find('[data-test="completion-confirm"]').exists()).toBe(false)
    await w.find('[data-test="completion-reason"] textarea').setValue('申请人户籍不在本县')
    await w.find('[data-test="completion-document-number"] input').setValue('城区不许〔2026〕3号')
    await click(w, '[data-test="completion-next"]')
    await until(() => expect(w.find('[data-test="completion-summary"]').text()).toContain('不予：申请人户籍不在本县'))
    expect(w.find('[data-test="completion-summary"]').text()).toContain('城区不许〔2026〕3号')
    // Back to edit keeps what was typed; still nothing recorded.
    await click(w, '[data-test="completion-back"]')
    expect((w.find('[data-test="completion-reason"] textarea').element as HTMLTextAreaElement).value).toBe('申请人户籍不在本县')
    expect(await completions(id)).toHaveLength(0)
    await click(w, '[data-test="completion-next"]')
    await click(w, '[data-test="completion-confirm"]')
    await until(async () => expect(await completions(id)).toHaveLength(1))
    const [event] = await completions(id)
    expect(event?.payload).toMatchObject({ result: 'notApproved', resultReason: '申请人户籍不在本县', resultDocumentNumber: '城区不许〔2026〕3号' })
    expect(event?.payload).not.toHaveProperty('resultDocument')
    await until(() => expect(w.find('[data-test="completion-result"]').text()).toContain('不予：申请人户籍不在本县'))
    expect((await casesRepo.get(id))?.completionResult).toEqual({ result: 'notApproved', document: null, documentNumber: '城区不许〔2026〕3号', reason: '申请人户籍不在本县' })
  })

  it('hands over in person: identity checked, the signature stored with the event by its SHA-256', async () => {
    fakeCanvas()
    const pinia = await signedInCounter()
    const id = await acceptedCase()
    await useHandoverStore().complete(id, APPROVED)
    const { wrapper: w } = await mountCounter(Host, `/cases/${id}`, pinia)
    await click(w, '[data-test="action-handover"]')
    await until(() => expect(w.find('[data-test="elicence-hint"]').text()).toBe('本事项暂无电子证照'))
    // What is handed over: the result recorded at 办结.
    expect(w.find('[data-test="completion-result"]').text()).toContain('准予：居民身份证')
    // Nothing signed or checked yet: refused with the reasons.
    await click(w, '[data-test="handover-submit"]')
    await until(() => expect(w.text()).toContain('请先核验领取人身份证件'))
    expect(w.find('[data-test="signature-error"]').text()).toBe('请领取人在签名区签名')
    expect(await handedOver(id)).toHaveLength(0)

    expect((w.find('[data-test="recipient-name"] input').element as HTMLInputElement).value).toBe('张三丰')
    await click(w, '[data-test="identity-checked"]')
    const pad = w.find('[data-test="signature-pad"]')
    await pad.trigger('pointerdown', { clientX: 10, clientY: 10, pointerId: 1 })
    await pad.trigger('pointermove', { clientX: 50, clientY: 30, pointerId: 1 })
    await pad.trigger('pointerup', { pointerId: 1 })
    await until(() => expect(w.find('[data-test="signature-state"]').text()).toBe('已签名'))
    await click(w, '[data-test="handover-submit"]')
    await until(async () => expect(await handedOver(id)).toHaveLength(1))

    const [event] = await handedOver(id)
    const payload = event?.payload as { method: string, recipient: { name: string, identityChecked: boolean, signatureSha256: string }, eLicenceHintGiven: boolean }
    expect(payload.method).toBe('inPerson')
    expect(payload.recipient.name).toBe('张三丰')
    expect(payload.recipient.identityChecked).toBe(true)
    expect(payload.eLicenceHintGiven).toBe(false)
    expect(payload.recipient.signatureSha256).toMatch(/^[0-9a-f]{64}$/)
    const blob = await blobsRepo.get(payload.recipient.signatureSha256)
    expect(blob).toBeDefined()
    expect((await casesRepo.get(id))?.status).toBe('handedOver')
    await until(() => expect(w.find('[data-test="detail-status"]').text()).toBe('已交付'))
    // Next: the rating prompt.
    await until(() => expect(w.find('[data-test="rating-counter"]').exists()).toBe(true))
  })

  it('hands over by post with the waybill number, and records the e-licence hint as told', async () => {
    const pinia = await signedInCounter()
    const id = await acceptedCase('health-birth-registration')
    await useHandoverStore().complete(id, APPROVED)
    const { wrapper: w } = await mountCounter(Host, `/cases/${id}`, pinia)
    await click(w, '[data-test="action-handover"]')
    await click(w, '[data-test="handover-post"]')
    // The item's own e-licence hint from the catalog.
    await until(() => expect(w.find('[data-test="elicence-hint"]').text()).toContain('电子证照'))
    expect(w.find('[data-test="elicence-hint"]').text()).not.toBe('本事项暂无电子证照')
    await click(w, '[data-test="handover-submit"]')
    await until(() => expect(w.text()).toContain('请填写运单号'))
    expect(w.text()).toContain('请填写邮寄地址')
    await w.find('[data-test="post-carrier"] input').setValue('中国邮政 EMS')
    await w.find('[data-test="post-waybill"] input').setValue('EA123456789CN')
    await w.find('[data-test="post-address"] textarea').setValue('山西省大同市平城区魏都大道 1 号')
    await click(w, '[data-test="elicence-told"]')
    await click(w, '[data-test="handover-submit"]')
    await until(async () => expect(await handedOver(id)).toHaveLength(1))
    const [event] = await handedOver(id)
    expect(event?.payload).toEqual({
      method: 'post',
      carrier: '中国邮政 EMS',
      waybillNumber: 'EA123456789CN',
      recipient: { name: '张三丰', phone: '13800138000', address: '山西省大同市平城区魏都大道 1 号' },
      eLicenceHintGiven: true,
    })
    expect((await casesRepo.get(id))?.handover?.method).toBe('post')
  })

  it('asks what a result needs and builds only its fields (pure form)', () => {
    const d = emptyCompletionDraft()
    expect(completionErrors(d)).toEqual({ result: 'completion.errors.result' })
    expect(completionErrors({ ...d, result: 'approved', document: '  ' })).toEqual({ document: 'completion.errors.document' })
    expect(completionErrors({ ...d, result: 'notApproved', document: '营业执照' })).toEqual({ reason: 'completion.errors.reason' })
    expect(completionFields({ ...d, result: 'approved', document: ' 营业执照 ', reason: '不会带上' })).toEqual({ result: 'approved', resultDocument: '营业执照' })
    expect(completionFields({ ...d, result: 'notApproved', document: '不会带上', reason: '条件不符', documentNumber: '3号' })).toEqual({ result: 'notApproved', resultReason: '条件不符', resultDocumentNumber: '3号' })
  })

  it('lists every missing field of a handover (pure form)', () => {
    const d = { ...emptyHandoverDraft(null), method: 'post' as const }
    expect(Object.keys(handoverErrors(d, false)).sort()).toEqual(['address', 'carrier', 'postName', 'postPhone', 'waybillNumber'])
    expect(Object.keys(handoverErrors({ ...d, method: 'inPerson' }, false)).sort()).toEqual(['identityChecked', 'recipientName', 'signature'])
  })
})
