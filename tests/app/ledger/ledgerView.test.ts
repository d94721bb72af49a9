import type { VueWrapper } from '@vue/test-utils'
import type { LedgerKind } from '../../../src/domain/ledger'
import { flushPromises } from '@vue/test-utils'
import readExcelFile from 'read-excel-file/node'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { eventsRepo, outboxRepo } from '../../../src/app/data'
import { UTF8_BOM } from '../../../src/app/export/csvExport'
import { useLedgersStore } from '../../../src/app/stores/ledgers'
import { LEDGER_D_COLUMNS } from '../../../src/domain/ledgerD'
import { LEDGER_E_COLUMNS } from '../../../src/domain/ledgerE'
import { stationRow } from '../support/seedCatalog'
import { mountAt, signedInCounter } from '../support/signedInCounter'
import { until } from '../support/until'
import { caseStream, parseCsv, recordCases, recordRating } from '../support/recordedCases'

const Host = defineComponent({ render: () => h(RouterView) })

/** November 2026, no other filter: what 上月 lists on 2026-12-02. */
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30', staffIds: [], itemCodes: [], statuses: [] }

/** Wait until the store has listed ledger `kind` for a filter matching `query`, and the view shows it. */
async function listed(kind: LedgerKind, query: object): Promise<void> {
  const ledgers = useLedgersStore()
  await until(() => {
    expect(ledgers.loading).toBe(false)
    expect(ledgers.kind).toBe(kind)
    expect(ledgers.query).toMatchObject(query)
  })
  await flushPromises()
}

/** Mount ledger `kind` (this month listed), then choose 上月 and wait for November's rows. */
async function openNovember(kind: LedgerKind, pinia: Awaited<ReturnType<typeof signedInCounter>>) {
  const result = await mountAt(Host, `/ledgers/${kind}`, pinia)
  await listed(kind, { from: '2026-12-01' })
  await result.wrapper.find('[data-test="preset-lastMonth"]').trigger('click')
  await listed(kind, NOVEMBER)
  return result
}

/** Files the view saved: the Blob handed to an object URL and the name of the clicked download link. */
function captureDownloads() {
  const files: { blob: Blob, name: string }[] = []
  let last: Blob | null = null
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    last = blob as Blob
    return 'blob:bianmin/ledger'
  })
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    if (last)
      files.push({ blob: last, name: this.download })
  })
  return files
}

/** The value, failing the test when it is missing. */
function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined)
    throw new Error('expected a value')
  return value
}

const cells = (row: ReturnType<VueWrapper['find']>) => row.findAll('[role="cell"]').map(c => c.text())

/** November 2026 at the counter, with cases either side of both CST month boundaries. */
async function novemberStation() {
  const pinia = await signedInCounter()
  await recordCases([
    // 2026-10-31 23:55 CST: October, though it is already 1 November in UTC+0 and still 31 October in Los Angeles.
    { n: 1, at: '2026-10-31T23:55:00+08:00', accept: {} },
    // 2026-11-01 00:05 CST: the first case of November (31 October 16:05 UTC).
    { n: 2, at: '2026-11-01T00:05:00+08:00', accept: {} },
    // Accepted by nobody recorded, its due not computed: 办理时限 and 受理人员 missing.
    { n: 3, at: '2026-11-10T09:30:00+08:00', accept: { dueAt: null }, staff: null, applicant: { name: '欧阳建国', idNumber: '440524188001010014', mobile: '13900001111' } },
    { n: 4, at: '2026-11-18T09:00:00+08:00', kind: 'assisted', accept: {} },
    { n: 5, at: '2026-11-18T10:00:00+08:00', kind: 'proxy' },
    // 2026-11-30 23:59 CST: still November.
    { n: 6, at: '2026-11-30T23:59:00+08:00' },
    // 2026-12-01 00:00 CST: December.
    { n: 7, at: '2026-12-01T00:00:00+08:00' },
  ])
  return pinia
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  // Wednesday 2026-12-02 in CST; the tests run in Los Angeles (still 1 December there).
  vi.setSystemTime(new Date('2026-12-02T10:00:00+08:00'))
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('ledger D on the tablet (6.2.4, Annex D)', () => {
  it('shows exactly the annex\'s 16 column titles, in order, under the annex heading', async () => {
    const pinia = await novemberStation()
    const { wrapper: w } = await mountAt(Host, '/ledgers/D', pinia)
    await listed('D', { from: '2026-12-01' })
    expect(w.find('[data-test="ledger-heading"]').text()).toContain('附录D 政务服务便民服务站工作台账')
    expect(w.find('[data-test="ledger-heading"]').text()).toContain('表 D.1')
    expect(w.findAll('[data-test="ledger-th"]').map(th => th.text())).toEqual([
      '序号', '时间', '便民服务站名称', '窗口', '事项所属', '姓名', '联系方式', '申请事项',
      '受理与否', '办理时限', '办件状态', '退件原因', '接件时间', '当日办结时间', '受理人员', '备注',
    ])
    w.unmount()
  })

  it('lists a month by CST days, masked: 00:05 on the 1st and 23:59 on the 30th in, the neighbours out', async () => {
    const pinia = await novemberStation()
    const { wrapper: w } = await openNovember('D', pinia)
    const rows = w.findAll('[data-test="ledger-row"]')
    expect(rows.map(r => r.attributes('data-case'))).toEqual([2, 3, 4, 5, 6].map(caseStream))
    expect(w.find('[data-test="ledger-count"]').text()).toBe('2026-11 共 5 条')
    const first = cells(must(rows[0]))
    expect(first).toEqual([
      '1', '2026-11-01', stationRow.name, '综合窗口', '公安机关', '张*明', '138****5678', '居民身份证换领(有效期满)',
      '受理', '15个工作日（至 2026-12-09）', '已受理', '', '00:05', '', '李建军', '',
    ])
    // Personal data never reaches the screen in full.
    expect(w.text()).not.toContain('张小明')
    expect(w.text()).not.toContain('13812345678')
    expect(cells(must(rows[1]))[5]).toBe('欧**国')
    // Staff filter: 王晓燕 received every case but n=3 (nobody recorded).
    await w.find('[data-test="filter-staff"]').setValue('staff-wang')
    await listed('D', { ...NOVEMBER, staffIds: ['staff-wang'] })
    expect(w.findAll('[data-test="ledger-row"]').map(r => r.attributes('data-case'))).toEqual([2, 4, 5, 6].map(caseStream))
    // State filter.
    await w.find('[data-test="filter-staff"]').setValue('')
    await w.find('[data-test="filter-status"]').setValue('received')
    await listed('D', { ...NOVEMBER, statuses: ['received'] })
    expect(w.findAll('[data-test="ledger-row"]').map(r => r.attributes('data-case'))).toEqual([5, 6].map(caseStream))
    w.unmount()
  })

  it('flags incomplete rows with what they lack, counts them and can show only them', async () => {
    const pinia = await novemberStation()
    const { wrapper: w } = await openNovember('D', pinia)
    const flagged = w.findAll('[data-incomplete="true"]')
    expect(flagged.map(r => r.attributes('data-case'))).toEqual([caseStream(3)])
    expect(must(flagged[0]).find('[data-test="ledger-missing"]').text()).toBe('缺少：受理人员')
    const only = w.find('[data-test="ledger-only-incomplete"]')
    expect(only.text()).toContain('1 条缺少必填信息')
    await only.trigger('click')
    await until(() => expect(w.findAll('[data-test="ledger-row"]').map(r => r.attributes('data-case'))).toEqual([caseStream(3)]))
    await w.find('[data-test="ledger-only-incomplete"]').trigger('click')
    await until(() => expect(w.findAll('[data-test="ledger-row"]')).toHaveLength(5))
    w.unmount()
  })

  it('exports .xlsx and CSV of the current filter, masked, with the same rows as the screen', async () => {
    const pinia = await novemberStation()
    const files = captureDownloads()
    const before = await eventsRepo.count()
    const { wrapper: w } = await openNovember('D', pinia)
    const screen = w.findAll('[data-test="ledger-row"]').map(cells)
    expect(screen).toHaveLength(5)

    await w.find('[data-test="export-xlsx"]').trigger('click')
    await until(() => expect(files).toHaveLength(1))
    expect(must(files[0]).name).toBe('工作台账_2026-11.xlsx')
    const [sheet] = await readExcelFile(Buffer.from(await must(files[0]).blob.arrayBuffer()))
    const data = must(sheet).data
    expect(must(data[0])[0]).toBe(`附录D 政务服务便民服务站工作台账（${stationRow.name}，2026-11）`)
    expect(data[1]).toEqual(LEDGER_D_COLUMNS.map(c => c.title))
    // Empty cells read back as null; the screen shows ''.
    expect(data.slice(2).map(r => r.map(v => (v === null ? '' : String(v))))).toEqual(screen)

    await w.find('[data-test="export-csv"]').trigger('click')
    await until(() => expect(files).toHaveLength(2))
    expect(must(files[1]).name).toBe('工作台账_2026-11.csv')
    const text = await must(files[1]).blob.text()
    expect(text.startsWith(UTF8_BOM)).toBe(true)
    const records = parseCsv(text.slice(UTF8_BOM.length))
    expect(records[0]).toEqual(LEDGER_D_COLUMNS.map(c => c.title))
    expect(records.slice(1)).toEqual(screen)
    expect(text).not.toContain('13812345678')
    // A masked export records nothing.
    expect(await eventsRepo.count()).toBe(before)
    w.unmount()
  })

  it('refuses a full-value export without a reason, and with one records audit.exported before making the file', async () => {
    const pinia = await novemberStation()
    const files = captureDownloads()
    const before = await eventsRepo.count()
    const { wrapper: w } = await openNovember('D', pinia)

    await w.find('[data-test="export-full"]').trigger('click')
    await until(() => expect(w.find('[data-test="full-confirm"]').exists()).toBe(true))
    await w.find('[data-test="full-confirm"]').trigger('click')
    await until(() => expect(document.body.textContent).toContain('请填写导出完整信息的原因'))
    expect(await eventsRepo.count()).toBe(before)
    expect(files).toHaveLength(0)

    await w.find('[data-test="full-reason"] textarea').setValue('区政务服务中心月度核查')
    await w.find('[data-test="full-format-csv"]').trigger('click')
    await w.find('[data-test="full-confirm"]').trigger('click')
    await until(() => expect(files).toHaveLength(1))
    expect(must(files[0]).name).toBe('工作台账_2026-11.csv')
    const records = parseCsv((await must(files[0]).blob.text()).slice(UTF8_BOM.length))
    expect(records[1]?.[5]).toBe('张小明')
    expect(records[1]?.[6]).toBe('13812345678')

    expect(await eventsRepo.count()).toBe(before + 1)
    const audits = (await outboxRepo.peek(1000)).map(item => item.event).filter(e => e.type === 'audit.exported')
    expect(audits).toHaveLength(1)
    expect(audits[0]).toMatchObject({
      type: 'audit.exported',
      staffId: 'staff-wang',
      payload: { ledger: 'D', format: 'csv', masked: false, rowCount: 5, reason: '区政务服务中心月度核查', filter: { from: '2026-11-01', to: '2026-11-30' } },
    })
    // The audit names the export, never the values.
    expect(JSON.stringify(must(audits[0]).payload)).not.toContain('张小明')
    w.unmount()
  })

  it('prints A4 landscape: annex title, table number, station, period, every column in a repeating header, masked', async () => {
    const pinia = await novemberStation()
    // happy-dom has no window.print: the browser's print dialog is stood in for.
    const print = vi.fn()
    vi.stubGlobal('print', print)
    const { wrapper: w } = await openNovember('D', pinia)
    await w.find('[data-test="ledger-print-button"]').trigger('click')
    await until(() => expect(print).toHaveBeenCalledOnce())
    const sheet = must(document.querySelector('.bm-print-root [data-test="ledger-print"]'))
    expect(must(sheet.querySelector('h1')).textContent).toContain('附录D 政务服务便民服务站工作台账')
    expect(sheet.textContent).toContain('表 D.1')
    expect(sheet.textContent).toContain(`便民服务站：${stationRow.name}`)
    expect(sheet.textContent).toContain('统计期间：2026-11')
    expect([...sheet.querySelectorAll('thead th')].map(th => (th.textContent ?? '').trim())).toEqual(LEDGER_D_COLUMNS.map(c => c.title))
    expect(sheet.querySelectorAll('tbody tr')).toHaveLength(5)
    expect(must(sheet.querySelector('[data-test="ledger-page-rule"]')).textContent).toContain('size: A4 landscape')
    expect(sheet.textContent).toContain('张*明')
    expect(sheet.textContent).not.toContain('13812345678')
    window.dispatchEvent(new Event('afterprint'))
    await until(() => expect(document.querySelector('[data-test="ledger-print"]')).toBeNull())
    w.unmount()
  })
})

describe('ledgers E and F on the tablet', () => {
  it('E lists the month\'s 帮办 cases with their 满意度 folded from the rating stream; F the 代办 cases', async () => {
    const pinia = await novemberStation()
    await recordRating(4, 5, '2026-11-18T09:30:00+08:00')
    const { wrapper: w, router } = await openNovember('E', pinia)
    expect(w.findAll('[data-test="ledger-th"]').map(th => th.text())).toEqual(LEDGER_E_COLUMNS.map(c => c.title))
    const rows = w.findAll('[data-test="ledger-row"]')
    expect(rows.map(r => r.attributes('data-case'))).toEqual([caseStream(4)])
    const byKey = Object.fromEntries(must(rows[0]).findAll('[role="cell"]').map(c => [c.attributes('data-key'), c.text()]))
    expect(byKey).toMatchObject({ idNumber: '110105********002X', satisfaction: '非常满意', assistants: expect.stringContaining('李建军') })

    await w.find('[data-test="ledger-tab-F"]').trigger('click')
    await until(() => expect(router.currentRoute.value.fullPath).toBe('/ledgers/F'))
    // The period chosen stays: F is listed for November too.
    await listed('F', NOVEMBER)
    expect(w.find('[data-test="ledger-heading"]').text()).toContain('附录F 政务服务便民服务站代办登记表')
    // The period chosen stays when switching ledgers.
    expect(w.findAll('[data-test="ledger-row"]').map(r => r.attributes('data-case'))).toEqual([caseStream(5)])
    w.unmount()
  })

  it('reads only the period\'s cases from the date index, and the rating streams of those cases alone', async () => {
    await novemberStation()
    await recordRating(1, 4, '2026-10-31T23:58:00+08:00')
    const byStreams = vi.spyOn(eventsRepo, 'byStreams')
    const ledgers = useLedgersStore()
    await ledgers.load('E', { from: '2026-11-01', to: '2026-11-30' })
    expect(byStreams).toHaveBeenCalledOnce()
    expect(must(byStreams.mock.calls[0])[0]).toEqual([`rating:${caseStream(4).slice('case:'.length)}`])
    expect(ledgers.fullValueRows().map(r => r.caseId)).toEqual(ledgers.rows.map(r => r.caseId))
  })
})

describe('home', () => {
  it('has a 工作台账 tile leading to ledger D', async () => {
    const pinia = await signedInCounter()
    const { wrapper: w } = await mountAt(Host, '/', pinia)
    const tile = await until(() => {
      const found = w.find('[data-test="tile-ledgers"]')
      expect(found.text()).toContain('工作台账')
      return found
    })
    expect(tile.attributes('href')).toBe('/ledgers/D')
    w.unmount()
  })
})
