/**
 * Rating payloads (6.3.3.4): the subject, the channel, who entered it, and the zod schemas of the four rating
 * events, with the event catalogue, labels and the subject's rating stream. Personal data: `comment` only.
 */
import { z } from 'zod'
import { streamIdSchema, streamUuid } from '../events'
import { instantSchema, optionalText, sha256Schema, text } from '../payloadFields'
import { isBadRating, ratingLevelLabels, ratingLevelSchema } from './levels'
import { OTHER, ratingReasonsByLevel } from './reasons'

/** The stream kind of ratings: 'rating:<uuid of the subject>'. */
export const RATING_STREAM_KIND = 'rating'

/** 6.3.3.4: the rating event types of payload version 1. */
export const ratingEventTypes = ['rating.prompted', 'rating.tokenMinted', 'rating.given', 'rating.declined'] as const
export type RatingEventType = typeof ratingEventTypes[number]

/** 6.3.3.4: what is rated, a case or a consultation stream id. */
export const ratingSubjectSchema = streamIdSchema.refine(s => s.startsWith('case:') || s.startsWith('consultation:'), { message: '评价对象应为办件或咨询' })

/** 6.3.3.4: where the citizen rated: the customer-facing screen at the counter, or their phone via QR. */
export const ratingChannelSchema = z.enum(['counter', 'qr'])
export type RatingChannel = z.infer<typeof ratingChannelSchema>
export const ratingChannelLabels: Record<RatingChannel, string> = { counter: '评价屏', qr: '扫码评价' }

/** Who entered it: only 'citizen' ratings count; 'staff' is recorded to be refused (DOMAIN.md: never filled in by staff). */
export const ratingEnteredBySchema = z.enum(['citizen', 'staff'])

/** 6.3.3.4: the customer-facing rating screen was shown to the citizen (opens the counter channel). */
export const ratingPromptedPayloadSchema = z.object({
  subject: ratingSubjectSchema,
  /** The staff member being rated. */
  staffId: text(64),
}).strict()
export type RatingPromptedPayload = z.infer<typeof ratingPromptedPayloadSchema>

/** 6.3.3.4: a one-time token for the phone page (QR); the app makes the token with crypto, only its hash is stored. */
export const ratingTokenMintedPayloadSchema = z.object({
  subject: ratingSubjectSchema,
  staffId: text(64),
  tokenSha256: sha256Schema,
  expiresAt: instantSchema,
}).strict()
export type RatingTokenMintedPayload = z.infer<typeof ratingTokenMintedPayloadSchema>

const dimensionScore = ratingLevelSchema

/** 6.3.3.4, 7.1.2: the citizen's evaluation: overall level, the three dimensions, reasons for the level, comment. */
export const ratingGivenPayloadSchema = z.object({
  subject: ratingSubjectSchema,
  staffId: text(64),
  channel: ratingChannelSchema,
  enteredBy: ratingEnteredBySchema,
  /** QR only: the hash of the token the phone page presented. */
  tokenSha256: sha256Schema.nullable().optional(),
  level: ratingLevelSchema,
  dimensions: z.object({ attitude: dimensionScore, quality: dimensionScore, efficiency: dimensionScore }).strict(),
  /** Codes from ratingReasonsByLevel[level]. */
  reasons: z.array(z.string().min(1).max(40)).max(10).refine(a => new Set(a).size === a.length, '原因不能重复'),
  /** PERSONAL DATA possibly: the citizen's own words. */
  comment: optionalText(500),
  /** 差评 only: call-back due (ratingFollowUpDueAt), computed by the caller; null when it could not be computed. */
  followUpDueAt: instantSchema.nullable().optional(),
  /** DOMAIN.md 暂定: followUpDueAt was counted Monday–Friday through an unpublished year; the fold recounts it. */
  followUpDueProvisional: z.literal(true).optional(),
}).strict().superRefine((p, ctx) => {
  const allowed = new Set(ratingReasonsByLevel[p.level].map(r => r.code))
  p.reasons.forEach((code, i) => {
    if (!allowed.has(code))
      ctx.addIssue({ code: 'custom', path: ['reasons', i], message: `原因“${code}”不适用于“${ratingLevelLabels[p.level]}”` })
  })
  if (isBadRating(p.level) && p.reasons.length === 0)
    ctx.addIssue({ code: 'custom', path: ['reasons'], message: '不满意时请至少选择一项原因' })
  if (p.reasons.includes(OTHER.code) && !p.comment?.trim())
    ctx.addIssue({ code: 'custom', path: ['comment'], message: '选择“其他”时请填写具体意见' })
  if (!isBadRating(p.level) && p.followUpDueAt)
    ctx.addIssue({ code: 'custom', path: ['followUpDueAt'], message: '只有差评需要回访期限' })
  if (p.channel === 'qr' && !p.tokenSha256)
    ctx.addIssue({ code: 'custom', path: ['tokenSha256'], message: '扫码评价须附评价凭证' })
  if (p.channel === 'counter' && p.tokenSha256)
    ctx.addIssue({ code: 'custom', path: ['tokenSha256'], message: '评价屏评价不使用扫码凭证' })
})
export type RatingGivenPayload = z.infer<typeof ratingGivenPayloadSchema>

/** 6.3.3.4, DOMAIN.md (voluntary): the citizen declined to rate; recorded as declined. */
export const ratingDeclinedPayloadSchema = z.object({
  subject: ratingSubjectSchema,
  staffId: text(64),
  channel: ratingChannelSchema,
  /** 'citizen' tapped 不评价 on the screen; 'staff' noted that the citizen declined or left. */
  enteredBy: ratingEnteredBySchema,
  note: optionalText(200),
}).strict()
export type RatingDeclinedPayload = z.infer<typeof ratingDeclinedPayloadSchema>

export interface RatingEventPayloads {
  'rating.prompted': RatingPromptedPayload
  'rating.tokenMinted': RatingTokenMintedPayload
  'rating.given': RatingGivenPayload
  'rating.declined': RatingDeclinedPayload
}

/** A rating event as the UI proposes it. */
export type RatingEventInput = { [K in RatingEventType]: { type: K, payload: RatingEventPayloads[K] } }[RatingEventType]

/** DESIGN §3: version-1 payload schema of each rating event type. */
export const ratingEventSchemas: Record<RatingEventType, z.ZodType> = {
  'rating.prompted': ratingPromptedPayloadSchema,
  'rating.tokenMinted': ratingTokenMintedPayloadSchema,
  'rating.given': ratingGivenPayloadSchema,
  'rating.declined': ratingDeclinedPayloadSchema,
}

export const ratingEventLabels: Record<RatingEventType, string> = {
  'rating.prompted': '邀请评价',
  'rating.tokenMinted': '生成评价二维码',
  'rating.given': '评价',
  'rating.declined': '不评价',
}

/** 'none': only refused events so far; 'prompted': screen shown; 'awaitingQr': a QR token is out; 'rated'; 'declined'. */
export type RatingStatus = 'none' | 'prompted' | 'awaitingQr' | 'rated' | 'declined'
export const ratingStatusLabels: Record<RatingStatus, string> = { none: '未评价', prompted: '待评价', awaitingQr: '待扫码评价', rated: '已评价', declined: '不评价' }

/** 6.3.3.4: the stream that holds every rating event of `subject` ('case:X' → 'rating:X'). */
export function ratingStreamFor(subject: string): string {
  return `${RATING_STREAM_KIND}:${streamUuid(subject)}`
}
