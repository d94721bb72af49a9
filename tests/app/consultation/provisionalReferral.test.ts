import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { consultationsRepo, eventsRepo, workCalendar } from '../../../src/app/data'
import { emptyDraft } from '../../../src/app/consultation/consultationForm'
import { useConsultationsStore } from '../../../src/app/stores/consultations'
import { createDataSyncPort } from '../../../src/app/data'
import fixture2027 from '../../fixtures/calendar-2027.json'
import { useCatalogStore } from '../../../src/app/stores/catalog'
import { until } from '../support/until'
import { mountAt, signedInCounter } from '../support/signedInCounter'

// Recorded 2026-12-31: 1 working day Monday–Friday is Friday 2027-01-01; with 元旦 01-01…03 off, Monday 01-04.
const PROVISIONAL_DUE = '2027-01-01T23:59:59.999+08:00'
const FINAL_DUE = '2027-01-04T23:59:59.999+08:00'

const Host = defineComponent({ render: () => h(RouterView) })

beforeEach(() => {
  // Only Date is faked: IndexedDB and timers keep running.
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-12-31T16:00:00+08:00'))
})

afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
})

/** A consultation recorded now to be handled later, then referred through the store (no network involved). */
async function referOnNewYearsEve(): Promise<string> {
  const store = useConsultationsStore()
  const id = await store.recordNew({ ...emptyDraft(), channel: 'phone', name: '李华', phone: '13800138000', question: '社保卡丢了怎么补办？', outcome: 'pending' })
  await store.refer(id, { department: '市人社局', personName: '赵科员', personPhone: '' })
  return id
}

describe('a consultation referred on 2026-12-31 (DOMAIN.md 暂定)', () => {
  it('is referred offline with a provisional due, recorded as such, and shown as 暂定', async () => {
    const pinia = await signedInCounter()
    const id = await referOnNewYearsEve()
    const referred = (await eventsRepo.byStream(id)).find(e => e.type === 'consultation.referred')
    expect(referred?.payload).toMatchObject({ dueAt: PROVISIONAL_DUE, dueProvisional: true })
    expect(await consultationsRepo.get(id)).toMatchObject({ status: 'referred', dueAt: PROVISIONAL_DUE, dueProvisional: true, dueUnpublishedYears: [2027], needsAttention: false })

    const { wrapper } = await mountAt(Host, `/consultations/${id}`, pinia)
    const due = await until(() => {
      const shown = wrapper.find('[data-test="detail-due"]')
      expect(shown.text()).toContain('2027年1月1日')
      return shown
    })
    // The detail's mount-time catalog load finishes before the test closes the database under it.
    await until(() => expect(useCatalogStore().loaded).toBe(true))
    expect(due.find('[data-test="due-provisional"]').text()).toBe('暂定')
    wrapper.unmount()
  })

  it('the form previews the due as 暂定 instead of refusing to refer', async () => {
    const pinia = await signedInCounter()
    const { wrapper } = await mountAt(Host, '/consultations/new', pinia)
    await until(() => expect(wrapper.find('[data-test="outcome-referred"]').exists()).toBe(true))
    await wrapper.find('[data-test="outcome-referred"]').trigger('click')
    const preview = await until(() => {
      const found = wrapper.find('[data-test="due-preview"]')
      expect(found.attributes('data-provisional')).toBe('true')
      return found
    })
    expect(preview.text()).toContain('（暂定）')
    // The screen's mount-time catalog load finishes before the test closes the database under it.
    await until(() => expect(useCatalogStore().loaded).toBe(true))
    wrapper.unmount()
  })

  it('becomes final, moved to the first 2027 working day, once 2027 arrives as pulled reference data', async () => {
    const pinia = await signedInCounter()
    const id = await referOnNewYearsEve()
    await createDataSyncPort().applyPullPage([], { revision: 51, calendarYears: [{ ...fixture2027, revision: 51, id: undefined }] }, 0)
    expect(workCalendar().isSchedulePublished(2027)).toBe(true)
    expect(await consultationsRepo.get(id)).toMatchObject({ dueAt: FINAL_DUE, dueProvisional: false, dueUnpublishedYears: [] })

    const { wrapper } = await mountAt(Host, `/consultations/${id}`, pinia)
    const due = await until(() => {
      const shown = wrapper.find('[data-test="detail-due"]')
      expect(shown.text()).toContain('2027年1月4日')
      return shown
    })
    // The detail's mount-time catalog load finishes before the test closes the database under it.
    await until(() => expect(useCatalogStore().loaded).toBe(true))
    expect(due.find('[data-test="due-provisional"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
