/**
 * The app's working-day calendar (DOMAIN.md "Working days"): the bundled years plus the calendar years stored
 * on this device (reference data the server distributes). This module is its one owner. The calendar is an
 * immutable value: storing years publishes a new one (publishCalendarYears) instead of changing it, and
 * whoever counts working days — the folds of the data layer, the stores, the screens — reads it here and
 * passes it to the domain.
 */
import type { CalendarYearData, WorkCalendar } from '../../domain/calendar'
import { shallowRef } from 'vue'
import { builtinWorkCalendar } from '../../domain/calendar'

const current = shallowRef<WorkCalendar>(builtinWorkCalendar())

/**
 * The calendar now. Reactive: a computed or watcher that reads it runs again once newly stored years are
 * published, so a 暂定 due shown on screen is counted again with them.
 */
export function workCalendar(): WorkCalendar {
  return current.value
}

/** A calendar of the bundled years plus the given ones (e.g. the fold's calendar inside the transaction storing them). */
export function calendarWith(years: readonly CalendarYearData[]): WorkCalendar {
  return builtinWorkCalendar().withYears(years)
}

/** Make the stored years the app's calendar (after the transaction that stored them committed): all of them, replacing the ones before. */
export function publishCalendarYears(years: readonly CalendarYearData[]): void {
  current.value = calendarWith(years)
}
