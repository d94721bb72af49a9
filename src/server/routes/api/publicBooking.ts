/**
 * The citizen's booking page API (issue 9 item 1, 6.3.1), public — no login:
 *   GET  /api/public/booking/stations            → 200 {stations: [{id, name, address, countyName, cityName, latitude, longitude, …}]}
 *   GET  /api/public/booking/stations/:id        → 200 {station, settings: {slotMinutes, slotCapacity}, items: [{code, name, materials, …}], days: [{date, slots: [{start, end, capacity, remaining}]}]}
 *   POST /api/public/booking/appointments        {stationId, itemCode, date, start, name, mobile, consent: true}
 *                                                → 201 {code, stationName, itemName, date, start, end}
 *   POST /api/public/booking/appointments/cancel {code, mobile} → 200 {status: 'cancelled', code, date, start}
 * 400 with field errors (Chinese first), 404 unknown station / code+mobile, 409 slot full (`slot-full`) or
 * not cancellable, 413 too large, 429 past the rate limit (per client address; bookings also per mobile).
 */
import { Hono } from 'hono'
import { bookingSettingsOf } from '../../../domain/appointment'
import type { BookingConfirmation, BookingStationsAnswer, CancelAnswer, StationDetail } from '../../../domain/protocol'
import { bookingRequestSchema, cancelRequestSchema } from '../../../domain/protocol'
import type { AppEnv } from '../../appEnv'
import { bookableStation, listBookableStations, publicStation, stationDays, stationItems } from '../../appointments/bookingCatalog'
import { bookAppointment, cancelAppointment } from '../../appointments/publicBooking'
import { clientAddress } from '../../clientAddress'
import { errorResponse, invalidBody } from '../../errors'
import { hitRateLimit, rateLimit, tooManyRequests } from '../../rateLimit'
import { validateBody } from '../../validate'

/** Per client address: a citizen opens the page and books a few times; a script booking out a station needs many more. */
export const PUBLIC_BOOKING_RATE_LIMIT = { limit: 120, windowMs: 10 * 60 * 1000 } as const
/** Bookings and cancellations per client address. */
export const PUBLIC_BOOKING_WRITE_LIMIT = { limit: 10, windowMs: 10 * 60 * 1000 } as const
/** Bookings per mobile number and day. */
export const PUBLIC_BOOKING_MOBILE_LIMIT = { limit: 5, windowMs: 24 * 60 * 60 * 1000 } as const

const limitMessage = (wait: string): string => `操作过于频繁，请在 ${wait}后重试`

export function publicBookingRoutes(): Hono<AppEnv> {
  const reads = rateLimit({ name: 'public-booking:addr', ...PUBLIC_BOOKING_RATE_LIMIT, key: clientAddress, message: limitMessage })
  const writes = rateLimit({ name: 'public-booking-write:addr', ...PUBLIC_BOOKING_WRITE_LIMIT, key: clientAddress, message: limitMessage })
  return new Hono<AppEnv>()
    .use(reads)
    .get('/stations', async (c) => {
      return c.json({ stations: await listBookableStations(c.var.deps.db) } satisfies BookingStationsAnswer)
    })
    .get('/stations/:id', async (c) => {
      const { db, now } = c.var.deps
      const station = await bookableStation(db, c.req.param('id'))
      if (!station)
        return errorResponse(c, 404, 'station-unknown', '找不到该便民服务站，或该站暂不接受预约')
      const [items, days] = await Promise.all([stationItems(db, station.id), stationDays(db, station, now())])
      return c.json({
        station: publicStation(station),
        settings: bookingSettingsOf({ slotMinutes: station.booking_slot_minutes, slotCapacity: station.booking_slot_capacity }),
        items,
        days,
      } satisfies StationDetail)
    })
    .post('/appointments', writes, validateBody(bookingRequestSchema, { maxBytes: 4096 }), async (c) => {
      const { db, now } = c.var.deps
      const body = c.req.valid('json')
      const perMobile = await hitRateLimit(db, `public-booking:mobile:${body.mobile}`, { ...PUBLIC_BOOKING_MOBILE_LIMIT, now: now() })
      if (!perMobile.allowed)
        return tooManyRequests(c, perMobile, wait => `该手机号码今天预约次数过多，请在 ${wait}后重试`)
      const outcome = await bookAppointment(db, body, now())
      if (outcome.status === 'refused') {
        if (outcome.code === 'station-unknown')
          return errorResponse(c, 404, outcome.code, outcome.message)
        return invalidBody(c, [{ path: outcome.field, message: outcome.message }], outcome.message)
      }
      if (outcome.status === 'full')
        return errorResponse(c, 409, 'slot-full', outcome.message)
      const a = outcome.appointment
      c.var.log.info({ stream: a.id, stationId: a.stationId }, 'public booking recorded')
      return c.json({ code: a.code, stationName: outcome.stationName, itemName: a.itemName, date: a.date, start: a.start, end: a.end } satisfies BookingConfirmation, 201)
    })
    .post('/appointments/cancel', writes, validateBody(cancelRequestSchema, { maxBytes: 1024 }), async (c) => {
      const { db, now } = c.var.deps
      const body = c.req.valid('json')
      const outcome = await cancelAppointment(db, body.code, body.mobile, now())
      if (outcome.status !== 'cancelled')
        return outcome.status === 'not-found' ? errorResponse(c, 404, 'appointment-not-found', outcome.message) : errorResponse(c, 409, 'appointment-not-cancellable', outcome.message)
      const a = outcome.appointment
      return c.json({ status: 'cancelled', code: a.code, date: a.date, start: a.start } satisfies CancelAnswer)
    })
}
