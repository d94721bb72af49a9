/**
 * The citizen's booking page (SYNC-API.md "Public"; issue 9 items 1–2, 6.3.1), no login:
 *   GET  /api/public/booking/stations            → BookingStationsAnswer
 *   GET  /api/public/booking/stations/:id        → StationDetail
 *   POST /api/public/booking/appointments        BookingRequest → 201 BookingConfirmation
 *   POST /api/public/booking/appointments/cancel {code, mobile} → 200 CancelAnswer
 */
import { z } from 'zod'
import { bookingCodeSchema, slotDateSchema, slotTimeSchema } from '../appointment/payloads'
import { mobileField, storableText } from './common'
import { openingHoursSchema } from './reference'

export const bookingRequestSchema = z.object({
  stationId: storableText().min(1, '请选择服务站').max(64),
  itemCode: storableText().min(1, '请选择办理事项').max(40),
  date: slotDateSchema,
  start: slotTimeSchema,
  name: storableText().trim().min(1, '请填写姓名').max(64, '姓名不能超过 64 个字符'),
  mobile: mobileField(),
  consent: z.literal(true, { error: '请阅读并同意手机号码的使用说明' }),
}).strict()
/** What the page sends (before the server normalises the mobile). */
export type BookingRequest = z.input<typeof bookingRequestSchema>

export const cancelRequestSchema = z.object({
  code: z.string().trim().toUpperCase().pipe(bookingCodeSchema),
  mobile: mobileField(),
}).strict()

export const bookingStationSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  cityName: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  contactPhone: z.string().nullable(),
  openingHours: z.array(openingHoursSchema),
})
export type BookingStation = z.infer<typeof bookingStationSchema>

export const bookingStationsAnswerSchema = z.object({ stations: z.array(bookingStationSchema) })
export type BookingStationsAnswer = z.infer<typeof bookingStationsAnswerSchema>

export const bookingItemSchema = z.object({
  code: z.string(),
  name: z.string(),
  department: z.string().nullable(),
  /** The one-time notice's material list (一次性告知): what to bring. */
  materials: z.array(z.object({ name: z.string(), form: z.string().nullable(), copies: z.number().nullable(), required: z.boolean(), note: z.string().nullable() })),
  conditions: z.array(z.string()),
  fee: z.string().nullable(),
})
export type BookingItem = z.infer<typeof bookingItemSchema>

export const bookingSlotSchema = z.object({ start: z.string(), end: z.string(), capacity: z.number().int(), remaining: z.number().int() })
export type BookingSlot = z.infer<typeof bookingSlotSchema>

export const bookingDaySchema = z.object({ date: z.string(), slots: z.array(bookingSlotSchema) })
export type BookingDay = z.infer<typeof bookingDaySchema>

export const stationDetailSchema = z.object({
  station: bookingStationSchema,
  settings: z.object({ slotMinutes: z.number().int(), slotCapacity: z.number().int() }),
  items: z.array(bookingItemSchema),
  days: z.array(bookingDaySchema),
})
export type StationDetail = z.infer<typeof stationDetailSchema>

export const bookingConfirmationSchema = z.object({ code: z.string(), stationName: z.string(), itemName: z.string(), date: z.string(), start: z.string(), end: z.string() })
export type BookingConfirmation = z.infer<typeof bookingConfirmationSchema>

export const cancelAnswerSchema = z.object({ status: z.literal('cancelled'), code: z.string(), date: z.string(), start: z.string() })
export type CancelAnswer = z.infer<typeof cancelAnswerSchema>
