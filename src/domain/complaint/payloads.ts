/**
 * Complaint events (投诉, 6.2.3) on a stream of their own, 'complaint:<uuid>' (the complaint's stable id,
 * which rectification tasks reference):
 * - `complaint.recorded`: who or what it is about (optional), how it came in, what it says, and when it is due
 *   (the caller counts complaintDue: setting `complaintDueWorkdays`, default 5 working days).
 * - `complaint.handled`: the result. The first one handles it; who and when are the envelope's.
 * PERSONAL DATA possibly: `content` and `result` (free text).
 */
import { z } from 'zod'
import { newStreamId } from '../events'
import { instantSchema, text } from '../payloadFields'

/** The stream kind of complaints: 'complaint:<uuid>'. */
export const COMPLAINT_STREAM_KIND = 'complaint'

export const complaintEventTypes = ['complaint.recorded', 'complaint.handled'] as const
export type ComplaintEventType = typeof complaintEventTypes[number]

const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
/** What a complaint is about: a case, a consultation, or a staff member ('staff:<staff id>'). */
export const complaintSubjectSchema = z.string().regex(new RegExp(`^(?:(?:case|consultation):${uuid}|staff:[\\w.-]{1,64})$`), { message: '投诉对象应为办件、咨询或工作人员' })

/** How the complaint came in. */
export const complaintChannels = ['visit', 'phone', 'letter', 'hotline', 'online', 'other'] as const
export const complaintChannelSchema = z.enum(complaintChannels, { message: '投诉渠道应为 visit / phone / letter / hotline / online / other' })
export type ComplaintChannel = z.infer<typeof complaintChannelSchema>
export const complaintChannelLabels: Record<ComplaintChannel, string> = { visit: '现场', phone: '电话', letter: '信件', hotline: '12345热线', online: '网上', other: '其他' }

/** 6.2.3: one complaint received. */
export const complaintRecordedPayloadSchema = z.object({
  subject: complaintSubjectSchema.nullable().optional(),
  channel: complaintChannelSchema,
  /** PERSONAL DATA possibly. */
  content: text(2000),
  dueAt: instantSchema,
  /** DOMAIN.md 暂定: dueAt counted Monday–Friday through an unpublished year. */
  dueProvisional: z.literal(true).optional(),
}).strict()
export type ComplaintRecordedPayload = z.infer<typeof complaintRecordedPayloadSchema>

/** 6.2.3: the complaint handled, with its result. */
export const complaintHandledPayloadSchema = z.object({
  /** PERSONAL DATA possibly. */
  result: text(2000),
}).strict()
export type ComplaintHandledPayload = z.infer<typeof complaintHandledPayloadSchema>

export interface ComplaintEventPayloads {
  'complaint.recorded': ComplaintRecordedPayload
  'complaint.handled': ComplaintHandledPayload
}

/** Payload schemas of version 1, registered in eventTypes.ts. */
export const complaintEventSchemas = {
  'complaint.recorded': complaintRecordedPayloadSchema,
  'complaint.handled': complaintHandledPayloadSchema,
} as const satisfies Record<ComplaintEventType, z.ZodType>

/** A new complaint's stream id, 'complaint:<uuid>': its stable id for references (rectification). */
export function newComplaintStream(): string {
  return newStreamId(COMPLAINT_STREAM_KIND)
}
