/**
 * Appointment payloads (6.3.1 预约服务): a citizen books a slot on the public page (channel 'online', recorded
 * by the server) or staff book for a caller on the phone (channel 'phone', recorded offline on the tablet);
 * the server settles capacity (`appointment.declined`), the citizen or staff cancel, the counter checks the
 * citizen in (the intake starts prefilled) or marks a no-show. Personal data: `applicant` only.
 */
import { z } from 'zod'
import { isCivilDate } from '../calendar'
import { optionalText, text } from '../payloadFields'

/** The stream kind: 'appointment:<uuid>'. */
export const APPOINTMENT_STREAM_KIND = 'appointment'

/** 6.3.1: the appointment event types of payload version 1. */
export const appointmentEventTypes = ['appointment.booked', 'appointment.cancelled', 'appointment.declined', 'appointment.checkedIn', 'appointment.noShow'] as const
export type AppointmentEventType = typeof appointmentEventTypes[number]

/** 'HH:MM', 24-hour, China Standard Time. */
export const slotTimeSchema = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, '时间应为 HH:MM')

/** A CST civil date 'YYYY-MM-DD'. */
export const slotDateSchema = z.string().refine(isCivilDate, { message: '日期应为有效的 YYYY-MM-DD' })

/** The characters of a booking code: no 0/O, 1/I, easy to read out on the phone. */
export const BOOKING_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
export const bookingCodeSchema = z.string().regex(/^[A-HJ-NP-Z2-9]{8}$/, '预约码应为 8 位字母或数字')

/** DOMAIN.md mobile numbers, already normalised (identity.ts normalizeMobile). */
export const bookingMobileSchema = z.string().regex(/^1[3-9]\d{9}$/, '手机号码应为 11 位，以 13–19 开头')

/** Where the booking was made: the citizen's phone page, or staff taking a phone call. */
export const bookingChannelSchema = z.enum(['online', 'phone'])
export type BookingChannel = z.infer<typeof bookingChannelSchema>

/** 6.3.1: a slot booked for one item. */
export const appointmentBookedPayloadSchema = z.object({
  itemCode: text(40),
  itemName: text(200),
  date: slotDateSchema,
  start: slotTimeSchema,
  end: slotTimeSchema,
  code: bookingCodeSchema,
  channel: bookingChannelSchema,
  /** PERSONAL DATA: who comes, and the number used only about this appointment (separate consent). */
  applicant: z.object({ name: text(64), mobile: bookingMobileSchema }).strict(),
  /** The citizen agreed to the use of the number stated on the page (or told on the phone). */
  consent: z.literal(true, { error: '须同意手机号码的使用说明' }),
}).strict().refine(p => p.start < p.end, { message: '结束时间应晚于开始时间', path: ['end'] })
export type AppointmentBookedPayload = z.infer<typeof appointmentBookedPayloadSchema>

export const appointmentCancelledPayloadSchema = z.object({
  by: z.enum(['citizen', 'staff']),
  note: optionalText(200),
}).strict()
export type AppointmentCancelledPayload = z.infer<typeof appointmentCancelledPayloadSchema>

/** Settled at sync by the server: a phone booking whose slot filled meanwhile (or is no longer offered). */
export const appointmentDeclinedPayloadSchema = z.object({
  reason: z.enum(['slot-full', 'slot-closed']),
  message: text(200),
}).strict()
export type AppointmentDeclinedPayload = z.infer<typeof appointmentDeclinedPayloadSchema>

export const appointmentCheckedInPayloadSchema = z.object({}).strict()
export const appointmentNoShowPayloadSchema = z.object({}).strict()

export const appointmentEventSchemas = {
  'appointment.booked': appointmentBookedPayloadSchema,
  'appointment.cancelled': appointmentCancelledPayloadSchema,
  'appointment.declined': appointmentDeclinedPayloadSchema,
  'appointment.checkedIn': appointmentCheckedInPayloadSchema,
  'appointment.noShow': appointmentNoShowPayloadSchema,
} as const satisfies Record<AppointmentEventType, z.ZodType>

export const appointmentEventLabels: Record<AppointmentEventType, string> = {
  'appointment.booked': '预约',
  'appointment.cancelled': '取消预约',
  'appointment.declined': '预约未成功',
  'appointment.checkedIn': '预约签到',
  'appointment.noShow': '预约未到',
}

/** The declined message when a slot filled before a phone booking reached the server. */
export const SLOT_FULL_MESSAGE = '该时段预约已满，预约未成功，请为来电群众改约其他时段'
