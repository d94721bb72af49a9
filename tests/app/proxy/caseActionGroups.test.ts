import type { CaseState } from '../../../src/domain/case'
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import Vant from 'vant'
import { describe, expect, it } from 'vitest'
import { caseActions } from '../../../src/app/case/caseActions'
import CaseAssistActions from '../../../src/app/components/case/CaseAssistActions.vue'
import CaseProxyActions from '../../../src/app/components/case/CaseProxyActions.vue'
import EntrustmentForm from '../../../src/app/components/entrustment/EntrustmentForm.vue'
import CaseHandoverForm from '../../../src/app/components/handover/CaseHandoverForm.vue'
import CaseProxyActionForm from '../../../src/app/components/proxy/CaseProxyActionForm.vue'
import SignaturePad from '../../../src/app/components/signature/SignaturePad.vue'
import { defaultActionFields } from '../../../src/app/case/caseActions'
import { defaultEntrustment } from '../../../src/app/entrustment/entrustmentForm'
import { createAppI18n } from '../../../src/app/i18n'

const global = { plugins: [createPinia(), createAppI18n('zh-CN'), Vant] }
const testIds = (w: ReturnType<typeof mount>) => w.findAll('[data-test^="action-"]').map(b => b.attributes('data-test'))

/** Just what the 代办 group reads. */
const proxyCase = { kind: 'proxy', entrustment: null, termination: null, completedAt: null } as unknown as CaseState

describe('the 帮办 and 代办 action groups of the case detail', () => {
  it('帮办 shows its own steps among those allowed, in order, and asks for the one tapped', async () => {
    const w = mount(CaseAssistActions, { props: { actions: caseActions }, global })
    expect(testIds(w)).toEqual(['action-accompany', 'action-assistMode', 'action-log', 'action-convert'])
    await w.find('[data-test="action-convert"]').trigger('click')
    expect(w.emitted('open')).toEqual([['convert']])
  })

  it('代办 shows the 委托书 when it may be signed, then its own steps among those allowed', async () => {
    const w = mount(CaseProxyActions, { props: { caseState: proxyCase, actions: ['accompany', 'log', 'suspend'], canEntrust: true }, global })
    expect(testIds(w)).toEqual(['action-entrust', 'action-log', 'action-suspend'])
    await w.find('[data-test="action-entrust"]').trigger('click')
    await w.find('[data-test="action-suspend"]').trigger('click')
    expect(w.emitted('entrust')).toHaveLength(1)
    expect(w.emitted('open')).toEqual([['suspend']])
  })
})

describe('one signature pad', () => {
  it('is the only signature component, used by the 委托书, 续办 and handover forms', () => {
    const signatureComponents = Object.keys(import.meta.glob('../../../src/app/components/**/*Signature*.vue'))
    expect(signatureComponents).toEqual(['../../../src/app/components/signature/SignaturePad.vue'])

    const draft = defaultEntrustment({ principal: { type: 'person', name: '张三丰', idNumber: '11010519491231002X', mobile: '13800138000' }, agent: { staffId: 's', name: '王晓燕' }, item: { itemCode: 'x', itemName: 'x' }, materials: [] })
    const entrust = mount(EntrustmentForm, { props: { modelValue: draft, signature: null }, global })
    const renew = mount(CaseProxyActionForm, { props: { modelValue: defaultActionFields('renew', { supplements: [], department: '' } as unknown as CaseState), renewal: { validFrom: '', validTo: '' }, signature: null, action: 'renew' }, global })
    // In person (the default) the recipient signs on the same pad.
    const handover = mount(CaseHandoverForm, { props: { applicant: null }, global })
    for (const w of [entrust, renew, handover])
      expect(w.findComponent(SignaturePad).exists()).toBe(true)
  })
})
