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

/** The CSS grid columns of a ledger on screen: each column's width hint (characters) at about one CJK character per unit. */
export function columnTemplate(columns: readonly LedgerColumn[]): string {
  return columns.map(c => `${Math.max(4, c.width) * 15 + 16}px`).join(' ')
}

/** The share of the printed page's width each column takes, in percent (widths as hinted, summing to 100). */
export function printWidths(columns: readonly LedgerColumn[]): string[] {
  const total = columns.reduce((sum, c) => sum + Math.max(3, c.width), 0)
  return columns.map(c => `${((Math.max(3, c.width) / total) * 100).toFixed(2)}%`)
}
