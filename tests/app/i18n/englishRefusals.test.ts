/**
 * Issue 13 item 5: the domain's reasons — a step the rules refuse, two tablets contradicting each other — reach
 * staff in their language: thrown by the stores and worded by errorText, and shown by the case and consultation
 * screens (attention flags, the panel resolving them, the timeline). The same reasons in Chinese keep the
 * domain's own wording, the text a resolution names a flag by.
 */
import type { VueWrapper } from '@vue/test-utils'
import type { Pinia } from 'pinia'
import type { AppLocale } from '../../../src/app/i18n'
import { flushPromises, mount } from '@vue/test-utils'
import Vant from 'vant'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, RouterView } from 'vue-router'
import { errorTextWith } from '../../../src/app/composables/useErrorText'
import { applyPulledEvents, casesRepo } from '../../../src/app/data'
import { createAppI18n, loadLocaleMessages } from '../../../src/app/i18n'
import { createAppRouter } from '../../../src/app/router'
import { useAppointmentsStore } from '../../../src/app/stores/appointments'
import { useCasesStore } from '../../../src/app/stores/cases'
import { useConsultationsStore } from '../../../src/app/stores/consultations'
import { useHandoverStore } from '../../../src/app/stores/handover'
import { useProxyCasesStore } from '../../../src/app/stores/proxyCases'
import { newEventId } from '../../../src/domain/events'
import { acceptedCase } from '../support/acceptedCase'
import { STATION_ID } from '../support/enrolledTablet'
import { signedInCounter } from '../support/signedInCounter'

const HAN = /[\u4E00-\u9FFF]/
const Host = defineComponent({ render: () => h(RouterView) })
const mounted: VueWrapper[] = []

afterEach(() => {
  mounted.splice(0).forEach(w => w.unmount())
  document.body.innerHTML = ''
})

async function i18nFor(locale: AppLocale) {
  const i18n = createAppI18n(locale)
  await loadLocaleMessages(i18n.global, locale)
  return i18n
}

/** What staff read for the error `run` throws, in `locale`. */
async function refusalText(run: () => Promise<unknown>, locale: AppLocale): Promise<string> {
  const error = await run().then(() => null, (e: unknown) => e)
  expect(error, 'the step should be refused').not.toBeNull()
  const { global } = await i18nFor(locale)
  return errorTextWith(global)(error)
}

async function mountIn(locale: AppLocale, path: string, pinia: Pinia, ready: string): Promise<VueWrapper> {
  const router = createAppRouter(createMemoryHistory())
  await router.push(path)
  await router.isReady()
  const wrapper = mount(Host, { global: { plugins: [pinia, router, await i18nFor(locale), Vant] }, attachTo: document.body })
  mounted.push(wrapper)
  await vi.waitFor(async () => {
    await flushPromises()
    expect(wrapper.find(ready).exists()).toBe(true)
  }, { timeout: 10_000 })
  return wrapper
}

/** An accepted case that another tablet returned: two contradicting facts. */
async function conflictingCase(): Promise<string> {
  const id = await acceptedCase()
  const at = new Date(Date.now() + 1).toISOString()
  await applyPulledEvents([{ id: newEventId(), stream: id, type: 'case.returned', v: 1, payload: { reason: '不属于本站受理范围' }, stationId: STATION_ID, deviceId: 'device-b', staffId: 'staff-li', occurredAt: at, seq: 501, receivedAt: at }], 501)
  expect((await casesRepo.get(id))?.needsAttention).toBe(true)
  return id
}

const texts = (w: VueWrapper, selector: string): string[] => w.findAll(selector).map(e => e.text())

describe('the domain\'s reasons in the staff\'s language', () => {
  it('refused steps thrown by the case, handover, proxy, consultation and appointment stores read in English, and in the domain\'s Chinese', { timeout: 30_000 }, async () => {
    await signedInCounter()
    const id = await acceptedCase()
    const handover = () => useHandoverStore().handOver(id, { method: 'post', carrier: 'EMS', waybillNumber: '1234', recipient: { name: '张三丰', phone: '13800138000', address: '大同市平城区' }, eLicenceHintGiven: false })
    const returnAccepted = () => useCasesStore().returnCase(id, '材料不符')
    const proxyStep = () => useProxyCasesStore().step(id, { type: 'case.inProgress', payload: {} })
    const consultations = useConsultationsStore()
    const consultation = await consultations.recordNew({ channel: 'phone', name: '李华', phone: '0351-1234567', itemCode: null, itemName: null, question: '社保卡能在本站补办吗？', outcome: null, answer: '', guideGiven: null, department: '', personName: '', personPhone: '' })
    await consultations.reply(consultation, '可以在本站补办')
    const replyAgain = () => consultations.reply(consultation, '需到市人社局补办')
    const badMobile = () => useAppointmentsStore().bookByPhone({ itemCode: 'hukou-idcard-renew', itemName: '居民身份证换领', date: '2026-12-08', start: '09:00', name: '李华', mobile: '1380013800', consent: true })

    const expected: [() => Promise<unknown>, string, string][] = [
      [handover, 'Handover not recorded: the case has not been completed yet', '交付未生效：办件尚未办结'],
      [returnAccepted, 'Contradicting facts were recorded: accepted and returned', '记录了相互矛盾的事实：受理与退件'],
      [proxyStep, 'Proxy handling not recorded: only a proxy case has this step', '代办办理未生效：只有代办办件有此步骤'],
      [replyAgain, 'Reply not recorded: the consultation was already replied to', '答复未生效：咨询已答复'],
      [badMobile, 'A mobile number has 11 digits; this one has 10', '手机号码应为11位，当前为10位'],
    ]
    for (const [run, english, chinese] of expected) {
      const inEnglish = await refusalText(run, 'en')
      expect(inEnglish).toBe(english)
      expect(inEnglish).not.toMatch(HAN)
      expect(await refusalText(run, 'zh-CN')).toBe(chinese)
    }
  })

  it('a conflict between tablets shows in English on the case screen: the flag, the panel resolving it and the timeline', { timeout: 30_000 }, async () => {
    const pinia = await signedInCounter()
    const id = await conflictingCase()
    const w = await mountIn('en', `/cases/${id}`, pinia, '[data-test="attention-panel"]')
    const conflict = 'Two tablets recorded contradicting facts: accepted and returned (the earlier record stands)'
    const shown = [...texts(w, '.case-summary__attention li'), ...texts(w, '.case-attention__reason'), ...texts(w, '.timeline-list__refused')]
    expect(shown.length).toBeGreaterThanOrEqual(3)
    for (const text of shown) {
      expect(text).toContain(conflict)
      expect(text).not.toMatch(HAN)
    }
  })

  it('the same conflict in the Chinese UI reads as the domain words it, and resolving it still names it by that text', { timeout: 30_000 }, async () => {
    const pinia = await signedInCounter()
    const id = await conflictingCase()
    const w = await mountIn('zh-CN', `/cases/${id}`, pinia, '[data-test="attention-panel"]')
    const conflict = '两台设备记录了相互矛盾的事实：受理与退件（以时间在先的记录为准）'
    expect((await casesRepo.get(id))?.attentionReasons).toEqual([conflict])
    expect(texts(w, '.case-attention__reason')).toEqual([conflict])
    expect(texts(w, '.timeline-list__refused').join('')).toContain(conflict)
    await w.find('[data-test="attention-note"]').setValue('电话核实')
    await w.find('[data-test="attention-record-kept"] input').setValue(true)
    await w.find('[data-test="attention-resolve"]').trigger('click')
    await vi.waitFor(async () => {
      await flushPromises()
      expect(await casesRepo.get(id)).toMatchObject({ needsAttention: false, attentionReasons: [] })
    }, { timeout: 10_000 })
  })

  it('a consultation\'s two replies show in English on its screen', { timeout: 30_000 }, async () => {
    const pinia = await signedInCounter()
    const store = useConsultationsStore()
    const id = await store.recordNew({ channel: 'phone', name: '李华', phone: '0351-1234567', itemCode: null, itemName: null, question: '社保卡能在本站补办吗？', outcome: null, answer: '', guideGiven: null, department: '', personName: '', personPhone: '' })
    await store.reply(id, '可以在本站补办')
    const later = new Date(Date.now() + 1).toISOString()
    await applyPulledEvents([{ id: newEventId(), stream: id, type: 'consultation.replied', v: 1, payload: { reply: '需到市人社局补办', repliedAt: later, via: 'phone' }, stationId: STATION_ID, deviceId: 'device-b', staffId: 'staff-li', occurredAt: later, seq: 900, receivedAt: later }], 900)
    const w = await mountIn('en', `/consultations/${id}`, pinia, '[data-test="attention-panel"]')
    const conflict = 'Two tablets recorded contradicting facts: two different replies (the earlier record stands)'
    const shown = [...texts(w, '.case-attention__reason'), ...texts(w, '.timeline-list__refused')]
    expect(shown.length).toBeGreaterThanOrEqual(2)
    for (const text of shown) {
      expect(text).toContain(conflict)
      expect(text).not.toMatch(HAN)
    }
  })
})
