/**
 * Ratings (好差评): the citizen's evaluation of a case or a consultation (6.3.3.4, 7.1; DOMAIN.md 好差评,
 * GB/T 39735), as events on a stream of their own, folded into a RatingState.
 *
 * Why a stream of its own ('rating:<uuid>') and not events on the case or consultation stream:
 * - one fold and one shape for both subjects (cases and consultations);
 * - the evaluator is protected and results are published per staff member and station (7.1.1): the server
 *   aggregates rating streams without folding (or decrypting) cases and their applicants' data;
 * - a QR rating from the citizen's phone arrives through the server, not from the station's tablet: it
 *   never has to append to a case stream, and call-backs and appeals follow the rating, not the case;
 * - the case and consultation projections (Dexie tables, server tables) keep their shape.
 * One evaluation per subject (一次一评): the stream's uuid IS the subject's uuid (`ratingStreamFor`), so
 * every tablet that rates the same case writes to the same stream, and a second `rating.given` is a
 * conflict the fold flags (first in fold order wins).
 *
 * Staff never rate on the citizen's behalf: `rating.given` carries `enteredBy`. The customer-facing
 * screen (opened by `rating.prompted`) and the phone page write 'citizen'; anything else is 'staff' and
 * the fold refuses it and flags the stream. A counter rating needs a prompt before it on the stream; a QR
 * rating needs a minted, unexpired token (only its SHA-256 is stored) and no staff member in the envelope.
 *
 * Not registered in `projectionFolds`: the tablet's Dexie data layer asserts a table for every projection
 * kind, and has none for ratings yet. `foldRating` folds a rating stream on demand.
 *
 * PERSONAL DATA: `comment` (free text the citizen typed) only.
 */
import type { DomainEvent } from './events'
import type { WorkCalendar } from './calendar'
import { z } from 'zod'
import { tryDueAfterWorkdays } from './calendar'
import { canonicalJson, orderedUnique, streamIdSchema, streamUuid } from './events'

/** The stream kind of ratings: 'rating:<uuid of the subject>'. */
export const RATING_STREAM_KIND = 'rating'

/** 6.3.3.4: the rating event types of payload version 1. */
export const ratingEventTypes = ['rating.prompted', 'rating.tokenMinted', 'rating.given', 'rating.declined'] as const
export type RatingEventType = typeof ratingEventTypes[number]

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, '应为 64 位小写十六进制 SHA-256')
const instantSchema = z.iso.datetime({ offset: true, error: '应为带时区的 ISO 8601 时间' })
const text = (max: number) => z.string().min(1, '不能为空').max(max, `不能超过 ${max} 个字符`).regex(/\S/, '不能为空')
const optionalText = (max: number) => z.string().max(max, `不能超过 ${max} 个字符`).nullable().optional()

/** DOMAIN.md 好差评: 非常满意 5, 满意 4, 基本满意 3, 不满意 2, 非常不满意 1. */
export type RatingLevel = 1 | 2 | 3 | 4 | 5
export const ratingLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)], { error: '评价等级应为 1–5' })
export const ratingLevelLabels: Record<RatingLevel, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' }

/** DOMAIN.md: a 差评 (不满意 or 非常不满意) must be called back. */
export function isBadRating(level: RatingLevel): boolean {
  return level <= 2
}

/** 7.1.2: the three dimensions rated besides the overall level. */
export const ratingDimensions = ['attitude', 'quality', 'efficiency'] as const
export type RatingDimension = typeof ratingDimensions[number]
export const ratingDimensionLabels: Record<RatingDimension, string> = { attitude: '服务态度', quality: '服务质量', efficiency: '服务效率' }

/** A reason a citizen may pick; the code is stored, never removed from the catalogue (old events must stay valid). */
export interface RatingReason {
  code: string
  label: string
}

const OTHER: RatingReason = { code: 'other', label: '其他（请填写意见）' }
const GOOD: readonly RatingReason[] = [
  { code: 'warmService', label: '服务热情周到' },
  { code: 'toldAtOnce', label: '一次性告知清楚' },
  { code: 'doneInOneVisit', label: '一次办好，少跑腿' },
  { code: 'fastHandling', label: '办理快捷高效' },
  { code: 'professional', label: '业务熟练，解答专业' },
  { code: 'simpleProcess', label: '流程简便' },
  { code: 'nearby', label: '就近办理方便' },
  { code: 'helpfulAssistance', label: '帮办代办省心' },
  OTHER,
]
const FAIR: readonly RatingReason[] = [
  { code: 'basicallyAdequate', label: '服务基本到位' },
  { code: 'waitSomewhatLong', label: '等候时间稍长' },
  { code: 'guidanceCouldBeClearer', label: '告知解答不够清楚' },
  { code: 'processSomewhatComplex', label: '流程略显繁琐' },
  { code: 'materialsSomewhatMany', label: '所需材料较多' },
  OTHER,
]
const BAD: readonly RatingReason[] = [
  { code: 'poorAttitude', label: '服务态度差' },
  { code: 'notToldAtOnce', label: '未一次性告知，多次跑动' },
  { code: 'slowOrOverdue', label: '办理时间长或超时' },
  { code: 'unprofessional', label: '业务不熟，解答不清' },
  { code: 'extraMaterials', label: '要求提供清单以外的材料' },
  { code: 'complexProcess', label: '流程复杂' },
  { code: 'longWait', label: '排队等候时间长' },
  { code: 'notHandled', label: '该办的事没有办成' },
  OTHER,
]

/** DOMAIN.md 好差评: the reasons offered depend on the level chosen (good 4–5, fair 3, bad 1–2). */
export const ratingReasonsByLevel: Readonly<Record<RatingLevel, readonly RatingReason[]>> = { 5: GOOD, 4: GOOD, 3: FAIR, 2: BAD, 1: BAD }

/** DOMAIN.md 好差评: default working days to call back and rectify a 差评 (a setting). */
export const BAD_RATING_FOLLOW_UP_WORKDAYS = 15

/**
 * DOMAIN.md 好差评 call-back: end of the n-th working day after the rating's CST day, for the caller to put
 * in `followUpDueAt`; null when the holiday schedule of that year is not published.
 */
export function ratingFollowUpDueAt(ratedAt: string | Date, workdays: number = BAD_RATING_FOLLOW_UP_WORKDAYS, calendar?: Pick<WorkCalendar, 'tryDueAfterWorkdays'>): string | null {
  const due = calendar ? calendar.tryDueAfterWorkdays(ratedAt, workdays) : tryDueAfterWorkdays(ratedAt, workdays)
  return due.ok ? due.due : null
}

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

export interface RatingToken {
  tokenSha256: string
  mintedAt: string
  expiresAt: string
  /** When a rating used it; null while unused. */
  usedAt: string | null
}

export interface RatingLogEntry {
  eventId: string
  type: string
  occurredAt: string
  staffId: string | null
  deviceId: string
  summary: string
  applied: boolean
  rejection: string | null
  /** The payload without `comment`; null when unreadable. */
  details: Record<string, unknown> | null
}

/** The fold of a rating stream (shares the projection fields: id, stationId, staffId, status, dueAt, attention). */
export interface RatingState {
  /** 'rating:<uuid of the subject>'. */
  id: string
  stationId: string
  /** 'case:…' or 'consultation:…'. */
  subject: string
  subjectKind: 'case' | 'consultation'
  /** The staff member rated (7.1.1 per-staff results), not who operated the tablet. */
  staffId: string | null
  status: RatingStatus
  promptedAt: string | null
  tokens: RatingToken[]
  channel: RatingChannel | null
  level: RatingLevel | null
  dimensions: RatingGivenPayload['dimensions'] | null
  reasons: string[]
  /** PERSONAL DATA possibly. */
  comment: string | null
  ratedAt: string | null
  /** 差评: level ≤ 2 (a call-back is due). */
  isBad: boolean
  followUpDueAt: string | null
  /** The call-back due, for due lists (= followUpDueAt). */
  dueAt: string | null
  declinedAt: string | null
  log: RatingLogEntry[]
  needsAttention: boolean
  attentionReasons: string[]
  lastOccurredAt: string
  eventCount: number
}

/** The envelope facts a rule needs: when, and who was logged in on the device (null on the phone page). */
export interface RatingEventContext {
  occurredAt: string
  staffId: string | null
}

interface Verdict {
  reason: string
  contradicts?: boolean
}

const refused = (type: RatingEventType, why: string): Verdict => ({ reason: `${ratingEventLabels[type]}未生效：${why}` })

function judge(state: RatingState | null, ev: RatingEventInput, ctx: RatingEventContext): Verdict | null {
  const rated = state?.status === 'rated'
  switch (ev.type) {
    case 'rating.prompted':
      if (rated)
        return refused(ev.type, '已评价（一次一评）')
      if (state?.status === 'declined')
        return refused(ev.type, '群众已表示不评价，不应再次邀请（评价自愿）')
      return null
    case 'rating.tokenMinted':
      if (rated)
        return refused(ev.type, '已评价（一次一评）')
      if (state?.status === 'declined')
        return refused(ev.type, '群众已表示不评价，不应再次邀请（评价自愿）')
      if (Date.parse(ev.payload.expiresAt) <= Date.parse(ctx.occurredAt))
        return refused(ev.type, '凭证的有效期已过')
      return null
    case 'rating.given': {
      const p = ev.payload
      if (p.enteredBy !== 'citizen')
        return refused(ev.type, '工作人员不能代替群众评价（须由群众在评价屏或扫码填写）')
      if (rated && state) {
        const { tokenSha256: _t, ...mine } = p
        const same = state.level === p.level && canonicalJson({ d: state.dimensions, r: state.reasons, c: state.comment }) === canonicalJson({ d: mine.dimensions, r: mine.reasons, c: mine.comment ?? null })
        return same ? null : { reason: '同一事项评价了两次（一次一评）', contradicts: true }
      }
      if (p.channel === 'counter') {
        if (!state || state.promptedAt === null)
          return refused(ev.type, '没有邀请评价的记录（评价屏未打开）')
        return null
      }
      if (ctx.staffId !== null)
        return refused(ev.type, '扫码评价不应带有工作人员身份')
      const token = state?.tokens.find(t => t.tokenSha256 === p.tokenSha256)
      if (!token)
        return refused(ev.type, '评价凭证无效')
      if (Date.parse(ctx.occurredAt) > Date.parse(token.expiresAt))
        return refused(ev.type, '评价凭证已过期')
      return null
    }
    case 'rating.declined':
      if (rated)
        return refused(ev.type, '已评价')
      return null
  }
}

/** 6.3.3.4: why the app must not record `event` on a rating in `state` now (Chinese), or null when it may. */
export function ratingTransitionError(state: RatingState | null, event: RatingEventInput, context: Partial<RatingEventContext> = {}): string | null {
  if (state && state.subject !== event.payload.subject)
    return `${ratingEventLabels[event.type]}未生效：评价对象不符`
  if (state && event.type === 'rating.given' && state.status === 'rated')
    return `${ratingEventLabels[event.type]}未生效：已评价（一次一评）`
  if (state && event.type === 'rating.declined' && state.status === 'declined')
    return `${ratingEventLabels[event.type]}未生效：已记录不评价`
  const ctx: RatingEventContext = { occurredAt: context.occurredAt ?? new Date().toISOString(), staffId: context.staffId ?? null }
  return judge(state, event, ctx)?.reason ?? null
}

function summarize(ev: RatingEventInput): string {
  const label = ratingEventLabels[ev.type]
  switch (ev.type) {
    case 'rating.prompted':
      return label
    case 'rating.tokenMinted':
      return `${label}（有效至 ${ev.payload.expiresAt}）`
    case 'rating.given':
      return `${label}（${ratingChannelLabels[ev.payload.channel]}）：${ratingLevelLabels[ev.payload.level]}`
    case 'rating.declined':
      return ev.payload.note ? `${label}：${ev.payload.note}` : label
  }
}

function fresh(e: DomainEvent, subject: string, staffId: string): RatingState {
  return {
    id: e.stream,
    stationId: e.stationId,
    subject,
    subjectKind: subject.startsWith('case:') ? 'case' : 'consultation',
    staffId,
    status: 'none',
    promptedAt: null,
    tokens: [],
    channel: null,
    level: null,
    dimensions: null,
    reasons: [],
    comment: null,
    ratedAt: null,
    isBad: false,
    followUpDueAt: null,
    dueAt: null,
    declinedAt: null,
    log: [],
    needsAttention: false,
    attentionReasons: [],
    lastOccurredAt: e.occurredAt,
    eventCount: 0,
  }
}

function apply(state: RatingState | null, e: DomainEvent, ev: RatingEventInput): RatingState {
  const base = state ?? fresh(e, ev.payload.subject, ev.payload.staffId)
  switch (ev.type) {
    case 'rating.prompted':
      return { ...base, status: base.status === 'declined' || base.status === 'awaitingQr' ? base.status : 'prompted', promptedAt: base.promptedAt ?? e.occurredAt }
    case 'rating.tokenMinted':
      return { ...base, status: 'awaitingQr', tokens: [...base.tokens, { tokenSha256: ev.payload.tokenSha256, mintedAt: e.occurredAt, expiresAt: ev.payload.expiresAt, usedAt: null }] }
    case 'rating.given': {
      if (base.status === 'rated')
        return base
      const p = ev.payload
      const followUpDueAt = isBadRating(p.level) ? p.followUpDueAt ?? null : null
      return {
        ...base,
        status: 'rated',
        staffId: p.staffId,
        channel: p.channel,
        level: p.level,
        dimensions: p.dimensions,
        reasons: p.reasons,
        comment: p.comment ?? null,
        ratedAt: e.occurredAt,
        isBad: isBadRating(p.level),
        followUpDueAt,
        dueAt: followUpDueAt,
        tokens: base.tokens.map(t => t.tokenSha256 === p.tokenSha256 ? { ...t, usedAt: e.occurredAt } : t),
      }
    }
    case 'rating.declined':
      if (base.declinedAt !== null)
        return base
      return { ...base, status: 'declined', declinedAt: e.occurredAt }
  }
}

function isRatingEventType(type: string): type is RatingEventType {
  return (ratingEventTypes as readonly string[]).includes(type)
}

function readRatingEvent(e: DomainEvent): { ok: true, input: RatingEventInput } | { ok: false, reason: string } {
  if (!isRatingEventType(e.type))
    return { ok: false, reason: `无法识别的记录类型 ${e.type}（可能需要更新应用）` }
  if (e.v !== 1)
    return { ok: false, reason: `${ratingEventLabels[e.type]}记录的版本 v${e.v} 无法识别（可能需要更新应用）` }
  const parsed = ratingEventSchemas[e.type].safeParse(e.payload)
  if (!parsed.success)
    return { ok: false, reason: `${ratingEventLabels[e.type]}记录的内容不符合格式，未生效` }
  return { ok: true, input: { type: e.type, payload: parsed.data } as RatingEventInput }
}

function withoutComment(payload: RatingEventInput['payload']): Record<string, unknown> {
  const { comment: _c, ...rest } = payload as Record<string, unknown>
  return rest
}

/**
 * 6.3.3.4, DOMAIN.md 好差评: the state of one subject's rating stream, in (occurredAt, id) order, each id once.
 * Null when no event of the stream is readable; status 'none' when every readable one was refused (so a
 * refused staff-entered rating still shows). Refused events (staff-entered, a second rating, no prompt or
 * token, another subject) stay in the log and set needsAttention; the first rating wins.
 */
export function foldRating(events: readonly DomainEvent[]): RatingState | null {
  const ordered = orderedUnique(events)
  const first = ordered[0]
  if (!first)
    return null
  const mine = ordered.filter(e => e.stream === first.stream)
  let state: RatingState | null = null
  const log: RatingLogEntry[] = []
  const reasons: string[] = []
  let ratedBy: string | null = null
  let seed: { e: DomainEvent, subject: string, staffId: string } | null = null
  for (const e of mine) {
    const read = readRatingEvent(e)
    if (!read.ok) {
      log.push({ eventId: e.id, type: e.type, occurredAt: e.occurredAt, staffId: e.staffId, deviceId: e.deviceId, summary: read.reason, applied: false, rejection: read.reason, details: null })
      reasons.push(read.reason)
      continue
    }
    const input = read.input
    if (!seed && ratingStreamFor(input.payload.subject) === e.stream)
      seed = { e, subject: input.payload.subject, staffId: input.payload.staffId }
    const summary = summarize(input)
    const details = withoutComment(input.payload)
    const verdict: Verdict | null = ratingStreamFor(input.payload.subject) !== e.stream
      ? refused(input.type, '评价记录与评价对象不符')
      : judge(state, input, { occurredAt: e.occurredAt, staffId: e.staffId })
    if (verdict) {
      const reason = verdict.contradicts
        ? `${ratedBy !== null && ratedBy !== e.deviceId ? '两台设备' : ''}记录了相互矛盾的事实：${verdict.reason}（以时间在先的记录为准）`
        : verdict.reason
      log.push({ eventId: e.id, type: e.type, occurredAt: e.occurredAt, staffId: e.staffId, deviceId: e.deviceId, summary, applied: false, rejection: reason, details })
      reasons.push(reason)
      continue
    }
    const wasRated = state?.status === 'rated'
    state = apply(state, e, input)
    if (!wasRated && state.status === 'rated') {
      ratedBy = e.deviceId
      if (state.isBad && state.followUpDueAt === null)
        reasons.push('差评的回访期限未能计算（节假日安排可能未发布）')
    }
    log.push({ eventId: e.id, type: e.type, occurredAt: e.occurredAt, staffId: e.staffId, deviceId: e.deviceId, summary, applied: true, rejection: null, details })
  }
  if (!state && seed)
    state = fresh(seed.e, seed.subject, seed.staffId)
  if (!state)
    return null
  const attentionReasons = [...new Set(reasons)]
  const last = mine[mine.length - 1]
  return {
    ...state,
    log,
    needsAttention: attentionReasons.length > 0,
    attentionReasons,
    lastOccurredAt: last ? last.occurredAt : state.lastOccurredAt,
    eventCount: mine.length,
  }
}
