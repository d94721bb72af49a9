/**
 * Rectification payloads (7.2.1–7.2.2; DOMAIN.md 好差评): the source a task comes from (a 差评 rating or a
 * complaint), its owner and deadline, progress entries, and the office's re-check (复查). Personal data: none
 * beyond free-text notes staff write about the fix (never the citizen's details).
 */
import { z } from 'zod'
import { streamIdSchema, streamUuid } from '../events'
import { instantSchema, optionalText, text } from '../payloadFields'

/** The stream kind of rectification tasks: 'rectification:<uuid of the source>'. */
export const RECTIFICATION_STREAM_KIND = 'rectification'

/** 7.2: the rectification event types of payload version 1. */
export const rectificationEventTypes = ['rectification.opened', 'rectification.assigned', 'rectification.progressed', 'rectification.rechecked'] as const
export type RectificationEventType = typeof rectificationEventTypes[number]

/** 7.2.1: what a task rectifies: a 差评 ('rating:<uuid>') or a complaint ('complaint:<uuid>'). */
export const rectificationSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rating'), subject: streamIdSchema.refine(s => s.startsWith('rating:'), { message: '来源应为评价记录 rating:…' }) }).strict(),
  z.object({ kind: z.literal('complaint'), subject: streamIdSchema.refine(s => s.startsWith('complaint:'), { message: '来源应为投诉记录 complaint:…' }) }).strict(),
])
export type RectificationSource = z.infer<typeof rectificationSourceSchema>
export type RectificationSourceKind = RectificationSource['kind']
export const rectificationSourceLabels: Record<RectificationSourceKind, string> = { rating: '差评', complaint: '投诉' }

/** 7.2.1: a task is opened for a source, with the staff member who owns it and its deadline. */
export const rectificationOpenedPayloadSchema = z.object({
  source: rectificationSourceSchema,
  /** The station staff member who owns the fix (null until the station lead assigns one). */
  ownerStaffId: text(64).nullable(),
  /** End of the n-th working day after opening (the setting rectificationWorkdays, default 15). */
  dueAt: instantSchema,
  /** DOMAIN.md 暂定: counted Monday–Friday through an unpublished year; the fold recounts it. */
  dueProvisional: z.literal(true).optional(),
  workdays: z.number().int().min(1).max(90),
  note: optionalText(500),
}).strict()
export type RectificationOpenedPayload = z.infer<typeof rectificationOpenedPayloadSchema>

/** 7.2.2: the station lead hands the task to another staff member. */
export const rectificationAssignedPayloadSchema = z.object({
  ownerStaffId: text(64),
}).strict()
export type RectificationAssignedPayload = z.infer<typeof rectificationAssignedPayloadSchema>

/** 7.2.2: what was done; `submitted` asks the office to re-check (整改完成，提请复查). */
export const rectificationProgressedPayloadSchema = z.object({
  note: text(1000),
  submitted: z.boolean(),
}).strict()
export type RectificationProgressedPayload = z.infer<typeof rectificationProgressedPayloadSchema>

/** 7.2.2: the office's re-check (复查): closes the task, or sends it back with the reason. Server-made. */
export const rectificationRecheckedPayloadSchema = z.object({
  result: z.enum(['closed', 'sentBack'], { message: '复查结果应为 closed（通过）或 sentBack（退回）' }),
  reason: text(1000),
  /** The office account's display name. */
  by: text(64),
}).strict()
export type RectificationRecheckedPayload = z.infer<typeof rectificationRecheckedPayloadSchema>

export const rectificationEventSchemas = {
  'rectification.opened': rectificationOpenedPayloadSchema,
  'rectification.assigned': rectificationAssignedPayloadSchema,
  'rectification.progressed': rectificationProgressedPayloadSchema,
  'rectification.rechecked': rectificationRecheckedPayloadSchema,
} as const satisfies Record<RectificationEventType, z.ZodType>

export interface RectificationEventPayloads {
  'rectification.opened': RectificationOpenedPayload
  'rectification.assigned': RectificationAssignedPayload
  'rectification.progressed': RectificationProgressedPayload
  'rectification.rechecked': RectificationRecheckedPayload
}
export type RectificationEventInput = { [K in RectificationEventType]: { type: K, payload: RectificationEventPayloads[K] } }[RectificationEventType]

export const rectificationEventLabels: Record<RectificationEventType, string> = {
  'rectification.opened': '整改任务',
  'rectification.assigned': '指定整改负责人',
  'rectification.progressed': '整改进展',
  'rectification.rechecked': '复查',
}

/** One task per source: the task's stream shares the source's uuid, so two tablets open the same stream. */
export function rectificationStreamFor(source: RectificationSource | string): string {
  const subject = typeof source === 'string' ? source : source.subject
  return `${RECTIFICATION_STREAM_KIND}:${streamUuid(subject)}`
}
