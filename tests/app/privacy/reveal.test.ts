// Issue 11 item 3 at the counter: a case's applicant is masked by default; 查看完整 without a reason is refused
// (nothing recorded, nothing shown); with one, audit.revealed (which record, which field, why) goes into the
// outbox — offline, to sync later — and only then the full value shows. A purged value shows its tombstone and
// cannot be revealed; personal text is rendered as text, never as HTML.
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { outboxRepo, recordEvent } from '../../../src/app/data'
import { database } from '../../../src/app/data/db'
import { PURGED_VALUE } from '../../../src/domain/personalFields'
import { mountAt, signedInCounter } from '../support/signedInCounter'
import { caseReceived } from '../support/database'
import { STATION_ID } from '../support/enrolledTablet'
import { until } from '../support/until'

const Host = defineComponent({ render: () => h(RouterView) })

afterEach(() => {
  document.body.innerHTML = ''
})

async function auditEvents() {
  return database().events.where('type').equals('audit.revealed').toArray()
}

describe('revealing a full value at the counter', () => {
  it('is masked by default, refuses without a reason, and records audit.revealed with one', async () => {
    const pinia = await signedInCounter()
    const received = caseReceived({ stationId: STATION_ID })
    await recordEvent(received)
    const { wrapper } = await mountAt(Host, `/cases/${received.stream}`, pinia)
    await until(() => expect(wrapper.find('[data-test="detail-id"]').exists()).toBe(true))
    expect(wrapper.find('[data-test="detail-applicant"]').text()).toContain('张*')
    expect(wrapper.find('[data-test="detail-id"]').text()).toContain('110105********002X')
    expect(wrapper.find('[data-test="detail-phone"]').text()).toContain('138****8000')
    expect(wrapper.text()).not.toContain('11010519491231002X')

    await wrapper.find('[data-test="reveal-idNumber"]').trigger('click')
    await until(() => expect(wrapper.find('[data-test="reveal-confirm"]').exists()).toBe(true))
    await wrapper.find('[data-test="reveal-confirm"]').trigger('click')
    await until(() => expect(wrapper.find('[data-test="reveal-reason"]').text()).toContain('请填写查看完整信息的原因'))
    expect(await auditEvents()).toEqual([])
    expect(wrapper.find('[data-test="detail-id"] [data-test="personal-text"]').text()).toBe('110105********002X')

    await wrapper.find('[data-test="reveal-reason"] textarea').setValue('核对身份证件')
    await wrapper.find('[data-test="reveal-confirm"]').trigger('click')
    await until(() => expect(wrapper.find('[data-test="detail-id"] [data-test="personal-text"]').text()).toBe('11010519491231002X'))
    const [audit] = await auditEvents()
    expect(audit).toMatchObject({ staffId: 'staff-wang', stationId: STATION_ID, payload: { subject: received.stream, field: 'idNumber', reason: '核对身份证件' } })
    expect(audit?.stream.startsWith('audit:')).toBe(true)
    // Offline: waiting in the outbox, to be pushed with the next sync.
    expect((await outboxRepo.peek(10)).map(o => o.eventId)).toContain(audit?.id)
    // Only the field asked for.
    expect(wrapper.find('[data-test="detail-phone"]').text()).toContain('138****8000')
    wrapper.unmount()
  })

  it('shows a purged value as its tombstone, with nothing to reveal', async () => {
    const pinia = await signedInCounter()
    const purged = caseReceived({ stationId: STATION_ID })
    ;(purged.payload as { applicant: Record<string, string> }).applicant = { type: 'person', name: PURGED_VALUE, idNumber: PURGED_VALUE, mobile: PURGED_VALUE }
    await recordEvent(purged)
    const { wrapper } = await mountAt(Host, `/cases/${purged.stream}`, pinia)
    await until(() => expect(wrapper.find('[data-test="detail-id"]').exists()).toBe(true))
    for (const cell of ['detail-applicant', 'detail-id', 'detail-phone'])
      expect(wrapper.find(`[data-test="${cell}"]`).text()).toContain('已清除（中心留存）')
    expect(wrapper.find('[data-test^="reveal-"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('renders markup in a name as text', async () => {
    const pinia = await signedInCounter()
    const xss = caseReceived({ stationId: STATION_ID })
    ;(xss.payload as { applicant: Record<string, string> }).applicant = { type: 'organisation', name: '<img src=x onerror=alert(1)>', uscc: '91140105MA0K1234XY', contactName: '<script>alert(1)</script>', contactPhone: '13800138000' }
    await recordEvent(xss)
    const { wrapper } = await mountAt(Host, `/cases/${xss.stream}`, pinia)
    await until(() => expect(wrapper.find('[data-test="detail-applicant"]').exists()).toBe(true))
    expect(wrapper.find('[data-test="detail-applicant"]').text()).toContain('<img src=x onerror=alert(1)>')
    expect(wrapper.find('[data-test="detail-applicant"] img').exists()).toBe(false)
    expect(wrapper.find('[data-test="detail-applicant"] script').exists()).toBe(false)
    wrapper.unmount()
  })
})
