/** How a ledger is laid out on screen and on paper: cell text, column widths, fixed row heights for the virtual list. */
import type { LedgerColumn } from '../../domain/ledger'
import type { LedgerRow } from '../../domain/ledgerFilter'

/** Height in px of a row on screen (two lines of 20 px text and padding); the virtual list needs it fixed. */
export const LEDGER_ROW_HEIGHT = 56
/** Height in px of an incomplete row: the cells and one line saying what is missing. */
export const LEDGER_FLAGGED_ROW_HEIGHT = 84

/** One cell's text ('' for empty); 序号 as a number's digits. */
export function ledgerCell(row: LedgerRow, key: string): string {
  const value = (row as unknown as Record<string, unknown>)[key]
  return value === null || value === undefined ? '' : String(value)
}

/** Each column's width in px on screen: its width hint (characters) at about one CJK character per unit, plus padding. */
export function columnWidths(columns: readonly LedgerColumn[]): number[] {
  return columns.map(c => Math.max(4, c.width) * 15 + 16)
}

/** The CSS grid columns of a ledger on screen (columnWidths). */
export function columnTemplate(columns: readonly LedgerColumn[]): string {
  return columnWidths(columns).map(w => `${w}px`).join(' ')
}

/** How many columns start left of the first frozen ones stay put (序号 and the date: issue 14 item 10). */
export const LEDGER_FROZEN_COLUMNS = 2

/**
 * What a sideways-scrolled ledger shows (issue 14 item 10): the columns wholly or partly in view — the frozen ones
 * always — and how many lie beyond the right edge, for the "→ 还有 N 列" cue. `scrollLeft` and `viewport` in px.
 */
export function columnsInView(widths: readonly number[], frozen: number, scrollLeft: number, viewport: number): { shown: number, right: number } {
  const frozenWidth = widths.slice(0, frozen).reduce((a, b) => a + b, 0)
  let left = 0
  let shown = 0
  let right = 0
  widths.forEach((w, i) => {
    const start = left
    left += w
    if (i < frozen) {
      shown += 1
      return
    }
    // In content coordinates the visible band right of the frozen columns is [scrollLeft + frozenWidth, scrollLeft + viewport].
    if (start >= scrollLeft + viewport - 1)
      right += 1
    else if (start + w > scrollLeft + frozenWidth + 1)
      shown += 1
  })
  return { shown, right }
}

/** The share of the printed page's width each column takes, in percent (widths as hinted, summing to 100). */
export function printWidths(columns: readonly LedgerColumn[]): string[] {
  const total = columns.reduce((sum, c) => sum + Math.max(3, c.width), 0)
  return columns.map(c => `${((Math.max(3, c.width) / total) * 100).toFixed(2)}%`)
}
