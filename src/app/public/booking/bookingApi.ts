/**
 * The booking page's calls (/api/public/booking/…, src/server/SYNC-API.md). Errors come back as a kind the
 * page words in the citizen's language, with the server's Chinese message and field errors kept for zh.
 */
export interface OpeningPeriod { days: number[], open: string, close: string }

export interface BookingStation {
  id: string
  name: string
  address: string
  countyCode: string
  countyName: string
  cityName: string
  latitude: number | null
  longitude: number | null
  contactPhone: string | null
  openingHours: OpeningPeriod[]
}

export interface BookingItem {
  code: string
  name: string
  department: string | null
  materials: { name: string, form: string | null, copies: number | null, required: boolean, note: string | null }[]
  conditions: string[]
  fee: string | null
}

export interface BookingSlot { start: string, end: string, capacity: number, remaining: number }
export interface BookingDay { date: string, slots: BookingSlot[] }

export interface StationDetail {
  station: BookingStation
  settings: { slotMinutes: number, slotCapacity: number }
  items: BookingItem[]
  days: BookingDay[]
}

export interface BookingRequest {
  stationId: string
  itemCode: string
  date: string
  start: string
  name: string
  mobile: string
  consent: true
}

export interface BookingConfirmation { code: string, stationName: string, itemName: string, date: string, start: string, end: string }

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

async function call<T>(fetchFn: BookingFetch, path: string, body?: unknown): Promise<T> {
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
  if (res.ok)
    return answer as T
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
  return call<{ stations: BookingStation[] }>(fetchFn, '/api/public/booking/stations').then(a => a.stations)
}

export function fetchStationDetail(id: string, fetchFn: BookingFetch = defaultFetch): Promise<StationDetail> {
  return call<StationDetail>(fetchFn, `/api/public/booking/stations/${encodeURIComponent(id)}`)
}

export function bookSlot(request: BookingRequest, fetchFn: BookingFetch = defaultFetch): Promise<BookingConfirmation> {
  return call<BookingConfirmation>(fetchFn, '/api/public/booking/appointments', request)
}

export function cancelBooking(code: string, mobile: string, fetchFn: BookingFetch = defaultFetch): Promise<{ status: 'cancelled', code: string, date: string, start: string }> {
  return call(fetchFn, '/api/public/booking/appointments/cancel', { code, mobile })
}
