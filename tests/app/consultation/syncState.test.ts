/**
 * Issue 3 item 6 in the consultation screens: the register's rows, the detail header and the home
 * reminders show each record's sync state (待上传 / 已同步 / 需处理), refreshed after a sync reports
 * back and after local writes, without reopening the screen. The outbox is settled through the data
 * layer as the engine does with a push answer (the real server: tests/app/sync/consultationSyncState).
 */
import type { DOMWrapper, VueWrapper } from '@vue/test-utils'
import { mount } from '@vue/test-utils'
import Vant from 'vant'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, RouterView } from 'vue-router'
import HomeConsultationsDue from '../../../src/app/components/home/HomeConsultationsDue.vue'
import { recordManyAs } from '../../../src/app/data'
import { eventsRepo, outboxRepo } from '../../../src/app/data'
import { createAppI18n } from '../../../src/app/i18n'
import { createAppRouter } from '../../../src/app/router'
import { useSyncStore } from '../../../src/app/stores/sync'
import { newStreamId } from '../../../src/domain/events'
import { mountAt, signedInCounter } from '../support/signedInCounter'
import { until } from '../support/until'
import { useSessionStore } from '../../../src/app/stores/session'

const Host = defineComponent({ render: () => h(RouterView) })

/** Records a consultation through the recorder (as the screens do); referred ones are due at the end of today. */
async function recordConsultation(name: string, referred = false): Promise<string> {
  const stream = newStreamId('consultation')
  const inputs = [{ stream, type: 'consultation.recorded', payload: { channel: 'visit', contact: { name, phone: '13900139000' }, question: `${name}的问题` } }]
  if (referred)
    inputs.push({ stream, type: 'consultation.referred', payload: { department: '人力资源和社会保障局', personContacted: { name: '赵科长' }, dueAt: '2026-09-30T23:59:59.999+08:00' } } as never)
  await recordManyAs(useSessionStore().author, inputs)
  return stream
}

/** Settles a stream's queued events with the server's answer, then lets the store hear of a finished sync (as the engine reports it). */
async function serverAnswered(stream: string, status: 'applied' | 'rejected'): Promise<void> {
  const events = await eventsRepo.byStream(stream)
  await outboxRepo.settle(events.map(e => ({ id: e.id, status, reason: status === 'rejected' ? 'scope' : undefined })))
  const sync = useSyncStore()
  sync.status = { ...sync.status, lastSyncAt: new Date().toISOString() }
}

function stateOf(row: DOMWrapper<Element> | VueWrapper | undefined): { state: string | undefined, text: string } {
  const tag = row?.find('[data-test="sync-state"]')
  return { state: tag?.attributes('data-state'), text: tag?.exists() ? tag.text() : '' }
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-09-30T10:00:00+08:00'))
})

afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
})

describe('sync state of consultations (issue 3 item 6)', () => {
  it('the register shows a recorded consultation as pending, synced once its events were accepted, needs attention once rejected', async () => {
    const pinia = await signedInCounter()
    const accepted = await recordConsultation('张三丰')
    const refused = await recordConsultation('李四')
    const { wrapper } = await mountAt(Host, '/consultations', pinia)

    const rowOf = (name: string) => wrapper.findAll('[data-test="consultation-row"]').find(r => r.text().includes(name))
    await until(() => {
      expect(wrapper.findAll('[data-test="consultation-row"]')).toHaveLength(2)
      expect(stateOf(rowOf('张*丰'))).toEqual({ state: 'pending', text: '待上传' })
      expect(stateOf(rowOf('李*'))).toEqual({ state: 'pending', text: '待上传' })
    })

    await serverAnswered(accepted, 'applied')
    await until(() => expect(stateOf(rowOf('张*丰'))).toEqual({ state: 'synced', text: '已同步' }))
    expect(stateOf(rowOf('李*')).state).toBe('pending')

    await serverAnswered(refused, 'rejected')
    await until(() => expect(stateOf(rowOf('李*'))).toEqual({ state: 'attention', text: '需处理' }))
    expect(stateOf(rowOf('张*丰')).state).toBe('synced')
    wrapper.unmount()
  })

  it('a consultation recorded at the counter shows pending in its detail header and in the register', async () => {
    const pinia = await signedInCounter()
    const { wrapper, router } = await mountAt(Host, '/consultations/new', pinia)
    await until(() => expect(wrapper.find('[data-test="channel-phone"]').exists()).toBe(true))
    await wrapper.find('[data-test="channel-phone"]').trigger('click')
    await wrapper.find('[data-test="name"] input').setValue('王五')
    await wrapper.find('[data-test="phone"] input').setValue('13800138000')
    await wrapper.find('[data-test="question"] textarea').setValue('居住证怎么办？')
    await wrapper.find('[data-test="outcome-answered"]').trigger('click')
    await wrapper.find('[data-test="answer"] textarea').setValue('带身份证和租房合同。')
    await wrapper.find('form').trigger('submit')
    await until(() => expect(router.currentRoute.value.name).toBe('consultation-detail'))
    // The detail header shows it too.
    await until(() => expect(stateOf(wrapper.find('[data-test="detail-status"]'))).toEqual({ state: 'pending', text: '待上传' }))

    await router.push('/consultations')
    await until(() => expect(stateOf(wrapper.find('[data-test="consultation-row"]'))).toEqual({ state: 'pending', text: '待上传' }))
    wrapper.unmount()
  })

  it('the detail header follows the record: synced after the sync, pending again after a reply is recorded', async () => {
    const pinia = await signedInCounter()
    const id = await recordConsultation('张三丰', true)
    const { wrapper } = await mountAt(Host, `/consultations/${id}`, pinia)
    const header = () => wrapper.find('[data-test="detail-status"]')
    await until(() => {
      expect(header().text()).toContain('已转交待答复')
      expect(stateOf(header())).toEqual({ state: 'pending', text: '待上传' })
    })

    await serverAnswered(id, 'applied')
    await until(() => expect(stateOf(header())).toEqual({ state: 'synced', text: '已同步' }))

    await wrapper.find('[data-test="reply"] textarea').setValue('可在银行网点挂失补卡。')
    await wrapper.find('[data-test="reply-form"]').trigger('submit')
    await until(() => expect(header().text()).toContain('已答复'))
    await until(() => expect(stateOf(header())).toEqual({ state: 'pending', text: '待上传' }))
    wrapper.unmount()
  })

  it('the home reminders show each due consultation\'s state', async () => {
    const pinia = await signedInCounter()
    const pending = await recordConsultation('王小明', true)
    const synced = await recordConsultation('刘大', true)
    await serverAnswered(synced, 'applied')
    const router = createAppRouter(createMemoryHistory())
    const wrapper = mount(HomeConsultationsDue, { global: { plugins: [pinia, router, createAppI18n('zh-CN'), Vant] } })
    const rows = await until(() => {
      const found = wrapper.findAll('[data-test="due-consultation"]')
      expect(found).toHaveLength(2)
      const shown = (id: string) => found.find(r => r.attributes('href')?.endsWith(id))
      expect(stateOf(shown(pending))).toEqual({ state: 'pending', text: '待上传' })
      expect(stateOf(shown(synced))).toEqual({ state: 'synced', text: '已同步' })
      return found
    })
    const byId = (id: string) => rows.find(r => r.attributes('href')?.endsWith(id))

    await serverAnswered(pending, 'rejected')
    await until(() => expect(stateOf(byId(pending)).state).toBe('attention'))
    wrapper.unmount()
  })
})
