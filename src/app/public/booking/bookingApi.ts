/**
 * The booking page's calls (/api/public/booking/…, src/server/SYNC-API.md). Errors come back as a kind the
 * page words in the citizen's language, with the server's Chinese message and field errors kept for zh.
 */
import type { BookingConfirmation, BookingRequest, BookingStation, CancelAnswer, StationDetail } from '../../../domain/protocol/publicBooking'
import type { AnswerShape } from '../answerShape'
import type { PublicCallProblem, PublicFetch } from '../publicCall'
import { browserFetch, publicCall } from '../publicCall'

export type { BookingConfirmation, BookingDay, BookingItem, BookingRequest, BookingSlot, BookingStation, StationDetail } from '../../../domain/protocol/publicBooking'

export type BookingFailure = 'invalid' | 'full' | 'notFound' | 'conflict' | 'tooMany' | 'offline' | 'server'

export class BookingCallFailed extends Error {
  override readonly name = 'BookingCallFailed'
  constructor(readonly kind: BookingFailure, readonly serverMessage: string | null, readonly fields: { path: string, message: string }[] = []) {
    super(serverMessage ?? kind)
  }
}

/** fetch, or a test's stand-in. */
export type BookingFetch = PublicFetch

const defaultFetch: BookingFetch = browserFetch

/** The page's name for what went wrong with a call. */
function bookingFailure(problem: PublicCallProblem): BookingCallFailed {
  if (problem.kind !== 'status')
    return new BookingCallFailed(problem.kind === 'offline' ? 'offline' : 'server', null)
  const { status, error, message, fields } = problem
  if (status === 400 || status === 413)
    return new BookingCallFailed('invalid', message, fields)
  if (status === 409)
    return new BookingCallFailed(error === 'slot-full' ? 'full' : 'conflict', message)
  if (status === 404)
    return new BookingCallFailed('notFound', message)
  if (status === 429)
    return new BookingCallFailed('tooMany', message)
  return new BookingCallFailed('server', message)
}

function call<T>(fetchFn: BookingFetch, path: string, shape: AnswerShape, body?: unknown): Promise<T> {
  return publicCall<T>(fetchFn, path, shape, bookingFailure, body)
}

export function fetchStations(fetchFn: BookingFetch = defaultFetch): Promise<BookingStation[]> {
  return call<{ stations: BookingStation[] }>(fetchFn, '/api/public/booking/stations', { stations: 'array' }).then(a => a.stations)
}

export function fetchStationDetail(id: string, fetchFn: BookingFetch = defaultFetch): Promise<StationDetail> {
  return call<StationDetail>(fetchFn, `/api/public/booking/stations/${encodeURIComponent(id)}`, { station: 'object', settings: 'object', items: 'array', days: 'array' })
}

export function bookSlot(request: BookingRequest, fetchFn: BookingFetch = defaultFetch): Promise<BookingConfirmation> {
  return call<BookingConfirmation>(fetchFn, '/api/public/booking/appointments', { code: 'string', stationName: 'string', itemName: 'string', date: 'string', start: 'string', end: 'string' }, request)
}

export function cancelBooking(code: string, mobile: string, fetchFn: BookingFetch = defaultFetch): Promise<CancelAnswer> {
  return call<CancelAnswer>(fetchFn, '/api/public/booking/appointments/cancel', { status: 'string', code: 'string', date: 'string', start: 'string' }, { code, mobile })
}
