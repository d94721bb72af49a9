import type { CaseState } from '../../../src/domain/case'
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import PrintAcceptanceReceipt from '../../../src/app/components/print/PrintAcceptanceReceipt.vue'
import { applyStoredCalendarYears, casesRepo, eventsRepo, workCalendar } from '../../../src/app/data'
import { database } from '../../../src/app/data/db'
import { createAppI18n } from '../../../src/app/i18n'
import { checklistFor } from '../../../src/app/intake/materialChecklist'
import { useCasesStore } from '../../../src/app/stores/cases'
import { useCatalogStore } from '../../../src/app/stores/catalog'
import { createDataSyncPort } from '../../../src/app/data'
import fixture2027 from '../../fixtures/calendar-2027.json'
import { mountAt, signedInCounter } from '../support/signedInCounter'
import { until } from '../support/until'

// 2026-12-20 + 15 working days: Monday–Friday gives 2027-01-08; with 元旦 01-01…03 off, 2027-01-11.
const PROVISIONAL_DUE = '2027-01-08T23:59:59.999+08:00'
const FINAL_DUE = '2027-01-11T23:59:59.999+08:00'

const Host = defineComponent({ render: () => h(RouterView) })

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-12-20T10:00:00+08:00'))
})

afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
})

/** A walk-in case accepted now through the intake store, as the counter does, with a 15-working-day item. */
async function acceptNow(): Promise<{ id: string, dueAt: string | null }> {
  const catalog = useCatalogStore()
  await catalog.ensureLoaded()
  const item = catalog.item('hukou-idcard-renew')
  if (!item)
    throw new Error('no seed item')
  return useCasesStore().intake({
    kind: 'assisted',
    item: { ...item, promisedLimitWorkdays: 15 },
    applicant: { type: 'person', name: '张三丰', idNumber: '11010519491231002X', mobile: '13800138000' },
    checklist: checklistFor(item).map(r => ({ ...r, status: 'provided' })),
    outcome: { type: 'accept' },
  })
}

async function acceptDecemberCase(): Promise<string> {
  const result = await acceptNow()
  expect(result.dueAt).toBe(PROVISIONAL_DUE)
  return result.id
}

async function stored(id: string): Promise<CaseState> {
  const row = await casesRepo.get(id)
  if (!row)
    throw new Error('no case')
  return row
}

/** The 收件回执 print of a case, as text. */
function receiptText(caseState: CaseState): string {
  const wrapper = mount(PrintAcceptanceReceipt, { props: { caseState, handler: '王晓燕' }, global: { plugins: [createAppI18n('zh-CN')] } })
  const text = wrapper.text()
  wrapper.unmount()
  return text
}

/** Deliver calendar years as a pull page's reference data (what the sync engine does with a server answer). */
async function pullCalendarYear(revision: number): Promise<void> {
  await createDataSyncPort().applyPullPage([], { revision, calendarYears: [{ ...fixture2027, revision, id: undefined }] }, 0)
}

describe('a case received 2026-12-20 with 15 working days (DOMAIN.md 暂定)', () => {
  it('is accepted with a provisional due, recorded as such, and shown as 暂定', async () => {
    const pinia = await signedInCounter()
    const id = await acceptDecemberCase()
    expect(await casesRepo.get(id)).toMatchObject({ dueAt: PROVISIONAL_DUE, dueProvisional: true, dueUnpublishedYears: [2027], needsAttention: false })
    const accepted = (await eventsRepo.byStream(id)).find(e => e.type === 'case.accepted')
    expect(accepted?.payload).toMatchObject({ dueAt: PROVISIONAL_DUE, dueProvisional: true })

    const { wrapper } = await mountAt(Host, `/cases/${id}`, pinia)
    await until(() => expect(wrapper.find('[data-test="detail-due"]').text()).toContain('暂定'))
    wrapper.unmount()
    expect(receiptText(await stored(id))).toContain('2027-01-08（暂定）')
  })

  it('becomes final, with the date moved, once 2027 arrives as pulled reference data', async () => {
    const pinia = await signedInCounter()
    const id = await acceptDecemberCase()
    await pullCalendarYear(41)
    expect(workCalendar().isSchedulePublished(2027)).toBe(true)
    expect(await casesRepo.get(id)).toMatchObject({ dueAt: FINAL_DUE, dueProvisional: false, dueUnpublishedYears: [] })
    expect(await database().calendarYears.get('2027')).toMatchObject({ revision: 41 })

    const { wrapper } = await mountAt(Host, `/cases/${id}`, pinia)
    const due = await until(() => {
      const shown = wrapper.find('[data-test="detail-due"]')
      expect(shown.text()).toContain('2027年1月11日')
      return shown
    })
    expect(due.find('[data-test="due-provisional"]').exists()).toBe(false)
    wrapper.unmount()
    const receipt = receiptText(await stored(id))
    expect(receipt).toContain('预计 2027-01-11 前办结')
    expect(receipt).not.toContain('暂定')
  })

  it('a case accepted now after 2027 arrived is final at once', async () => {
    await signedInCounter()
    await pullCalendarYear(42)
    const result = await acceptNow()
    expect(result.dueAt).toBe(FINAL_DUE)
    expect(await casesRepo.get(result.id)).toMatchObject({ dueProvisional: false })
  })

  it('at app start, stored years become the app calendar and a case stored without a due (before 暂定) gets one, its stale flag gone', async () => {
    await signedInCounter()
    const id = await acceptDecemberCase()
    const db = database()
    // What an older build stored: 2027 held as reference data, the case accepted with no due and flagged.
    const row = await casesRepo.get(id)
    await db.cases.put({ ...row, dueAt: null, dueProvisional: false, dueUnpublishedYears: [], needsAttention: true, attention: 1, attentionReasons: ['已受理但未能计算承诺办结时间（节假日安排可能未发布）'] } as never)
    await db.calendarYears.put({ ...fixture2027, id: '2027', revision: 7 })
    expect(workCalendar().isSchedulePublished(2027)).toBe(false)

    expect(await applyStoredCalendarYears()).toBe(1)
    expect(workCalendar().isSchedulePublished(2027)).toBe(true)
    expect(await casesRepo.get(id)).toMatchObject({ dueAt: FINAL_DUE, dueProvisional: false, needsAttention: false, attentionReasons: [] })
  })
})
