/**
 * The calendar-year data schema: one year's holiday schedule (节假日安排) as the State Council publishes it,
 * the shape the server distributes as reference data and the office imports (DOMAIN.md "Working days").
 */
import { z } from 'zod'
import { isCivilDate, isWeekend } from './civilDate'

const civilDateSchema = z.string().refine(isCivilDate, { message: '日期应为有效的 YYYY-MM-DD', params: { format: 'date' } })

/**
 * One year's holiday schedule as the State Council publishes it each November: the days off
 * (放假, weekends inside a holiday included or not) and the weekend days worked instead (调休上班).
 * This is the shape the server distributes as calendar reference data.
 */
export const calendarYearSchema = z.object({
  year: z.number().int().min(1949).max(2200),
  // An empty list would quietly make the year Monday–Friday: a published schedule always has holidays.
  holidays: z.array(civilDateSchema).min(1),
  workdays: z.array(civilDateSchema),
  /** Where the data comes from, e.g. '国办发明电〔2025〕7号'. */
  source: z.string().max(200).optional(),
}).superRefine((data, ctx) => {
  const holidays = new Set(data.holidays)
  data.holidays.forEach((date, i) => {
    if (isCivilDate(date) && !date.startsWith(`${data.year}-`))
      ctx.addIssue({ code: 'custom', path: ['holidays', i], message: `${date} 不在 ${data.year} 年` })
  })
  data.workdays.forEach((date, i) => {
    if (!isCivilDate(date))
      return
    if (!date.startsWith(`${data.year}-`))
      ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `${date} 不在 ${data.year} 年` })
    if (holidays.has(date))
      ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `${date} 不能既放假又上班` })
    if (!isWeekend(date))
      ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `${date} 不是周末，无需调休上班` })
  })
})

/** One year's holiday schedule (see calendarYearSchema). */
export type CalendarYearData = z.infer<typeof calendarYearSchema>
