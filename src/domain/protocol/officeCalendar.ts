/**
 * Holiday schedules for the office (节假日安排; DOMAIN.md "Working days") under /api/office/calendar-years: the
 * years the server holds and what an import answered. The import body is the domain's calendarYearSchema.
 */
import { z } from 'zod'
import { isoInstantSchema } from './common'

/** One year as the server lists it (counts, not dates). */
export const officeCalendarYearSchema = z.object({
  year: z.number().int(),
  holidays: z.number().int(),
  workdays: z.number().int(),
  source: z.string().nullable(),
  revision: z.number(),
  updatedAt: isoInstantSchema,
})
export type OfficeCalendarYear = z.infer<typeof officeCalendarYearSchema>

/** GET /api/office/calendar-years, newest year first. */
export const calendarYearsAnswerSchema = z.object({ years: z.array(officeCalendarYearSchema) })
export type CalendarYearsAnswer = z.infer<typeof calendarYearsAnswerSchema>

/** POST /api/office/calendar-years → 201 a new year, 200 a replaced one. */
export const calendarImportAnswerSchema = z.object({
  year: z.number().int(),
  holidays: z.number().int(),
  workdays: z.number().int(),
  source: z.string().nullable(),
  replaced: z.boolean(),
  /** Cases whose provisional due the server recounted with the new year. */
  recounted: z.number().int(),
})
export type CalendarImportAnswer = z.infer<typeof calendarImportAnswerSchema>
