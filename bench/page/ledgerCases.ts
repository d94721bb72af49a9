/**
 * Issue 5's ledger benchmarks: the month ledger D as the ledger view lists it (the real ledgers store over
 * the seeded month of about 3,000 cases, then the first screen of rows drawn into a DOM table), and a
 * 10,000-row export as .xlsx (the app's exporter, library loaded on demand) against CSV of the same rows.
 * The full projection rebuild at the station size is the `rebuild` case in cases.ts.
 */
import type { CaseState } from '../../src/domain/case'
import type { LedgerDRow } from '../../src/domain/ledgerD'
import type { BenchCase } from './harness'
import { createPinia, setActivePinia } from 'pinia'
import { exportCsv } from '../../src/app/export/csvExport'
import { exportXlsx } from '../../src/app/export/xlsxExport'
import { annexHeading, periodRangeMs } from '../../src/app/ledger/ledgerPeriod'
import { ledgerCell } from '../../src/app/ledger/ledgerTable'
import { ledgerColumns, useLedgersStore } from '../../src/app/stores/ledgers'
import { LEDGER_D_COLUMNS } from '../../src/domain/ledgerD'
import { ledgerRows } from '../../src/domain/ledgerFilter'
import { station } from './station'

/** Rows the ledger view shows on its first screen (a 10-inch tablet in landscape, 56 px rows, plus overscan). */
const FIRST_SCREEN_ROWS = 20

/** Draws the header and the first screen of rows into a fresh <table> and forces layout, as a first paint needs. */
function renderFirstScreen(host: HTMLElement, rows: readonly LedgerDRow[]): number {
  const columns = ledgerColumns.D
  const table = document.createElement('table')
  const head = table.createTHead().insertRow()
  for (const c of columns) {
    const th = document.createElement('th')
    th.textContent = c.title
    head.appendChild(th)
  }
  const body = table.createTBody()
  for (const row of rows.slice(0, FIRST_SCREEN_ROWS)) {
    const tr = body.insertRow()
    for (const c of columns)
      tr.insertCell().textContent = ledgerCell(row, c.key)
  }
  host.replaceChildren(table)
  return table.offsetHeight
}

const monthLedgerD: BenchCase = {
  id: 'ledger-month',
  title: 'month ledger D: query + rows + first render',
  ours: 'ledgers store load(\'D\', last month): casesRepo.listLedgerCasesReceivedBetween (the v7 slim ledger rows, one index range) + ledger filter + station/staff/catalog context + ledgerRows + 6.2.4 completeness per row; then the first screen of rows drawn into a DOM table',
  baseline: 'Dexie where(\'receivedAtMs\').between(month).toArray() on the full case projection (the same cases, nothing built)',
  runs: 15,
  warmup: 2,
  targets: { maxMedianMs: 150 },
  async setup() {
    const s = station()
    setActivePinia(createPinia())
    const ledgers = useLedgersStore()
    const month = s.ledgerMonth
    const { fromMs, toMs } = periodRangeMs(month)
    const host = document.createElement('div')
    document.body.appendChild(host)
    await ledgers.load('D', { from: month.from, to: month.to })
    const listed = ledgers.rows.length
    if (listed < month.cases)
      throw new Error(`ledger D of ${month.from}…${month.to} lists ${listed} rows, the seed put ${month.cases} cases in it`)
    const raw = await s.ours.projection('case').where('receivedAtMs').between(fromMs, toMs, true, false).count()
    return {
      notes: [`${listed} rows of ${month.from.slice(0, 7)}, ${raw} read raw`],
      ours: {
        run: async () => {
          await ledgers.load('D', { from: month.from, to: month.to })
          renderFirstScreen(host, ledgers.rows as LedgerDRow[])
        },
      },
      baseline: { run: async () => { await s.ours.projection('case').where('receivedAtMs').between(fromMs, toMs, true, false).toArray() } },
      teardown: async () => { host.remove() },
    }
  },
}

/** Rows in the export case (issue 5: a 10,000-row xlsx export). */
const EXPORT_ROWS = 10_000

const exportXlsxCase: BenchCase = {
  id: 'export-xlsx',
  title: `ledger D export, ${EXPORT_ROWS.toLocaleString('en')} rows: .xlsx`,
  ours: 'exportXlsx (write-excel-file loaded by import(), cells in chunks of 1,000 with progress, title + header rows, widths, A4 landscape) to a Blob',
  baseline: 'exportCsv of the same rows (UTF-8 with BOM) to a Blob',
  runs: 5,
  warmup: 1,
  targets: { maxMedianMs: 5_000 },
  async setup() {
    const s = station()
    // The most recent cases, as ledger D rows (masked, as exported by default); repeated when the station is smaller.
    const cases = await s.ours.projection('case').orderBy('receivedAtMs').reverse().limit(EXPORT_ROWS).toArray() as unknown as CaseState[]
    const once = ledgerRows('D', cases, {}, { stationName: '太原市迎泽区柳巷街道便民服务站', window: '综合窗口', masked: true, asOf: new Date() })
    if (once.length === 0)
      throw new Error('no ledger D rows to export: the seed changed')
    const rows: LedgerDRow[] = Array.from({ length: EXPORT_ROWS }, (_, i) => ({ ...once[i % once.length] as LedgerDRow, seq: i + 1 }))
    const title = annexHeading('D')
    const table = { columns: LEDGER_D_COLUMNS, rows }
    // One of each before timing, for the notes (and so a broken exporter fails before anything is timed).
    const bytes = (await exportXlsx({ ...table, title, sheetName: title })).size
    const csvBytes = exportCsv(table).size
    return {
      notes: [`${EXPORT_ROWS} rows from ${once.length} cases, xlsx ${(bytes / 1024).toFixed(0)} KiB, csv ${(csvBytes / 1024).toFixed(0)} KiB`],
      ours: { run: async () => { await exportXlsx({ ...table, title, sheetName: title }) } },
      baseline: { run: async () => { exportCsv(table) } },
    }
  },
}

export const ledgerCases: BenchCase[] = [monthLedgerD, exportXlsxCase]
