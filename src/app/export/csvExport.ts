/**
 * Ledger export as CSV (issue 5 item 1): UTF-8 with a byte-order mark so Excel on a Chinese Windows opens
 * it as UTF-8 (not GBK), RFC 4180 quoting, CRLF line ends, a header row of column titles, and the same
 * formula-injection guard as the .xlsx export.
 */
import type { ExportCell, ExportTable } from './table'
import { exportValue, guardFormula } from './table'

export const CSV_MIME = 'text/csv;charset=utf-8'

/** U+FEFF: Excel reads a CSV that starts with it as UTF-8. */
export const UTF8_BOM = '\uFEFF'

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

function csvCell(cell: ExportCell): string {
  const value = exportValue(cell)
  return value === null ? '' : csvField(String(value))
}

/** The CSV text (without BOM): header row of titles, then one line per row, CRLF after every line. */
export function toCsv<K extends string>({ columns, rows }: ExportTable<K>): string {
  const lines: string[] = [columns.map(c => csvField(guardFormula(c.title))).join(',')]
  for (const row of rows)
    lines.push(columns.map(c => csvCell(row[c.key])).join(','))
  return `${lines.join('\r\n')}\r\n`
}

/** Issue 5 item 1: the rows as a CSV Blob, UTF-8 with BOM. */
export function exportCsv<K extends string>(table: ExportTable<K>): Blob {
  return new Blob([UTF8_BOM, toCsv(table)], { type: CSV_MIME })
}
