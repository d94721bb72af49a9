/**
 * What the enrollment QR code carries (issue 8 item 5; SYNC-API.md "Enrollment QR"): the URL
 * `<server origin>/device/enroll?code=XXXX-XXXX-XX`. Scanned by the tablet's camera it fills both the code and
 * the server address; opened directly it lands on the enrollment screen with the code prefilled. A bare
 * code (typed into another scanner app) is accepted too.
 */

export const ENROLL_PATH = '/device/enroll'

export interface EnrollmentLink {
  code: string
  /** The server's origin, e.g. 'http://192.168.1.20:8080'; null when the payload named none. */
  server: string | null
}

/** The URL the office's QR code encodes. */
export function enrollmentUrl(origin: string, code: string): string {
  const url = new URL(ENROLL_PATH, origin)
  url.searchParams.set('code', code)
  return url.toString()
}

/** Codes are letters, digits, dashes and spaces (the server ignores case, spaces and dashes). */
const CODE = /^[\w -]{4,32}$/

/** A code as the enrollment screen shows it, or null when it cannot be one. */
export function cleanEnrollmentCode(raw: string | null | undefined): string | null {
  const code = (raw ?? '').trim().toUpperCase()
  return CODE.test(code) ? code : null
}

/** An origin only from http(s) URLs; anything else is not a server address. */
function cleanOrigin(raw: string | null | undefined): string | null {
  if (!raw)
    return null
  try {
    const url = new URL(raw)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null
  }
  catch {
    return null
  }
}

/** Reads a scanned QR payload: the enrollment URL (its origin is the server, or its `server` parameter), or a bare code. */
export function parseEnrollmentPayload(text: string): EnrollmentLink | null {
  const trimmed = text.trim()
  if (/^https?:\/\//i.test(trimmed)) {
    let url: URL
    try {
      url = new URL(trimmed)
    }
    catch {
      return null
    }
    const code = cleanEnrollmentCode(url.searchParams.get('code'))
    if (!code)
      return null
    return { code, server: cleanOrigin(url.searchParams.get('server')) ?? url.origin }
  }
  const code = cleanEnrollmentCode(trimmed)
  return code ? { code, server: null } : null
}

/** The enrollment screen's query (`?code=…&server=…`) when the URL is opened directly. */
export function enrollmentFromQuery(query: Record<string, unknown>): EnrollmentLink | null {
  const first = (v: unknown): string | null => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : null)
  const code = cleanEnrollmentCode(first(query.code))
  return code ? { code, server: cleanOrigin(first(query.server)) } : null
}
