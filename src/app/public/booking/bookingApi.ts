/**
 * The booking page's calls (/api/public/booking/…, src/server/SYNC-API.md). Errors come back as a kind the
 * page words in the citizen's language, with the server's Chinese message and field errors kept for zh.
 */
import type { z } from 'zod'
import type { BookingConfirmation, BookingRequest, BookingStation, CancelAnswer, StationDetail } from '../../../domain/protocol/publicBooking'
import { parseAnswer } from '../../../domain/protocol/parse'
import { bookingConfirmationSchema, bookingStationsAnswerSchema, cancelAnswerSchema, stationDetailSchema } from '../../../domain/protocol/publicBooking'

export type { BookingConfirmation, BookingDay, BookingItem, BookingRequest, BookingSlot, BookingStation, StationDetail } from '../../../domain/protocol/publicBooking'

export type BookingFailure = 'invalid' | 'full' | 'notFound' | 'conflict' | 'tooMany' | 'offline' | 'server'

export class BookingCallFailed extends Error {
  override readonly name = 'BookingCallFailed'
  constructor(readonly kind: BookingFailure, readonly serverMessage: string | null, readonly fields: { path: string, message: string }[] = []) {
    super(serverMessage ?? kind)
  }
}

/** fetch, or a test's stand-in. */
export type BookingFetch = (input: string, init?: RequestInit) => Promise<Response>

const defaultFetch: BookingFetch = (i, r) => fetch(i, r)

/** One call; a 2xx answer is parsed with the contract's schema, a malformed one is a 'server' failure. */
async function call<T>(fetchFn: BookingFetch, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
  let res: Response
  try {
    res = await fetchFn(path, body === undefined
      ? { headers: { Accept: 'application/json' } }
      : { method: 'POST', headers: { 'Accept': 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  }
  catch {
    throw new BookingCallFailed('offline', null)
  }
  const answer = await res.json().catch(() => null) as ({ error?: string, message?: string, fields?: { path: string, message: string }[] }) | null
  if (res.ok) {
    const parsed = parseAnswer(schema, answer)
    if (!parsed.ok)
      throw new BookingCallFailed('server', null)
    return parsed.value
  }
  const message = typeof answer?.message === 'string' ? answer.message : null
  const fields = Array.isArray(answer?.fields) ? answer.fields : []
  if (res.status === 400 || res.status === 413)
    throw new BookingCallFailed('invalid', message, fields)
  if (res.status === 409)
    throw new BookingCallFailed(answer?.error === 'slot-full' ? 'full' : 'conflict', message)
  if (res.status === 404)
    throw new BookingCallFailed('notFound', message)
  if (res.status === 429)
    throw new BookingCallFailed('tooMany', message)
  throw new BookingCallFailed('server', message)
}

export function fetchStations(fetchFn: BookingFetch = defaultFetch): Promise<BookingStation[]> {
  return call(fetchFn, '/api/public/booking/stations', bookingStationsAnswerSchema).then(a => a.stations)
}

export function fetchStationDetail(id: string, fetchFn: BookingFetch = defaultFetch): Promise<StationDetail> {
  return call(fetchFn, `/api/public/booking/stations/${encodeURIComponent(id)}`, stationDetailSchema)
}

export function bookSlot(request: BookingRequest, fetchFn: BookingFetch = defaultFetch): Promise<BookingConfirmation> {
  return call(fetchFn, '/api/public/booking/appointments', bookingConfirmationSchema, request)
}

export function cancelBooking(code: string, mobile: string, fetchFn: BookingFetch = defaultFetch): Promise<CancelAnswer> {
  return call(fetchFn, '/api/public/booking/appointments/cancel', cancelAnswerSchema, { code, mobile })
}
