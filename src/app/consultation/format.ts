/** Dates and times on the counter are shown in China Standard Time, whatever the tablet's zone. */

/** e.g. 2026年10月8日 23:59 (zh-CN) for an ISO instant. */
export function formatCstDateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short', hour12: false }).format(new Date(iso))
}
