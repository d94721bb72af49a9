/**
 * Reading a holiday schedule (节假日安排) the office imports, from the rows of a spreadsheet (日期 | 类型 | 说明)
 * or from JSON in the shape of calendarYearSchema. Every problem is reported with its row (spreadsheet) or
 * field (JSON) and nothing is imported while any remains. Pure: the xlsx file is read in calendarXlsx.ts.
 */
import type { CalendarYearData, CivilDate } from '../../domain/calendar'
import { calendarYearSchema, isCivilDate } from '../../domain/calendar'
import { messageRef } from '../appError'

/** The header titles of the spreadsheet columns. */
export const CALENDAR_COLUMNS = { date: '日期', type: '类型', note: '说明' } as const

/** The values of 类型: a day off, or a weekend day worked instead (调休上班). */
export const DAY_TYPES = { holiday: '放假', workday: '上班' } as const

/** One problem: on a spreadsheet row (1-based, the header is row 1) or at a JSON field. */
export interface ImportProblem {
  row: number | null
  field: string | null
  message: string
}

export type ParsedCalendarYear = { ok: true, data: CalendarYearData } | { ok: false, problems: ImportProblem[] }

const DAY_MS = 86_400_000
// Excel counts days from 1899-12-30 (its 1900 leap-year bug included).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30)
const LOOSE_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** A spreadsheet cell as a civil date: a date cell (read as UTC midnight), an Excel serial, or text. */
export function cellDate(cell: unknown): CivilDate | null {
  if (cell instanceof Date)
    return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10)
  if (typeof cell === 'number' && Number.isInteger(cell) && cell > 0 && cell < 200_000)
    return new Date(EXCEL_EPOCH_MS + cell * DAY_MS).toISOString().slice(0, 10)
  if (typeof cell === 'string') {
    const match = LOOSE_DATE.exec(cell.trim())
    if (!match)
      return null
    const date = `${match[1]}-${pad(Number(match[2]))}-${pad(Number(match[3]))}`
    return isCivilDate(date) ? date : null
  }
  return null
}

function text(cell: unknown): string {
  return cell === null || cell === undefined ? '' : String(cell).trim()
}

function dayType(cell: unknown): 'holiday' | 'workday' | null {
  const value = text(cell)
  if (value === DAY_TYPES.holiday || value === '休' || value === '休息')
    return 'holiday'
  if (value === DAY_TYPES.workday || value === '班' || value === '调休上班')
    return 'workday'
  return null
}

/** The problems calendarYearSchema still finds, on the rows (or fields) they came from. */
function schemaProblems(data: CalendarYearData, rowOf: { holidays: number[], workdays: number[] } | null): ImportProblem[] {
  const result = calendarYearSchema.safeParse(data)
  if (result.success)
    return []
  return result.error.issues.map((issue) => {
    const [list, index] = issue.path
    const row = rowOf && (list === 'holidays' || list === 'workdays') && typeof index === 'number' ? rowOf[list][index] ?? null : null
    return { row, field: row === null ? issue.path.join('.') || null : null, message: issue.message }
  })
}

/** 节假日安排 from spreadsheet rows: a header row with 日期 and 类型 (说明 optional), then one row per date. */
export function calendarYearFromRows(rows: readonly (readonly unknown[])[], source?: string): ParsedCalendarYear {
  const header = (rows[0] ?? []).map(text)
  const dateCol = header.indexOf(CALENDAR_COLUMNS.date)
  const typeCol = header.indexOf(CALENDAR_COLUMNS.type)
  const problems: ImportProblem[] = []
  if (dateCol < 0)
    problems.push({ row: 1, field: null, message: messageRef('calendarImport.missingHeader', { header: CALENDAR_COLUMNS.date }) })
  if (typeCol < 0)
    problems.push({ row: 1, field: null, message: messageRef('calendarImport.missingHeader', { header: CALENDAR_COLUMNS.type }) })
  if (problems.length > 0)
    return { ok: false, problems }

  const holidays: CivilDate[] = []
  const workdays: CivilDate[] = []
  const rowOf = { holidays: [] as number[], workdays: [] as number[] }
  const seen = new Map<CivilDate, number>()
  let year: number | null = null
  rows.slice(1).forEach((cells, i) => {
    const row = i + 2
    if (cells.every(c => text(c) === ''))
      return
    const date = cellDate(cells[dateCol])
    const type = dayType(cells[typeCol])
    if (date === null)
      problems.push({ row, field: null, message: messageRef('calendarImport.badDate', { value: text(cells[dateCol]) }) })
    if (type === null)
      problems.push({ row, field: null, message: messageRef('calendarImport.badType', { value: text(cells[typeCol]), holiday: DAY_TYPES.holiday, workday: DAY_TYPES.workday }) })
    if (date === null || type === null)
      return
    const dateYear = Number(date.slice(0, 4))
    year ??= dateYear
    if (dateYear !== year)
      return problems.push({ row, field: null, message: messageRef('calendarImport.otherYear', { date, year }) })
    const earlier = seen.get(date)
    if (earlier !== undefined)
      return problems.push({ row, field: null, message: messageRef('calendarImport.duplicate', { date, row: earlier }) })
    seen.set(date, row)
    const list = type === 'holiday' ? holidays : workdays
    list.push(date)
    rowOf[type === 'holiday' ? 'holidays' : 'workdays'].push(row)
  })
  if (year === null) {
    problems.push({ row: null, field: null, message: messageRef('calendarImport.noDates') })
    return { ok: false, problems }
  }
  const data: CalendarYearData = { year, holidays, workdays, ...(source?.trim() ? { source: source.trim() } : {}) }
  // The schedule rules on the rows that were readable, so one pass shows every problem.
  const rules = holidays.length === 0 && problems.length > 0 ? [] : schemaProblems(data, rowOf)
  const all = [...problems, ...rules].sort((a, b) => (a.row ?? Infinity) - (b.row ?? Infinity))
  return all.length > 0 ? { ok: false, problems: all } : { ok: true, data }
}

/** 节假日安排 from JSON text in the shape of calendarYearSchema; a `source` typed on the page wins over the file's. */
export function calendarYearFromJson(json: string, source?: string): ParsedCalendarYear {
  let value: unknown
  try {
    value = JSON.parse(json)
  }
  catch {
    return { ok: false, problems: [{ row: null, field: null, message: messageRef('calendarImport.badJson') }] }
  }
  const withSource = source?.trim() && value && typeof value === 'object' ? { ...value, source: source.trim() } : value
  const result = calendarYearSchema.safeParse(withSource)
  if (result.success)
    return { ok: true, data: result.data }
  return { ok: false, problems: result.error.issues.map(issue => ({ row: null, field: issue.path.join('.') || null, message: issue.message })) }
}

/** One month of a preview: its days off and make-up working days. */
export interface CalendarMonthPreview {
  month: number
  holidays: CivilDate[]
  workdays: CivilDate[]
}

/** The preview shown before confirming: months that have any date, in order, and the counts. */
export function calendarPreview(data: CalendarYearData): { months: CalendarMonthPreview[], holidays: number, workdays: number } {
  const months = Array.from({ length: 12 }, (_, i): CalendarMonthPreview => ({ month: i + 1, holidays: [], workdays: [] }))
  for (const date of [...data.holidays].sort())
    months[Number(date.slice(5, 7)) - 1]?.holidays.push(date)
  for (const date of [...data.workdays].sort())
    months[Number(date.slice(5, 7)) - 1]?.workdays.push(date)
  return { months: months.filter(m => m.holidays.length + m.workdays.length > 0), holidays: new Set(data.holidays).size, workdays: new Set(data.workdays).size }
}

/** The rows of the downloadable template: the header and a few example lines. */
export function calendarTemplateRows(year: number): string[][] {
  return [
    [CALENDAR_COLUMNS.date, CALENDAR_COLUMNS.type, CALENDAR_COLUMNS.note],
    [`${year}-01-01`, DAY_TYPES.holiday, '元旦'],
    [`${year}-10-01`, DAY_TYPES.holiday, '国庆节'],
    [`${year}-10-09`, DAY_TYPES.workday, '国庆节调休上班（应为周六或周日）'],
  ]
}
