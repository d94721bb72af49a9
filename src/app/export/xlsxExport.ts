/**
 * Ledger export as a real .xlsx (issue 5 item 1), with write-excel-file: a title row (the annex title,
 * merged across the columns), a header row, column widths, both rows frozen, A4 landscape page setup.
 * The library is loaded with a dynamic import() only when exporting, so it is a chunk of its own and
 * not part of the shell a counter starts with.
 *
 * Rows are turned into cells in chunks, yielding to the event loop between chunks and reporting progress,
 * so a 10,000-row export keeps the screen responsive; the zip is then compressed off the main thread where
 * the browser has workers (fflate, inside the library).
 */
import type { Cell, Row, SheetData } from 'write-excel-file/universal'
import type { ExportProgress, ExportRow, ExportTable } from './table'
import { displayWidth, exportValue, guardFormula, yieldToEventLoop } from './table'

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Rows turned into cells between two yields. */
const DEFAULT_CHUNK_SIZE = 1000

/** Bounds of an estimated column width, in characters. */
const MIN_WIDTH = 6
const MAX_WIDTH = 40
/** Rows looked at to estimate a column's width. */
const WIDTH_SAMPLE_ROWS = 200

export interface XlsxExportOptions<K extends string = string> extends ExportTable<K> {
  /** The title row above the header, e.g. '附录D 政务服务便民服务站工作台账'. */
  title: string
  /** The worksheet's name (cut to Excel's 31 characters, without []:*?/\). */
  sheetName: string
  /** Called after each chunk of rows ('rows', done of total) and once the file is written ('file'). */
  onProgress?: (progress: ExportProgress) => void
  /** Rows per chunk; 1000 unless said. */
  chunkSize?: number
  /** Stops the export between chunks (rejects with the signal's reason). */
  signal?: AbortSignal
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
export function safeSheetName(name: string): string {
  const cleaned = name.replace(/[[\]:*?/\\\s]+/g, ' ').trim().slice(0, 31).trim()
  return cleaned || 'Sheet1'
}

/** Each column's width: the given one, else the widest of its title and a sample of its cells. */
export function columnWidths<K extends string>(table: ExportTable<K>): number[] {
  const sample = table.rows.slice(0, WIDTH_SAMPLE_ROWS)
  return table.columns.map((column) => {
    if (column.width !== undefined)
      return column.width
    let widest = displayWidth(column.title)
    for (const row of sample) {
      const value = row[column.key]
      if (value !== null && value !== undefined)
        widest = Math.max(widest, displayWidth(String(value)))
    }
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2))
  })
}

function dataRow<K extends string>(row: ExportRow<K>, keys: readonly K[]): Row {
  return keys.map(key => exportValue(row[key]))
}

/** Issue 5 item 1: the rows as an .xlsx Blob, with the title row, header row, widths, frozen header and A4 landscape. */
export async function exportXlsx<K extends string>(options: XlsxExportOptions<K>): Promise<Blob> {
  const { title, columns, rows, onProgress, signal } = options
  const chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK_SIZE)
  const total = rows.length
  const keys = columns.map(c => c.key)
  const span = Math.max(1, columns.length)

  // Start loading the library while the rows are prepared.
  const library = import('write-excel-file/universal')

  const titleCell: Cell = { value: guardFormula(title), columnSpan: span, fontWeight: 'bold', fontSize: 16, align: 'center', alignVertical: 'center', height: 30 }
  const data: SheetData = [
    [titleCell, ...Array.from<null>({ length: span - 1 }).fill(null)],
    columns.map((c): Cell => ({ value: guardFormula(c.title), fontWeight: 'bold', align: 'center', alignVertical: 'center', wrap: true, backgroundColor: '#EDF2FA', borderStyle: 'thin' })),
  ]
  for (let start = 0; start < total; start += chunkSize) {
    signal?.throwIfAborted()
    const end = Math.min(total, start + chunkSize)
    for (const row of rows.slice(start, end))
      data.push(dataRow(row, keys))
    onProgress?.({ phase: 'rows', done: end, total })
    await yieldToEventLoop()
  }
  signal?.throwIfAborted()

  const { default: writeExcelFile } = await library
  const blob = await writeExcelFile(data, {
    sheet: safeSheetName(options.sheetName),
    columns: columnWidths(options).map(width => ({ width })),
    stickyRowsCount: 2,
    // The library writes A4 (paperSize 9) with a landscape orientation.
    orientation: 'landscape',
  }).toBlob()
  onProgress?.({ phase: 'file', done: total, total })
  return blob.type === XLSX_MIME ? blob : new Blob([blob], { type: XLSX_MIME })
}
