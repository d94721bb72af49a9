/**
 * The xlsx side of the office's calendar import: reading the first sheet of an uploaded file and writing the
 * template. Both libraries are loaded with a dynamic import() only when used (chunks of their own).
 */
import type { ParsedCalendarYear } from './calendarImport'
import { messageRef } from '../appError'
import { XLSX_MIME } from '../export/xlsxExport'
import { calendarTemplateRows, calendarYearFromRows } from './calendarImport'

/** 节假日安排 from an .xlsx file (first sheet: 日期 | 类型 | 说明); a file that is no spreadsheet is one problem. */
export async function calendarYearFromXlsx(file: Blob | ArrayBuffer, source?: string): Promise<ParsedCalendarYear> {
  const { readSheet } = await import('read-excel-file/browser')
  let rows: unknown[][]
  try {
    rows = await readSheet(file)
  }
  catch (error) {
    return { ok: false, problems: [{ row: null, field: null, message: messageRef('calendarImport.badExcel', { detail: error instanceof Error ? error.message : String(error) }) }] }
  }
  return calendarYearFromRows(rows, source)
}

/** The template to fill in, for `year`. */
export async function calendarTemplateXlsx(year: number): Promise<Blob> {
  const { default: writeExcelFile } = await import('write-excel-file/universal')
  const [header, ...examples] = calendarTemplateRows(year)
  const data = [
    (header ?? []).map(value => ({ value, fontWeight: 'bold' as const })),
    ...examples.map(row => row.map(value => ({ value }))),
  ]
  const blob = await writeExcelFile(data, { sheet: `${year}年节假日`, columns: [{ width: 14 }, { width: 10 }, { width: 36 }] }).toBlob()
  return blob.type === XLSX_MIME ? blob : new Blob([blob], { type: XLSX_MIME })
}
