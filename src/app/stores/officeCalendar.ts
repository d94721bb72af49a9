/**
 * The office's holiday schedules (节假日安排; issue 8 "Urgent first"): the years the server holds, and importing
 * a newly published one (GET / POST /api/office/calendar-years). The file is read and checked on the page
 * first (calendar/calendarImport.ts); the server checks it again and recounts the 暂定 dues it settles.
 */
import type { CalendarYearData } from '../../domain/calendar'
import type { CalendarImportAnswer, OfficeCalendarYear } from '../../domain/protocol'
import type { ParsedCalendarYear } from '../calendar/calendarImport'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { calendarImportAnswerSchema, calendarYearsAnswerSchema } from '../../domain/protocol'
import { calendarYearFromJson } from '../calendar/calendarImport'
import { useOfficeStore } from './office'

export type { CalendarImportAnswer, OfficeCalendarYear } from '../../domain/protocol'

/** Read an uploaded file: .json as calendarYearSchema, anything else as an .xlsx (library loaded on demand). */
export async function readCalendarFile(file: File, source?: string): Promise<ParsedCalendarYear> {
  if (file.name.toLowerCase().endsWith('.json') || file.type === 'application/json')
    return calendarYearFromJson(await file.text(), source)
  const { calendarYearFromXlsx } = await import('../calendar/calendarXlsx')
  return calendarYearFromXlsx(await file.arrayBuffer(), source)
}

export const useOfficeCalendarStore = defineStore('officeCalendar', () => {
  const years = shallowRef<OfficeCalendarYear[]>([])

  async function loadYears(): Promise<OfficeCalendarYear[]> {
    const answer = await useOfficeStore().request('/api/office/calendar-years', {}, calendarYearsAnswerSchema)
    years.value = answer.years
    return answer.years
  }

  /** Import (or replace) a year; the list is read again afterwards. */
  async function importYear(data: CalendarYearData): Promise<CalendarImportAnswer> {
    const answer = await useOfficeStore().request('/api/office/calendar-years', { method: 'POST', body: data }, calendarImportAnswerSchema)
    await loadYears()
    return answer
  }

  /** The template .xlsx to fill in. */
  async function template(year: number): Promise<Blob> {
    const { calendarTemplateXlsx } = await import('../calendar/calendarXlsx')
    return calendarTemplateXlsx(year)
  }

  return { years, loadYears, importYear, template }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useOfficeCalendarStore, import.meta.hot))
