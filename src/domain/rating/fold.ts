/**
 * foldRating: the state of one subject's rating stream (6.3.3.4, DESIGN §3): each readable event judged by
 * the rating rules, applied or refused, and logged; the first rating wins.
 */
import type { WorkCalendar } from '../calendar'
import type { DomainEvent } from '../events'
import type { Reason } from '../reason'
import type { RatingEventInput, RatingEventType } from './payloads'
import type { RatingLogEntry, RatingState } from './state'
import type { Verdict } from './transitions'
import { conflictReason, logEntry, readEvent, streamInFoldOrder, unreadableEntry, withAttention, withoutFields } from '../foldSupport'
import { BAD_RATING_FOLLOW_UP_WORKDAYS, isBadRating, ratingLevelLabels } from './levels'
import { ratingChannelLabels, ratingEventLabels, ratingEventSchemas, ratingEventTypes, ratingStreamFor } from './payloads'
import { judge, refused } from './transitions'

const catalogue = { types: ratingEventTypes, schemas: ratingEventSchemas, labels: ratingEventLabels }

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
    followUpDueProvisional: false,
    followUpDueUnpublishedYears: [],
    dueAt: null,
    declinedAt: null,
    log: [],
    needsAttention: false,
    attentionReasons: [],
    lastOccurredAt: e.occurredAt,
    eventCount: 0,
  }
}

/** The calendar a rating fold counts working days with (the caller's: the app's or the server's, holding the years imported there). */
export type RatingFoldCalendar = Pick<WorkCalendar, 'provisionalDueAfterWorkdays'>

/** DOMAIN.md 暂定: a provisional call-back due is counted again from the rating with this calendar. */
function followUpDue(p: { followUpDueAt?: string | null | undefined, followUpDueProvisional?: true | undefined }, ratedAt: string, calendar: RatingFoldCalendar): Pick<RatingState, 'followUpDueAt' | 'followUpDueProvisional' | 'followUpDueUnpublishedYears'> {
  const given = p.followUpDueAt ?? null
  if (given === null || p.followUpDueProvisional !== true)
    return { followUpDueAt: given, followUpDueProvisional: false, followUpDueUnpublishedYears: [] }
  const due = calendar.provisionalDueAfterWorkdays(ratedAt, BAD_RATING_FOLLOW_UP_WORKDAYS)
  return { followUpDueAt: due.due, followUpDueProvisional: due.provisional, followUpDueUnpublishedYears: due.unpublishedYears }
}

function apply(state: RatingState | null, e: DomainEvent, ev: RatingEventInput, calendar: RatingFoldCalendar): RatingState {
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
      const due = isBadRating(p.level) ? followUpDue(p, e.occurredAt, calendar) : followUpDue({}, e.occurredAt, calendar)
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
        ...due,
        dueAt: due.followUpDueAt,
        tokens: base.tokens.map(t => t.tokenSha256 === p.tokenSha256 ? { ...t, usedAt: e.occurredAt } : t),
      }
    }
    case 'rating.declined':
      if (base.declinedAt !== null)
        return base
      return { ...base, status: 'declined', declinedAt: e.occurredAt }
  }
}

/** The payload without `comment` (possibly personal data), for the timeline. */
function withoutComment(payload: RatingEventInput['payload']): Record<string, unknown> {
  return withoutFields(payload, ['comment'])
}

/**
 * 6.3.3.4, DOMAIN.md 好差评: the state of one subject's rating stream, in (occurredAt, id) order, each id once.
 * Null when no event of the stream is readable; status 'none' when every readable one was refused (so a
 * refused staff-entered rating still shows). Refused events (staff-entered, a second rating, no prompt or
 * token, another subject) stay in the log and set needsAttention; the first rating wins.
 */
export function foldRating(events: readonly DomainEvent[], calendar: RatingFoldCalendar): RatingState | null {
  const mine = streamInFoldOrder(events, () => true)
  if (!mine)
    return null
  let state: RatingState | null = null
  const log: RatingLogEntry[] = []
  const reasons: Reason[] = []
  let ratedBy: string | null = null
  let seed: { e: DomainEvent, subject: string, staffId: string } | null = null
  for (const e of mine) {
    const read = readEvent<RatingEventType, RatingEventInput>(e, catalogue)
    if (!read.ok) {
      log.push(unreadableEntry(e, read.reason))
      reasons.push(read.reason)
      continue
    }
    const input = read.input
    if (!seed && ratingStreamFor(input.payload.subject) === e.stream)
      seed = { e, subject: input.payload.subject, staffId: input.payload.staffId }
    const summary = summarize(input)
    const details = withoutComment(input.payload)
    const verdict: Verdict | null = ratingStreamFor(input.payload.subject) !== e.stream
      ? refused(input.type, { code: 'rating.streamMismatch' })
      : judge(state, input, { occurredAt: e.occurredAt, staffId: e.staffId })
    if (verdict) {
      const reason = verdict.contradicts ? conflictReason(verdict.reason, ratedBy, e.deviceId) : verdict.reason
      log.push(logEntry(e, summary, reason, details))
      reasons.push(reason)
      continue
    }
    const wasRated = state?.status === 'rated'
    state = apply(state, e, input, calendar)
    if (!wasRated && state.status === 'rated') {
      ratedBy = e.deviceId
      if (state.isBad && state.followUpDueAt === null)
        reasons.push({ code: 'rating.followUpDueUnknown' })
    }
    log.push(logEntry(e, summary, null, details))
  }
  if (!state && seed)
    state = fresh(seed.e, seed.subject, seed.staffId)
  if (!state)
    return null
  return withAttention(state, log, reasons, mine, state.lastOccurredAt)
}
