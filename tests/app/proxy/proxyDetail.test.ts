import type { VueWrapper } from '@vue/test-utils'
import type { Applicant } from '../../../src/domain/case'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { printedField } from '../support/printedField'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { casesRepo, eventsRepo } from '../../../src/app/data'
import { defaultEntrustment } from '../../../src/app/entrustment/entrustmentForm'
import { useCasesStore } from '../../../src/app/stores/cases'
import { useProxyCasesStore } from '../../../src/app/stores/proxyCases'
import { mountAt, signedInCounter } from '../support/signedInCounter'
import { click, fakeCanvas, sign } from './support'
import { until } from '../support/until'

const Host = defineComponent({ render: () => h(RouterView) })
const applicant: Applicant = { type: 'person', name: '张三丰', idNumber: '11010519491231002X', mobile: '13800138000' }
const item = { code: 'sicard-lost-replace', name: '社会保障卡挂失补换(遗失)', department: '人社', promisedLimitWorkdays: 1 }

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-09-30T10:00:00+08:00'))
  fakeCanvas()
  window.print = vi.fn()
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

/** An accepted case of `kind` (代办 with its 委托书 signed), recorded through the store. */
async function acceptedCase(kind: 'proxy' | 'assisted'): Promise<string> {
  const entrustment = kind === 'proxy'
    ? { draft: defaultEntrustment({ principal: applicant, agent: { staffId: 'staff-wang', name: '王晓燕' }, item: { itemCode: item.code, itemName: item.name }, materials: [{ name: '居民身份证', copies: 1, form: '原件' }] }), signature: new Blob(['签名'], { type: 'image/png' }) }
    : null
  const result = await useCasesStore().intake({ kind, item, applicant, checklist: [], outcome: { type: 'accept' }, entrustment })
  return result.id
}

const actionsShown = (w: VueWrapper) => w.findAll('[data-test="proxy-panel"] .case-proxy__actions [data-test^="action-"]').map(b => b.attributes('data-test'))
const status = (w: VueWrapper) => w.find('[data-test="detail-status"]').text()
const timeline = (w: VueWrapper) => w.find('[data-test="timeline"]').text()

async function act(w: VueWrapper, action: string, fill: (w: VueWrapper) => Promise<void> = async () => {}): Promise<void> {
  await click(w, `[data-test="action-${action}"]`)
  await fill(w)
  await click(w, '[data-test="proxy-submit"]')
  await until(() => expect(w.find('[data-test="proxy-submit"]').exists()).toBe(false))
}

describe('代办 on the case detail (6.3.4.3)', () => {
  it('supplement requested → received, suspend → resume, terminate is final; only legal steps are offered', async () => {
    const pinia = await signedInCounter()
    const id = await acceptedCase('proxy')
    const { wrapper: w } = await mountAt(Host, `/cases/${id}`, pinia)
    await until(() => expect(w.find('[data-test="entrustment-summary"]').text()).toContain('JC01-WT-2026-A-0001'))
    await until(() => expect(actionsShown(w)).toEqual(['action-log', 'action-inProgress', 'action-requestSupplement', 'action-suspend', 'action-terminate', 'action-renew', 'action-print-entrustment']))

    await act(w, 'inProgress')
    await until(() => expect(status(w)).toBe('办理中'))
    // A supplement request needs the materials; the refusal is in Chinese and nothing is written.
    await click(w, '[data-test="action-requestSupplement"]')
    await click(w, '[data-test="proxy-submit"]')
    await until(() => expect(w.find('[data-test="action-error"]').text()).toBe('请至少填写一项材料'))
    await w.find('[data-test="field-materials"] textarea').setValue('居民户口簿')
    await click(w, '[data-test="contact-sms"]')
    await w.find('[data-test="field-reached"]').setValue(false)
    await click(w, '[data-test="proxy-submit"]')
    await until(() => expect(status(w)).toBe('待补充材料'))
    await until(() => expect(actionsShown(w)).toContain('action-receiveSupplement'))
    expect(actionsShown(w)).not.toContain('action-inProgress')
    await until(async () => expect((await casesRepo.get(id))?.supplements[0]).toMatchObject({ materials: [{ name: '居民户口簿' }], requestedBy: '人社', contact: { method: 'sms', reached: false } }))

    // Prefilled with what was asked for; back to 办理中 once complete.
    await act(w, 'receiveSupplement')
    await until(() => expect(status(w)).toBe('办理中'))
    await until(() => expect(timeline(w)).toContain('收到补充材料：居民户口簿，已补齐'))

    await act(w, 'suspend', async w => w.find('[data-test="field-text"] textarea').setValue('等待部门核查'))
    await until(() => expect(status(w)).toBe('已中止'))
    await until(() => expect(actionsShown(w)).toEqual(['action-log', 'action-resume', 'action-terminate', 'action-renew', 'action-print-entrustment']))
    await act(w, 'resume')
    await until(() => expect(status(w)).toBe('办理中'))

    await act(w, 'terminate', async (w) => {
      await w.find('[data-test="field-text"] textarea').setValue('委托人撤回委托')
      await click(w, '[data-test="initiator-principal"]')
    })
    await until(() => expect(status(w)).toBe('已终止'))
    await until(() => expect(actionsShown(w)).toEqual(['action-log', 'action-print-entrustment', 'action-print-termination']))
    await until(async () => expect((await casesRepo.get(id))?.termination).toMatchObject({ reason: '委托人撤回委托', initiatedBy: 'principal', materialsReturned: [{ name: '居民身份证' }] }))
    // The 终止单 prints every field.
    await click(w, '[data-test="action-print-termination"]')
    await until(() => expect(document.querySelector('[data-test="print-termination"]')).not.toBeNull())
    const doc = document.querySelector('[data-test="print-termination"]')
    // Each field's printed value, without its label.
    expect(Object.fromEntries(['number', 'principal', 'agent', 'items', 'initiatedBy', 'reason', 'terminatedAt', 'materials', 'signature', 'date'].map(f => [f, printedField(doc, f)]))).toEqual({
      number: 'JC01-WT-2026-A-0001',
      principal: '张*丰 · 110105********002X',
      agent: '王晓燕（山西银行晋城分行营业部便民服务站）',
      items: '社会保障卡挂失补换(遗失)（人社）',
      initiatedBy: '委托人',
      reason: '委托人撤回委托',
      terminatedAt: '2026年9月30日 10:00',
      materials: '1 居民身份证 原件 1',
      signature: '',
      date: '2026-09-30',
    })
    // No termination signature was captured: the paper leaves a blank line to sign by hand.
    expect(doc?.querySelector('[data-field="signature"] .print-sheet__blank')).not.toBeNull()
    expect(doc?.textContent).toContain('委托人撤回委托')
    expect(doc?.textContent).toContain('居民身份证')
    expect((await eventsRepo.byStream(id)).map(e => e.type).slice(4)).toEqual(['case.inProgress', 'case.supplementRequested', 'case.supplementReceived', 'case.suspended', 'case.resumed', 'case.terminated'])
    w.unmount()
  })

  it('prints the 委托书 with the stored signature', async () => {
    const pinia = await signedInCounter()
    const id = await acceptedCase('proxy')
    const { wrapper: w } = await mountAt(Host, `/cases/${id}`, pinia)
    await click(w, '[data-test="action-print-entrustment"]')
    await until(() => expect(document.querySelector('[data-test="print-entrustment"] [data-test="signature-image"]')).not.toBeNull())
    expect(document.querySelector('[data-test="print-entrustment"]')?.textContent).toContain('JC01-WT-2026-A-0001')
    w.unmount()
  })

  it('prints the 办结单 of a completed 代办 case, every field filled', async () => {
    const pinia = await signedInCounter()
    const id = await acceptedCase('proxy')
    await useProxyCasesStore().step(id, { type: 'case.completed', payload: { completedAt: '2026-09-30T15:00:00.000+08:00' } })
    const { wrapper: w } = await mountAt(Host, `/cases/${id}`, pinia)
    await click(w, '[data-test="action-print-completion"]')
    await until(() => expect(document.querySelector('[data-test="print-completion"]')).not.toBeNull())
    const doc = document.querySelector('[data-test="print-completion"]')
    // Each field's printed value, without its label.
    expect(Object.fromEntries(['number', 'principal', 'agent', 'items', 'acceptedAt', 'completedAt', 'delivery', 'principalSign', 'agentSign'].map(f => [f, printedField(doc, f)]))).toEqual({
      number: 'JC01-WT-2026-A-0001 · 编号：JC01-2026-A-0001',
      principal: '张*丰 · 110105********002X',
      agent: '王晓燕（山西银行晋城分行营业部便民服务站）',
      items: '社会保障卡挂失补换(遗失)（人社）',
      acceptedAt: '2026年9月30日 10:00',
      completedAt: '2026年9月30日 15:00（按时办结）',
      delivery: '待交付',
      principalSign: '',
      agentSign: '王晓燕',
    })
    // The principal signs the paper by hand on a blank line.
    expect(doc?.querySelector('[data-field="principalSign"] .print-sheet__blank')).not.toBeNull()
    expect(doc?.textContent).toContain('JC01-WT-2026-A-0001')
    expect(doc?.textContent).toContain('JC01-2026-A-0001')
    expect(doc?.textContent).toContain('按时办结')
    expect(doc?.textContent).toContain('待交付')
    w.unmount()
  })

  it('renews with a new number, a later validity and a new signature', async () => {
    const pinia = await signedInCounter()
    const id = await acceptedCase('proxy')
    const { wrapper: w } = await mountAt(Host, `/cases/${id}`, pinia)
    await click(w, '[data-test="action-renew"]')
    await click(w, '[data-test="proxy-submit"]')
    await until(() => expect(w.find('[data-test="action-error"]').text()).toBe('请委托人在平板上签名'))
    await sign(w)
    await click(w, '[data-test="proxy-submit"]')
    const state = await until(async () => {
      const stored = await casesRepo.get(id)
      expect(stored?.renewals).toHaveLength(1)
      return stored
    })
    expect(state?.renewals).toMatchObject([{ entrustmentNumber: 'JC01-WT-2026-A-0002', validFrom: '2026-10-30', validTo: '2026-11-28' }])
    expect(state?.entrustmentValidTo).toBe('2026-11-28')
    w.unmount()
  })
})

describe('帮办 on the case detail (6.3.3.2)', () => {
  it('accompany and a work-log liaison appear on the timeline; converting to 代办 keeps the history, then the 委托书 is signed', async () => {
    const pinia = await signedInCounter()
    const id = await acceptedCase('assisted')
    const { wrapper: w } = await mountAt(Host, `/cases/${id}`, pinia)
    await until(() => expect(actionsShown(w)).toEqual(['action-accompany', 'action-assistMode', 'action-log', 'action-convert']))
    await act(w, 'accompany')
    await until(() => expect(timeline(w)).toContain('帮办（陪同办理）'))
    await click(w, '[data-test="action-log"]')
    await click(w, '[data-test="log-kind-liaison"]')
    await w.find('[data-test="field-text"] textarea').setValue('已电话联系窗口确认办理进度')
    await click(w, '[data-test="proxy-submit"]')
    await until(() => expect(w.find('[data-test="action-error"]').text()).toBe('与部门联络须填写部门'))
    await w.find('[data-test="field-department"] input').setValue('市人社局')
    await click(w, '[data-test="proxy-submit"]')
    await until(() => expect(timeline(w)).toContain('工作日志（联络 市人社局）：已电话联系窗口确认办理进度'))

    await act(w, 'convert', async w => w.find('[data-test="field-text"] textarea').setValue('群众行动不便，申请代办'))
    await until(async () => expect(await casesRepo.get(id)).toMatchObject({ kind: 'proxy', convertedFromAssisted: { reason: '群众行动不便，申请代办' }, receiptNumber: 'JC01-2026-A-0001' }))
    // The history stays: every earlier entry is still on the timeline.
    await until(() => expect(timeline(w)).toContain('帮办转代办：群众行动不便，申请代办'))
    for (const line of ['受理：回执 JC01-2026-A-0001', '帮办（陪同办理）', '工作日志（联络 市人社局）', '帮办转代办：群众行动不便，申请代办'])
      expect(timeline(w)).toContain(line)
    // A converted case has no 委托书 yet: signing it is offered, and the 代办 steps wait for it.
    await until(() => expect(actionsShown(w)).toEqual(['action-entrust', 'action-log']))
    await click(w, '[data-test="action-entrust"]')
    await sign(w)
    await click(w, '[data-test="proxy-submit"]')
    await until(async () => expect((await casesRepo.get(id))?.entrustment?.entrustmentNumber).toBe('JC01-WT-2026-A-0001'))
    await until(() => expect(actionsShown(w)).toContain('action-inProgress'))
    w.unmount()
  })
})
