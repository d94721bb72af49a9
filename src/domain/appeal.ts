/**
 * Appeals (申诉复核; DOMAIN.md 好差评, 7.2): a station asks the supervising office to review a rating it
 * believes mistaken or malicious, with its reason; the office decides — upheld (申诉成立) or rejected — with
 * its reason, as a server-made event that reaches the station's tablets on pull. An upheld appeal takes the
 * rating out of the station's figures (6.2 complaint timeliness, satisfaction, published results); the
 * rating itself stays, shown as 申诉成立 and excluded. One appeal per rating: its stream shares the rating's
 * uuid ('appeal:<uuid>' for 'rating:<uuid>'). Personal data: none (the reasons are about the rating).
 */
import type { DomainEvent } from './events'
import type { FoldAttention, FoldLogEntry } from './foldSupport'
import type { Reason } from './reason'
import { z } from 'zod'
import { streamIdSchema, streamUuid } from './events'
import { logEntry, readEvent, streamInFoldOrder, unreadableEntry, withAttention } from './foldSupport'
import { text } from './payloadFields'
import { step } from './reason'

export const APPEAL_STREAM_KIND = 'appeal'
export const appealEventTypes = ['appeal.filed', 'appeal.decided'] as const
export type AppealEventType = typeof appealEventTypes[number]

const ratingStreamSchema = streamIdSchema.refine(s => s.startsWith('rating:'), { message: '申诉对象应为评价记录 rating:…' })

export const appealGroundSchema = z.enum(['mistaken', 'malicious'], { message: '申诉理由类型应为 mistaken（误评）或 malicious（恶意评价）' })
export type AppealGround = z.infer<typeof appealGroundSchema>
export const appealGroundLabels: Record<AppealGround, string> = { mistaken: '误评', malicious: '恶意评价' }

/** The station's appeal of one rating, with its reason. */
export const appealFiledPayloadSchema = z.object({
  rating: ratingStreamSchema,
  ground: appealGroundSchema,
  reason: text(1000),
}).strict()
export type AppealFiledPayload = z.infer<typeof appealFiledPayloadSchema>

/** The office's decision (server-made), with its reason. */
export const appealDecidedPayloadSchema = z.object({
  rating: ratingStreamSchema,
  decision: z.enum(['upheld', 'rejected'], { message: '复核结论应为 upheld（申诉成立）或 rejected（驳回）' }),
  reason: text(1000),
  by: text(64),
}).strict()
export type AppealDecidedPayload = z.infer<typeof appealDecidedPayloadSchema>

export const appealEventSchemas = {
  'appeal.filed': appealFiledPayloadSchema,
  'appeal.decided': appealDecidedPayloadSchema,
} as const satisfies Record<AppealEventType, z.ZodType>

export const appealEventLabels: Record<AppealEventType, string> = { 'appeal.filed': '申诉复核', 'appeal.decided': '申诉复核结论' }

export type AppealEventInput
  = | { type: 'appeal.filed', payload: AppealFiledPayload }
    | { type: 'appeal.decided', payload: AppealDecidedPayload }

export type AppealStatus = 'filed' | 'upheld' | 'rejected'
export const appealStatusLabels: Record<AppealStatus, string> = { filed: '待复核', upheld: '申诉成立', rejected: '申诉驳回' }

export interface AppealState extends FoldAttention<FoldLogEntry> {
  /** 'appeal:<uuid of the rating>'. */
  id: string
  stationId: string
  rating: string
  ground: AppealGround
  reason: string
  filedAt: string
  filedBy: string | null
  status: AppealStatus
  decisionReason: string | null
  decidedAt: string | null
  decidedBy: string | null
}

/** The appeal stream of a rating stream. */
export function appealStreamFor(ratingStream: string): string {
  return `${APPEAL_STREAM_KIND}:${streamUuid(ratingStream)}`
}

const catalogue = { types: appealEventTypes, schemas: appealEventSchemas, labels: appealEventLabels }

function refusal(state: AppealState | null, e: DomainEvent, ev: AppealEventInput): Reason | null {
  const refused = (why: Reason): Reason => ({ code: 'fold.notApplied', params: { step: step(ev.type, appealEventLabels[ev.type]), why } })
  if (appealStreamFor(ev.payload.rating) !== e.stream)
    return refused({ code: 'appeal.ratingMismatch' })
  if (ev.type === 'appeal.filed')
    return state ? refused({ code: 'appeal.filedTwice' }) : null
  if (!state)
    return refused({ code: 'appeal.notFiled' })
  if (state.status !== 'filed')
    return refused({ code: 'appeal.decided' })
  if (!e.deviceId.startsWith('office:') && !e.deviceId.startsWith('server:'))
    return refused({ code: 'appeal.decisionByOffice' })
  return null
}

/** DOMAIN.md 申诉复核: the state of one appeal stream; null until a readable `appeal.filed` applies. */
export function foldAppeal(events: readonly DomainEvent[]): AppealState | null {
  const mine = streamInFoldOrder(events, () => true)
  if (!mine)
    return null
  let state: AppealState | null = null
  const log: FoldLogEntry[] = []
  const reasons: Reason[] = []
  for (const e of mine) {
    const read = readEvent<AppealEventType, AppealEventInput>(e, catalogue)
    if (!read.ok) {
      log.push(unreadableEntry(e, read.reason))
      reasons.push(read.reason)
      continue
    }
    const ev = read.input
    const why = refusal(state, e, ev)
    log.push(logEntry(e, ev.type === 'appeal.decided' ? `${appealEventLabels[ev.type]}：${appealStatusLabels[ev.payload.decision]}` : appealEventLabels[ev.type], why, { ...ev.payload }))
    if (why) {
      reasons.push(why)
      continue
    }
    if (ev.type === 'appeal.filed') {
      state = { id: e.stream, stationId: e.stationId, rating: ev.payload.rating, ground: ev.payload.ground, reason: ev.payload.reason, filedAt: e.occurredAt, filedBy: e.staffId, status: 'filed', decisionReason: null, decidedAt: null, decidedBy: null, log: [], needsAttention: false, attentionReasons: [], lastOccurredAt: e.occurredAt, eventCount: 0 }
    }
    else if (state !== null) {
      const filed: AppealState = state
      state = { ...filed, status: ev.payload.decision, decisionReason: ev.payload.reason, decidedAt: e.occurredAt, decidedBy: ev.payload.by }
    }
  }
  return state ? withAttention(state, log, reasons, mine, state.filedAt) : null
}

/** DOMAIN.md 申诉复核: the rating streams whose appeal was upheld — left out of every figure. */
export function upheldRatings(appeals: readonly Pick<AppealState, 'rating' | 'status'>[]): Set<string> {
  return new Set(appeals.filter(a => a.status === 'upheld').map(a => a.rating))
}

/** 6.2, 7.1.1: the ratings that count and how many an upheld appeal took out. */
export function withoutUpheldAppeals<R extends { id: string }>(ratings: readonly R[], excluded: ReadonlySet<string>): { counted: R[], excluded: number } {
  const counted = ratings.filter(r => !excluded.has(r.id))
  return { counted, excluded: ratings.length - counted.length }
}
