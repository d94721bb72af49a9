import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import Vant from 'vant'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import HomeConsultationsDue from '../../../src/app/components/home/HomeConsultationsDue.vue'
import { urgentConsultations } from '../../../src/app/consultation/consultationDue'
import { recordEvents } from '../../../src/app/data'
import { createAppI18n } from '../../../src/app/i18n'
import { createAppRouter } from '../../../src/app/router'
import { useConsultationsStore } from '../../../src/app/stores/consultations'
import { newEventId, newStreamId } from '../../../src/domain/events'
import { consultationRecorded, consultationReferred, freshDatabase } from '../support/database'

const NOW = new Date('2026-03-04T10:00:00+08:00')

/** A consultation recorded at `recordedAt`, referred with `dueAt`, and replied when `replied`. */
async function referred(name: string, recordedAt: string, dueAt: string, replied = false): Promise<string> {
  const stream = newStreamId('consultation')
  const rec = consultationRecorded({ stream, occurredAt: recordedAt })
  const referral = consultationReferred(stream, dueAt, { occurredAt: recordedAt })
  const events = [{ ...rec, payload: { ...(rec.payload as object), contact: { name, phone: '13900139000' } } }, referral]
  if (replied)
    events.push({ ...referral, id: newEventId(), type: 'consultation.replied', payload: { reply: '已答复', repliedAt: dueAt } })
  await recordEvents(events)
  return stream
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
  freshDatabase()
  setActivePinia(createPinia())
})

afterEach(() => {
  vi.useRealTimers()
})

describe('open consultations on the home screen, most urgent first', () => {
  it('sorts overdue first, then due today, then due later, each by deadline; leaves out replied ones', () => {
    const row = (id: string, dueAt: string | null, status = 'referred' as const) => ({ id, status, dueAt, recordedAt: '2026-03-01T09:00:00+08:00' })
    const rows = [
      row('today-late', '2026-03-04T23:59:59.999+08:00'),
      row('later', '2026-03-05T23:59:59.999+08:00'),
      row('overdue-recent', '2026-03-03T23:59:59.999+08:00'),
      row('overdue-old', '2026-03-02T23:59:59.999+08:00'),
      { ...row('replied', '2026-03-02T23:59:59.999+08:00'), status: 'replied' as const },
      { ...row('answered', null), status: 'answered' as const },
    ]
    expect(urgentConsultations(rows, NOW).map(r => r.id)).toEqual(['overdue-old', 'overdue-recent', 'today-late', 'later'])
  })

  it('the store reads them from the data layer and the widget lists them, masked, with their countdowns', async () => {
    const today = await referred('王小明', '2026-03-03T15:00:00+08:00', '2026-03-04T23:59:59.999+08:00')
    const overdue = await referred('刘大', '2026-02-27T11:00:00+08:00', '2026-03-02T23:59:59.999+08:00')
    const later = await referred('陈后', '2026-03-04T09:00:00+08:00', '2026-03-05T23:59:59.999+08:00')
    await referred('赵完', '2026-02-27T11:00:00+08:00', '2026-03-02T23:59:59.999+08:00', true)

    const store = useConsultationsStore()
    await store.loadUrgent(NOW)
    // Due tomorrow is open work too (issue 14: the home screen hid it).
    expect(store.urgent.map(c => c.id)).toEqual([overdue, today, later])

    const router = createAppRouter(createMemoryHistory())
    const wrapper = mount(HomeConsultationsDue, { global: { plugins: [router, createAppI18n('zh-CN'), Vant] } })
    await vi.waitFor(async () => {
      await flushPromises()
      expect(wrapper.findAll('[data-test="due-consultation"]')).toHaveLength(3)
    })
    const rows = wrapper.findAll('[data-test="due-consultation"]')
    expect(rows[0]?.text()).toContain('刘*')
    expect(rows[0]?.find('[data-test="countdown"]').text()).toBe('已逾期 1天10小时0分钟')
    expect(rows[1]?.text()).toContain('王*明')
    expect(rows[1]?.find('[data-test="countdown"]').text()).toBe('剩余 13小时59分钟')
    expect(rows[2]?.text()).toContain('陈*')
    expect(wrapper.text()).toContain('逾期 1 条，今日到期 1 条，之后到期 1 条')
    expect(wrapper.emitted('count')?.at(-1)).toEqual([3])
    wrapper.unmount()
  })
})
