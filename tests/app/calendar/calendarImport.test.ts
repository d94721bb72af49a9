import writeExcelFile from 'write-excel-file/universal'
import { describe, expect, it } from 'vitest'
import { messageRef } from '../../../src/app/appError'
import { calendarPreview, calendarYearFromJson, calendarYearFromRows } from '../../../src/app/calendar/calendarImport'
import { calendarTemplateXlsx, calendarYearFromXlsx } from '../../../src/app/calendar/calendarXlsx'
import { errorTextWith } from '../../../src/app/composables/useErrorText'
import { createAppI18n } from '../../../src/app/i18n'
import fixture2027 from '../../fixtures/calendar-2027.json'

type Cell = string | Date | number | null

/** A real .xlsx written by write-excel-file, as the office would upload it. */
async function xlsx(rows: Cell[][]): Promise<ArrayBuffer> {
  const data = rows.map(row => row.map(value => (value === null ? null : value instanceof Date ? { value, format: 'yyyy-mm-dd' } : { value })))
  const blob = await writeExcelFile(data as never).toBlob()
  return blob.arrayBuffer()
}

/** The fixture as spreadsheet rows: header, then 放假 / 上班 rows with a note. */
function fixtureRows(): Cell[][] {
  return [
    ['日期', '类型', '说明'],
    ...fixture2027.holidays.map((d): Cell[] => [d, '放假', '']),
    ...fixture2027.workdays.map((d): Cell[] => [d, '上班', '调休']),
  ]
}

describe('calendar import from xlsx (日期 | 类型 | 说明)', () => {
  it('reads a real xlsx back into the year, text dates and date cells alike', async () => {
    const rows = fixtureRows()
    // Two rows as Excel date cells instead of text.
    rows[1] = [new Date(Date.UTC(2027, 0, 1)), '放假', '元旦']
    rows[rows.length - 1] = [new Date(Date.UTC(2027, 9, 9)), '上班', '国庆调休']
    const parsed = await calendarYearFromXlsx(await xlsx(rows), '测试数据')
    expect(parsed).toEqual({ ok: true, data: { year: 2027, holidays: fixture2027.holidays, workdays: fixture2027.workdays, source: '测试数据' } })
  })

  it('reports every bad row by its number, and imports nothing', async () => {
    const rows: Cell[][] = [
      ['日期', '类型', '说明'],
      ['2027-01-01', '放假', '元旦'],
      ['2027-02-30', '放假', ''],
      ['2027-02-14', '调班', ''],
      ['2027-02-15', '上班', '周一不是周末'],
      ['2027-01-01', '放假', '重复'],
      [null, null, null],
      ['2028-01-01', '放假', '下一年'],
    ]
    const parsed = await calendarYearFromXlsx(await xlsx(rows))
    expect(parsed.ok).toBe(false)
    const problems = parsed.ok ? [] : parsed.problems
    expect(problems.map(p => p.row)).toEqual([3, 4, 5, 6, 8])
    // The app's own problems are codes (the view translates them); the domain's schedule rules speak Chinese.
    const inChinese = errorTextWith(createAppI18n('zh-CN').global)
    expect(problems.map(p => inChinese(p.message))).toEqual([
      '日期“2027-02-30”无效，应为 YYYY-MM-DD',
      '类型“调班”无效，应为“放假”或“上班”',
      '2027-02-15 不是周末，无需调休上班',
      '2027-01-01 与第 2 行重复',
      '2028-01-01 不在 2027 年（一个文件只能导入一个年份）',
    ])
  })

  it('reports what only the schedule rules catch on the row it came from (a make-up day on a weekday)', () => {
    const parsed = calendarYearFromRows([['日期', '类型'], ['2027-01-01', '放假'], ['2027-02-15', '上班']])
    expect(parsed).toEqual({ ok: false, problems: [{ row: 3, field: null, message: '2027-02-15 不是周末，无需调休上班' }] })
  })

  it('asks for the header, and says when a file is not a spreadsheet', async () => {
    expect(calendarYearFromRows([['date', 'type'], ['2027-01-01', '放假']])).toMatchObject({ ok: false, problems: [{ row: 1 }, { row: 1 }] })
    const notXlsx = await calendarYearFromXlsx(new TextEncoder().encode('not a zip').buffer as ArrayBuffer)
    expect(notXlsx).toMatchObject({ ok: false, problems: [{ row: null }] })
  })

  it('the downloadable template reads back with its example rows', async () => {
    const parsed = await calendarYearFromXlsx(await (await calendarTemplateXlsx(2027)).arrayBuffer())
    expect(parsed).toEqual({ ok: true, data: { year: 2027, holidays: ['2027-01-01', '2027-10-01'], workdays: ['2027-10-09'] } })
  })
})

describe('calendar import from JSON and the preview', () => {
  it('reads the fixture; a bad field is named', () => {
    expect(calendarYearFromJson(JSON.stringify(fixture2027))).toMatchObject({ ok: true, data: { year: 2027 } })
    expect(calendarYearFromJson(JSON.stringify({ ...fixture2027, workdays: ['2027-02-15'] }))).toEqual({ ok: false, problems: [{ row: null, field: 'workdays.0', message: '2027-02-15 不是周末，无需调休上班' }] })
    expect(calendarYearFromJson('{')).toMatchObject({ ok: false, problems: [{ message: messageRef('calendarImport.badJson') }] })
  })

  it('previews days off and make-up days per month, with the counts', () => {
    const preview = calendarPreview(fixture2027)
    expect(preview).toMatchObject({ holidays: 37, workdays: 9 })
    expect(preview.months.map(m => m.month)).toEqual([1, 2, 4, 5, 6, 9, 10])
    expect(preview.months.find(m => m.month === 10)).toEqual({ month: 10, holidays: ['2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'], workdays: ['2027-10-09'] })
  })
})
