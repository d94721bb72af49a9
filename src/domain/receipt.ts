/**
 * Document numbers made offline on the counter tablets, without collisions between tablets
 * (issue 4; DOMAIN.md 收件回执 "number (station + year + serial)"; Annex F 委托书编号).
 *
 * Format — `<station>-<year>-<slot>-<serial>`; entrustments (委托书 and 续办委托书) put `WT` after the station:
 *
 *     JC0001-2026-A-0007       收件回执 (acceptance receipt) no. 7 of tablet A of station JC0001 in 2026
 *     JC0001-WT-2026-B-0003    委托书 (entrustment) no. 3 of tablet B of station JC0001 in 2026
 *
 * - station: the station's code, 2–12 upper-case letters or digits (no hyphen).
 * - year: the CST calendar year of issue (the serial starts again at 1 each year).
 * - slot: the tablet's slot at its station, a number the server hands out once at enrollment (1, 2, …) and
 *   never hands out again at that station, written in letters without I and O (bijective base 24:
 *   1 → A … 24 → Z, 25 → AA … 600 → ZZ), so it reads unambiguously on paper.
 * - serial: per tablet, per year, per series (receipts and entrustments count apart), from 1;
 *   at least 4 digits, zero-padded, longer past 9999.
 *
 * Why this is collision-free: two tablets of one station never share a slot, so their numbers differ in the
 * slot even when the serials match; one tablet never repeats a serial (it keeps a counter, and
 * `nextDocumentSerial` recovers it from the numbers it already issued). A short code hashed from the
 * device id was rejected: random codes short enough to read aloud collide (birthday bound), slots cannot.
 * A reinstalled tablet enrolls again and gets a new slot, so it never restarts an old slot's serials.
 */

/** The document series numbered on the tablet: 收件回执 and 委托书 (original and 续办). */
export type DocumentSeries = 'receipt' | 'entrustment'

/** The code each series puts after the station (null: none, the receipt format of the issue). */
export const documentSeriesCodes: Readonly<Record<DocumentSeries, string | null>> = { receipt: null, entrustment: 'WT' }

export const documentSeriesLabels: Readonly<Record<DocumentSeries, string>> = { receipt: '收件回执', entrustment: '委托书' }

/** What a number is made of. */
export interface DocumentNumberParts {
  /** The station's code, e.g. 'JC0001'. */
  stationCode: string
  /** CST year of issue. */
  year: number
  /** The tablet's slot at its station (1, 2, …), assigned at enrollment. */
  deviceSlot: number
  /** Per tablet, year and series, from 1. */
  serial: number
}

/** Slot letters: A–Z without I and O (they read as 1 and 0). */
const SLOT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
const BASE = SLOT_ALPHABET.length
/** Two letters at most: 24 + 24² slots per station. */
export const MAX_DEVICE_SLOT = BASE + BASE * BASE
const STATION_CODE = /^[A-Z0-9]{2,12}$/
const NUMBER = /^([A-Z0-9]{2,12})(?:-([A-Z]{2}))?-(\d{4})-([A-HJ-NP-Z]{1,2})-(\d{4,})$/

/** Issue 4 receipts: the letters of a device slot (1 → 'A', 24 → 'Z', 25 → 'AA'); throws RangeError outside 1…600. */
export function deviceSlotCode(slot: number): string {
  if (!Number.isInteger(slot) || slot < 1 || slot > MAX_DEVICE_SLOT)
    throw new RangeError(`设备编号应为 1–${MAX_DEVICE_SLOT} 的整数: ${slot}`)
  let n = slot
  let code = ''
  while (n > 0) {
    const digit = (n - 1) % BASE
    code = SLOT_ALPHABET[digit] + code
    n = Math.floor((n - 1) / BASE)
  }
  return code
}

/** Issue 4 receipts: the slot number of slot letters ('A' → 1, 'AA' → 25), or null when they are not a slot code. */
export function parseDeviceSlotCode(code: string): number | null {
  if (!/^[A-HJ-NP-Z]{1,2}$/.test(code))
    return null
  let n = 0
  for (const ch of code)
    n = n * BASE + SLOT_ALPHABET.indexOf(ch) + 1
  return n
}

function check(parts: DocumentNumberParts): void {
  if (!STATION_CODE.test(parts.stationCode))
    throw new RangeError(`站点编码应为 2–12 位大写字母或数字: ${parts.stationCode}`)
  if (!Number.isInteger(parts.year) || parts.year < 2000 || parts.year > 2199)
    throw new RangeError(`年份无效: ${parts.year}`)
  if (!Number.isSafeInteger(parts.serial) || parts.serial < 1)
    throw new RangeError(`流水号应为正整数: ${parts.serial}`)
}

/** Issue 4, DOMAIN.md 收件回执 / Annex F 委托书编号: the number of a document of `series` (see the module comment). */
export function documentNumber(series: DocumentSeries, parts: DocumentNumberParts): string {
  check(parts)
  const code = documentSeriesCodes[series]
  const slot = deviceSlotCode(parts.deviceSlot)
  return `${parts.stationCode}${code ? `-${code}` : ''}-${parts.year}-${slot}-${String(parts.serial).padStart(4, '0')}`
}

/** DOMAIN.md 收件回执: station + year + slot + serial, e.g. 'JC0001-2026-A-0007'. */
export function receiptNumber(parts: DocumentNumberParts): string {
  return documentNumber('receipt', parts)
}

/** Annex F 委托书编号 (also 续办委托书): e.g. 'JC0001-WT-2026-A-0003'. */
export function entrustmentNumber(parts: DocumentNumberParts): string {
  return documentNumber('entrustment', parts)
}

/** Issue 4: the series and parts of a number, or null when it is not one in canonical form. */
export function parseDocumentNumber(text: string): (DocumentNumberParts & { series: DocumentSeries }) | null {
  const match = NUMBER.exec(text)
  if (!match)
    return null
  const [, stationCode, code, yearText, slotText, serialText] = match as unknown as [string, string, string | undefined, string, string, string]
  const series = (Object.keys(documentSeriesCodes) as DocumentSeries[]).find(s => documentSeriesCodes[s] === (code ?? null))
  const deviceSlot = parseDeviceSlotCode(slotText)
  const serial = Number(serialText)
  if (!series || deviceSlot === null || !Number.isSafeInteger(serial) || serial < 1)
    return null
  const parts = { stationCode, year: Number(yearText), deviceSlot, serial }
  // Canonical only ('0007', not '00007'): one document, one spelling.
  try {
    return documentNumber(series, parts) === text ? { series, ...parts } : null
  }
  catch {
    return null
  }
}

/** DOMAIN.md 收件回执: the parts of a receipt number, or null when it is not one. */
export function parseReceiptNumber(text: string): DocumentNumberParts | null {
  const parsed = parseDocumentNumber(text)
  if (!parsed || parsed.series !== 'receipt')
    return null
  const { series: _series, ...parts } = parsed
  return parts
}

/** Annex F: the parts of an entrustment number, or null when it is not one. */
export function parseEntrustmentNumber(text: string): DocumentNumberParts | null {
  const parsed = parseDocumentNumber(text)
  if (!parsed || parsed.series !== 'entrustment')
    return null
  const { series: _series, ...parts } = parsed
  return parts
}

/**
 * Issue 4: the next serial for this tablet's `series` in `year`: one past the highest among `issued` numbers
 * of the same station, year, slot and series (others are ignored); 1 when there is none.
 */
export function nextDocumentSerial(series: DocumentSeries, issued: Iterable<string>, at: Omit<DocumentNumberParts, 'serial'>): number {
  let max = 0
  for (const text of issued) {
    const p = parseDocumentNumber(text)
    if (p && p.series === series && p.stationCode === at.stationCode && p.year === at.year && p.deviceSlot === at.deviceSlot)
      max = Math.max(max, p.serial)
  }
  return max + 1
}
