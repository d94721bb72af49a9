/**
 * Civil dates in China Standard Time (DOMAIN.md: all civil dates are CST): 'YYYY-MM-DD' strings, whatever
 * the device's time zone, and the plain calendar arithmetic on them. Working days are in ./workCalendar.ts.
 */

/** A civil date in China Standard Time, 'YYYY-MM-DD'. */
export type CivilDate = string

/** Something that names a CST day: a civil date 'YYYY-MM-DD', an ISO instant with an offset, or a Date. */
export type DateInput = CivilDate | Date

const CST_OFFSET_MS = 8 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000
const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
// An instant must carry its offset: a bare '2026-09-30T10:00' would be read in the device's zone.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i

function civilParts(date: string): { y: number, m: number, d: number } | null {
  const match = CIVIL_DATE.exec(date)
  if (!match)
    return null
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const utc = new Date(Date.UTC(y, m - 1, d))
  // Date.UTC rolls 02-30 over to 03-02; a real date survives the round trip.
  if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== m - 1 || utc.getUTCDate() !== d)
    return null
  return { y, m, d }
}

function formatUtcDay(utc: Date): CivilDate {
  const y = String(utc.getUTCFullYear()).padStart(4, '0')
  const m = String(utc.getUTCMonth() + 1).padStart(2, '0')
  const d = String(utc.getUTCDate()).padStart(2, '0')
  return `${y}-${m}-${d}`
}

/** DOMAIN.md: all civil dates are CST — 'YYYY-MM-DD' passes through, an instant or Date becomes its CST day. */
export function toCivilDate(input: DateInput): CivilDate {
  if (input instanceof Date) {
    const ms = input.getTime()
    if (Number.isNaN(ms))
      throw new RangeError('Invalid Date')
    return formatUtcDay(new Date(ms + CST_OFFSET_MS))
  }
  if (CIVIL_DATE.test(input)) {
    if (!civilParts(input))
      throw new RangeError(`不是有效日期: ${input}`)
    return input
  }
  if (ISO_INSTANT.test(input)) {
    const ms = Date.parse(input)
    if (Number.isNaN(ms))
      throw new RangeError(`不是有效时间: ${input}`)
    return formatUtcDay(new Date(ms + CST_OFFSET_MS))
  }
  throw new RangeError(`需要 'YYYY-MM-DD' 日期或带时区的 ISO 时间: ${input}`)
}

/** DOMAIN.md civil dates: is `date` a real CST civil date 'YYYY-MM-DD' (no 02-30)? */
export function isCivilDate(date: string): boolean {
  return civilParts(date) !== null
}

/** DOMAIN.md civil dates: the date `days` calendar (not working) days after `date`; negative goes back. */
export function addCalendarDays(date: CivilDate, days: number): CivilDate {
  const p = civilParts(date)
  if (!p)
    throw new RangeError(`不是有效日期: ${date}`)
  return formatUtcDay(new Date(Date.UTC(p.y, p.m - 1, p.d) + days * DAY_MS))
}

/** Day of the week of a civil date: 0 Sunday … 6 Saturday. */
export function weekday(date: CivilDate): number {
  const p = civilParts(date)
  if (!p)
    throw new RangeError(`不是有效日期: ${date}`)
  return new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay()
}

/** Saturday or Sunday. */
export function isWeekend(date: CivilDate): boolean {
  const dow = weekday(date)
  return dow === 0 || dow === 6
}
