import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { consultationsRepo, eventsRepo } from '../../../src/app/data'
import { useCatalogStore } from '../../../src/app/stores/catalog'
import { useConsultationsStore } from '../../../src/app/stores/consultations'
import { useFormGuardStore } from '../../../src/app/stores/formGuard'
import { until } from '../support/until'
import { mountAt, signedInCounter } from '../support/signedInCounter'

const Host = defineComponent({ render: () => h(RouterView) })

beforeEach(() => {
  // Only Date is faked: IndexedDB and timers keep running.
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-09-30T10:00:00+08:00'))
})

afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
})

describe('consultation at the counter (6.3.3.1)', () => {
  it('validates, records a referred consultation due the next working day, lists it masked, and records the reply', async () => {
    const pinia = await signedInCounter()
    const { wrapper, router } = await mountAt(Host, '/consultations/new', pinia)
    const form = () => wrapper.find('form')
    await until(() => expect(form().exists()).toBe(true))

    // Nothing filled in: every required field says what is missing, in Chinese, and nothing is written.
    await form().trigger('submit')
    await until(() => {
      const text = wrapper.text()
      for (const message of ['请选择来电或来访', '请填写咨询人姓名', '请填写联系电话', '请填写咨询内容', '请选择处理方式'])
        expect(text).toContain(message)
    })
    expect(await eventsRepo.count()).toBe(0)

    await wrapper.find('[data-test="channel-phone"]').trigger('click')
    await wrapper.find('[data-test="name"] input').setValue('张三丰')
    await wrapper.find('[data-test="phone"] input').setValue('12345')
    await wrapper.find('[data-test="question"] textarea').setValue('社保卡丢了怎么补办？')
    expect(useFormGuardStore().hasOpenForm).toBe(true)
    await wrapper.find('[data-test="outcome-referred"]').trigger('click')
    await form().trigger('submit')
    await until(() => {
      expect(wrapper.text()).toContain('手机号码应为11位，当前为5位')
      expect(wrapper.text()).toContain('请填写转交的部门')
    })
    expect(await eventsRepo.count()).toBe(0)

    // The item comes from the picker, searched by pinyin initials; it fills in the department.
    // The view loads the catalog on mount; a picker opened before that lists nothing (its hits do not follow the load).
    await until(() => expect(useCatalogStore().loaded).toBe(true))
    await wrapper.find('[data-test="choose-item"]').trigger('click')
    await wrapper.find('[data-test="catalog-search"] input').setValue('sbk')
    await until(() => expect(wrapper.findAll('[data-test="catalog-item"]').map(h => h.attributes('data-code')).sort()).toEqual(['sicard-damaged-renew', 'sicard-lost-replace']))
    await wrapper.find('[data-code="sicard-lost-replace"]').trigger('click')
    await until(() => expect(wrapper.find('[data-test="item-name"]').text()).toBe('社会保障卡挂失补换(遗失)'))
    expect((wrapper.find('[data-test="department"] input').element as HTMLInputElement).value).toBe('人力资源和社会保障局')

    await wrapper.find('[data-test="phone"] input').setValue('138 0013 8000')
    await wrapper.find('[data-test="person-name"] input').setValue('赵科长')
    // Received Wednesday 30 September 2026: 国庆 1–7 October, so the 1 working day ends 8 October.
    expect(wrapper.find('[data-test="due-preview"]').text()).toContain('2026年10月8日')
    await form().trigger('submit')
    await until(() => expect(router.currentRoute.value.name).toBe('consultation-detail'))
    await until(() => expect(wrapper.find('[data-test="countdown"]').exists()).toBe(true))

    const id = String(router.currentRoute.value.params.id)
    expect(router.currentRoute.value.name).toBe('consultation-detail')
    const events = await eventsRepo.byStream(id)
    expect(events.map(e => e.type)).toEqual(['consultation.recorded', 'consultation.referred'])
    expect(events[0]?.payload).toMatchObject({ channel: 'phone', contact: { name: '张三丰', phone: '13800138000' }, itemCode: 'sicard-lost-replace', question: '社保卡丢了怎么补办？', answer: null })
    expect(events[1]?.payload).toMatchObject({ department: '人力资源和社会保障局', personContacted: { name: '赵科长', phone: null }, dueAt: '2026-10-08T23:59:59.999+08:00' })
    expect(events[0]?.staffId).toBe('staff-wang')
    const state = await consultationsRepo.get(id)
    expect(state).toMatchObject({ status: 'referred', dueAt: '2026-10-08T23:59:59.999+08:00' })
    expect(useFormGuardStore().hasOpenForm).toBe(false)
    // Detail: contact masked, countdown running.
    expect(wrapper.find('[data-test="detail-name"]').text()).toContain('张*丰')
    expect(wrapper.find('[data-test="detail-phone"]').text()).toContain('138****8000')
    expect(wrapper.find('[data-test="countdown"]').text()).toMatch(/^剩余 8天13小时59分钟$/)

    // The register lists it with the contact masked, searchable and filterable by status.
    await router.push('/consultations')
    await until(() => expect(wrapper.findAll('[data-test="consultation-row"]')).toHaveLength(1))
    const rows = wrapper.findAll('[data-test="consultation-row"]')
    expect(rows[0]?.text()).toContain('张*丰')
    expect(rows[0]?.text()).toContain('138****8000')
    expect(rows[0]?.text()).toContain('已转交待答复')
    expect(wrapper.html()).not.toContain('13800138000')
    expect(wrapper.html()).not.toContain('张三丰')
    await wrapper.find('[data-test="consultation-search"] input').setValue('8000')
    await until(() => expect(useConsultationsStore()).toMatchObject({ shownQuery: '8000', loading: false }))
    expect(wrapper.findAll('[data-test="consultation-row"]')).toHaveLength(1)
    await wrapper.find('[data-status="replied"]').trigger('click')
    await until(() => expect(wrapper.findAll('[data-test="consultation-row"]')).toHaveLength(0))

    // The department answers on 8 October: the reply is recorded, on time.
    vi.setSystemTime(new Date('2026-10-08T15:00:00+08:00'))
    await router.push(`/consultations/${id}`)
    await until(() => expect(wrapper.find('[data-test="reply"] textarea').exists()).toBe(true))
    await wrapper.find('[data-test="reply"] textarea').setValue('可在银行网点或人社窗口挂失补卡，携带身份证。')
    await wrapper.find('[data-test="reply-form"]').trigger('submit')
    await until(async () => expect((await consultationsRepo.get(id))?.status).toBe('replied'))
    await until(() => expect(wrapper.find('[data-test="reply-form"]').exists()).toBe(false))
    const replied = await consultationsRepo.get(id)
    expect(replied).toMatchObject({ status: 'replied', answer: '可在银行网点或人社窗口挂失补卡，携带身份证。', repliedOnTime: true })
    expect((await eventsRepo.byStream(id)).map(e => e.type)).toEqual(['consultation.recorded', 'consultation.referred', 'consultation.replied'])
    expect(wrapper.find('[data-test="detail-status"]').text()).toContain('已答复')
    expect(wrapper.find('[data-test="reply-form"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="timeline"]').text()).toContain('答复：可在银行网点')
    wrapper.unmount()
  })

  it('records a consultation answered on the spot with the guide shown', async () => {
    const pinia = await signedInCounter()
    const { wrapper, router } = await mountAt(Host, '/consultations/new', pinia)
    await until(() => expect(wrapper.find('[data-test="channel-visit"]').exists()).toBe(true))
    await wrapper.find('[data-test="channel-visit"]').trigger('click')
    await wrapper.find('[data-test="name"] input').setValue('李四')
    await wrapper.find('[data-test="phone"] input').setValue('0356-2021234')
    await wrapper.find('[data-test="question"] textarea').setValue('失业登记要带什么？')
    // The view loads the catalog on mount; a picker opened before that lists nothing (its hits do not follow the load).
    await until(() => expect(useCatalogStore().loaded).toBe(true))
    await wrapper.find('[data-test="choose-item"]').trigger('click')
    await wrapper.find('[data-test="catalog-search"] input').setValue('sydj')
    await until(() => expect(wrapper.find('[data-code="employ-unemployment-registration"]').exists()).toBe(true))
    await wrapper.find('[data-code="employ-unemployment-registration"]').trigger('click')
    // The chosen item is named on the form.
    await until(() => expect(wrapper.find('[data-test="item-name"]').text()).toBe('失业登记'))
    await wrapper.find('[data-test="outcome-answered"]').trigger('click')
    await wrapper.find('[data-test="answer"] textarea').setValue('带身份证，已展示告知单。')
    await wrapper.find('[data-test="show-guide"]').trigger('click')
    await wrapper.find('form').trigger('submit')
    await until(() => expect(router.currentRoute.value.name).toBe('consultation-detail'))
    const id = String(router.currentRoute.value.params.id)
    const events = await eventsRepo.byStream(id)
    expect(events).toHaveLength(1)
    expect(events[0]?.payload).toMatchObject({ channel: 'visit', contact: { phone: '0356-2021234' }, answer: '带身份证，已展示告知单。', guideGiven: 'shown', itemName: '失业登记' })
    expect((await consultationsRepo.get(id))?.status).toBe('answered')
    wrapper.unmount()
  })

  it('previews a provisional (暂定) due when the next year\'s holiday schedule is not published', async () => {
    vi.setSystemTime(new Date('2026-12-31T16:00:00+08:00'))
    const pinia = await signedInCounter()
    const { wrapper } = await mountAt(Host, '/consultations/new', pinia)
    await until(() => expect(wrapper.find('[data-test="outcome-referred"]').exists()).toBe(true))
    await wrapper.find('[data-test="outcome-referred"]').trigger('click')
    const preview = await until(() => {
      const found = wrapper.find('[data-test="due-preview"]')
      expect(found.attributes('data-provisional')).toBe('true')
      return found
    })
    expect(preview.text()).toContain('2027年1月1日')
    expect(preview.text()).toContain('（暂定）')
    // The screen's mount-time catalog load finishes before the test closes the database under it.
    await until(() => expect(useCatalogStore().loaded).toBe(true))
    wrapper.unmount()
  })
})
