/**
 * The shape every export takes: columns (row key + Chinese title, optional width in characters) and rows
 * keyed by column key — the ledgers' `LEDGER_D_COLUMNS` and `LedgerDRow` fit it as they are. Cells are
 * text, numbers or empty; a row may carry other fields (caseId), which are not exported.
 */

/** One cell: text, a number, or empty (null/undefined). */
export type ExportCell = string | number | null | undefined

/** One exported column. */
export interface ExportColumn<K extends string = string> {
  key: K
  /** The header text, e.g. '便民服务站名称'. */
  title: string
  /** Column width in characters (a CJK character counts 2); estimated from the content when absent. */
  width?: number
}

/** A row: a cell for every column key. */
export type ExportRow<K extends string = string> = { readonly [P in K]: ExportCell }

/** What is exported. */
export interface ExportTable<K extends string = string> {
  columns: readonly ExportColumn<K>[]
  rows: readonly ExportRow<K>[]
}

/** Progress of a long export: `done` of `total` rows prepared ('rows'), then the file written ('file', done = total). */
export interface ExportProgress {
  phase: 'rows' | 'file'
  done: number
  total: number
}

// OWASP CSV injection: a spreadsheet reads text starting with these as a formula (tab and CR too).
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * Formula-injection guard: text that a spreadsheet would run as a formula gets a leading apostrophe, so
 * '=HYPERLINK(…)' typed into a remark stays text. Numbers are never touched: -5 is a number, not a formula.
 */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** A cell as exported: empty for null/undefined and non-finite numbers; text guarded against formulas. */
export function exportValue(cell: ExportCell): string | number | null {
  if (cell === null || cell === undefined)
    return null
  if (typeof cell === 'number')
    return Number.isFinite(cell) ? cell : null
  return cell === '' ? null : guardFormula(cell)
}

/** How wide a text shows, in Excel characters: a CJK or full-width character counts 2. */
export function displayWidth(text: string): number {
  let width = 0
  for (const ch of text)
    width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}]/u.test(ch) ? 2 : 1
  return width
}

/** Lets the browser paint and take input between chunks of a long export. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, 0))
}
