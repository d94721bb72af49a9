import type { ExportProgress } from '../../../src/app/export/table'
import type { LedgerDRow } from '../../../src/domain/ledgerD'
import readExcelFile from 'read-excel-file/node'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { columnWidths, exportXlsx, safeSheetName, XLSX_MIME } from '../../../src/app/export/xlsxExport'
import { LEDGER_D_COLUMNS } from '../../../src/domain/ledgerD'

const TITLE = '附录D 政务服务便民服务站工作台账'

const columns = [
  { key: 'seq', title: '序号', width: 5 },
  { key: 'applicantName', title: '姓名', width: 10 },
  { key: 'contact', title: '联系方式' },
  { key: 'itemName', title: '申请事项', width: 20 },
  { key: 'remarks', title: '备注' },
] as const
type Key = typeof columns[number]['key']

const rows: Record<Key, string | number | null>[] = [
  { seq: 1, applicantName: '张*明', contact: '138****5678', itemName: '居民身份证换领(有效期满)', remarks: '帮办（填表、陪同办理）' },
  { seq: 2, applicantName: '李*', contact: null, itemName: '城乡居民基本养老保险参保登记', remarks: '' },
  { seq: 3, applicantName: '王*华', contact: '0351-1234567', itemName: '社会保障卡补换', remarks: '=HYPERLINK("http://example.invalid","点我")' },
  { seq: 4.5, applicantName: '-1+2', contact: '+86 138', itemName: '@SUM(A1)', remarks: '第一行\n第二行, 含逗号 "引号"' },
]

async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer())
}

async function readBack(blob: Blob) {
  const sheets = await readExcelFile(Buffer.from(await bytesOf(blob)))
  expect(sheets).toHaveLength(1)
  const [sheet] = sheets
  if (!sheet)
    throw new Error('no sheet')
  return sheet
}

async function sheetXml(blob: Blob): Promise<string> {
  const files = unzipSync(await bytesOf(blob))
  const xml = files['xl/worksheets/sheet1.xml']
  if (!xml)
    throw new Error('no sheet1.xml')
  return strFromU8(xml)
}

describe('exportXlsx', () => {
  it('writes the title row, the header row and every cell, read back cell by cell', async () => {
    const blob = await exportXlsx({ title: TITLE, sheetName: '工作台账', columns, rows })
    expect(blob.type).toBe(XLSX_MIME)
    const sheet = await readBack(blob)
    expect(sheet.sheet).toBe('工作台账')
    expect(sheet.data).toEqual([
      [TITLE, null, null, null, null],
      ['序号', '姓名', '联系方式', '申请事项', '备注'],
      [1, '张*明', '138****5678', '居民身份证换领(有效期满)', '帮办（填表、陪同办理）'],
      [2, '李*', null, '城乡居民基本养老保险参保登记', null],
      [3, '王*华', '0351-1234567', '社会保障卡补换', '\'=HYPERLINK("http://example.invalid","点我")'],
      [4.5, '\'-1+2', '\'+86 138', '\'@SUM(A1)', '第一行\n第二行, 含逗号 "引号"'],
    ])
  })

  it('merges the title across the columns, freezes title and header, sets widths and prints A4 landscape', async () => {
    const xml = await sheetXml(await exportXlsx({ title: TITLE, sheetName: '工作台账', columns, rows }))
    expect(xml).toContain('<mergeCell ref="A1:E1"/>')
    expect(xml).toMatch(/<pane [^>]*ySplit="2"[^>]*state="frozen"/)
    expect(xml).toMatch(/<pane [^>]*topLeftCell="A3"/)
    expect(xml).toMatch(/<pageSetup [^>]*paperSize="9"/)
    expect(xml).toMatch(/<pageSetup [^>]*orientation="landscape"/)
    const widths = [...xml.matchAll(/<col min="(\d+)" max="\d+" width="([\d.]+)"/g)].map(m => [Number(m[1]), Number(m[2])])
    expect(widths).toEqual(columnWidths({ columns, rows }).map((w, i) => [i + 1, w]))
    expect(widths.slice(0, 2)).toEqual([[1, 5], [2, 10]])
  })

  it('estimates a width from the title and the cells when none is given (CJK counts 2)', () => {
    // 联系方式 is 8 wide, 0351-1234567 is 12: 12 + 2; 备注's longest cell is the 38-wide formula, +1 for the guard, +2.
    expect(columnWidths({ columns, rows })).toEqual([5, 10, 14, 20, 40])
    expect(columnWidths({ columns: [{ key: 'a', title: '序' }], rows: [] })).toEqual([6])
  })

  it('takes ledger D\'s 16 columns as they are, in the annex\'s order', async () => {
    const row = Object.fromEntries(LEDGER_D_COLUMNS.map((c, i) => [c.key, i === 0 ? 1 : `${c.title}值`]))
    // A real LedgerDRow, with its non-column fields (caseId, receiptNumber), fits the export's rows as it is.
    const ledgerRow = { ...row, caseId: 'case:01950000-0000-7000-8000-00000000ca5e', receiptNumber: null } as LedgerDRow
    const sheet = await readBack(await exportXlsx({ title: TITLE, sheetName: '工作台账', columns: LEDGER_D_COLUMNS, rows: [ledgerRow] }))
    expect(sheet.data[1]).toEqual(LEDGER_D_COLUMNS.map(c => c.title))
    expect(sheet.data[2]).toEqual(LEDGER_D_COLUMNS.map((c, i) => i === 0 ? 1 : `${c.title}值`))
    expect(sheet.data[2]).toHaveLength(16)
  })

  it('writes a header with no rows when nothing matched', async () => {
    const sheet = await readBack(await exportXlsx({ title: TITLE, sheetName: '工作台账', columns, rows: [] }))
    expect(sheet.data).toEqual([[TITLE, null, null, null, null], ['序号', '姓名', '联系方式', '申请事项', '备注']])
  })

  it('exports 10,000 rows in chunks, progress monotonic and ending at the total, yielding between chunks', async () => {
    const big = Array.from({ length: 10_000 }, (_, i) => ({ seq: i + 1, applicantName: '张*明', contact: '138****5678', itemName: `事项${i % 37}`, remarks: i % 2 ? '' : '代办' }))
    const progress: ExportProgress[] = []
    // At each progress call a timer is queued; if the export yields to the event loop before its next
    // chunk, that timer has run by the next call.
    let timersRun = 0
    const timersRunAtCall: number[] = []
    const blob = await exportXlsx({ title: TITLE, sheetName: '工作台账', columns, rows: big, onProgress: (p) => {
      progress.push({ ...p })
      timersRunAtCall.push(timersRun)
      setTimeout(() => timersRun++, 0)
    } })

    expect(progress.filter(p => p.phase === 'rows').map(p => p.done)).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000])
    expect(progress.at(-1)).toEqual({ phase: 'file', done: 10_000, total: 10_000 })
    expect(progress.every(p => p.total === 10_000)).toBe(true)
    const dones = progress.map(p => p.done)
    expect(dones).toEqual(dones.toSorted((a, b) => a - b))
    expect(timersRunAtCall.slice(0, 10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])

    const sheet = await readBack(blob)
    expect(sheet.data).toHaveLength(10_002)
    expect(sheet.data[2]).toEqual([1, '张*明', '138****5678', '事项0', '代办'])
    expect(sheet.data[10_001]).toEqual([10_000, '张*明', '138****5678', `事项${9999 % 37}`, null])
  }, 30_000)

  it('stops between chunks when aborted', async () => {
    const controller = new AbortController()
    const many = Array.from({ length: 50 }, (_, i) => ({ seq: i, applicantName: null, contact: null, itemName: null, remarks: null }))
    const done: number[] = []
    const run = exportXlsx({ title: TITLE, sheetName: 's', columns, rows: many, chunkSize: 10, signal: controller.signal, onProgress: (p) => {
      done.push(p.done)
      if (p.done === 20)
        controller.abort(new Error('已取消'))
    } })
    await expect(run).rejects.toThrow('已取消')
    expect(done).toEqual([10, 20])
  })

  it.each([
    ['工作台账', '工作台账'],
    ['台账[2026/11]: D?', '台账 2026 11 D'],
    ['附录D 政务服务便民服务站工作台账（2026年11月，全部工作人员）', '附录D 政务服务便民服务站工作台账（2026年11月，全部工作'],
    ['  ', 'Sheet1'],
  ])('sheet name %j → %j', (name, safe) => {
    expect(safeSheetName(name)).toBe(safe)
    expect(safeSheetName(name).length).toBeLessThanOrEqual(31)
  })
})
