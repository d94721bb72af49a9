/**
 * China Standard Time (UTC+8, no DST) as instants: where a CST civil day starts and ends, whatever the
 * device's time zone. Civil dates are in ./civilDate.ts, working days in ./workCalendar.ts.
 */

const CST_OFFSET_MS = 8 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000

/** The civil day (YYYY-MM-DD, CST) of an instant in epoch ms. */
export function cstDay(ms: number): string {
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 10)
}

/** The instant (epoch ms) a CST civil day starts. */
export function cstDayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00+08:00`)
}

/** [start, end) of a CST civil day in epoch ms. */
export function cstDayRange(day: string): [number, number] {
  const from = cstDayStartMs(day)
  return [from, from + DAY_MS]
}

/** The last instant of the CST day of `now`, e.g. for "due before the end of today". */
export function endOfCstDay(now: Date): string {
  return `${cstDay(now.getTime())}T23:59:59.999+08:00`
}
