/**
 * The citizen's rating from the phone (issue 9 item 3; 6.3.3.4, 7.1; DOMAIN.md 好差评). The QR handed over
 * at the counter carries a one-time token; the tablet recorded only its SHA-256 in `rating.tokenMinted`
 * and pushed it with its next sync. Here the phone's token is hashed and looked up, its validity checked
 * (expiry from the minted event; single use: once the subject is rated, by QR or on the counter screen,
 * the token is spent), and the rating becomes a `rating.given` event of the case's station — recorded
 * through the same validator and fold rules as any event, under the station's insert lock, so two phones
 * racing for one token end with exactly one rating. The station's tablets see it on their next pull.
 */
import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { WorkCalendar } from '../../domain/calendar'
import type { DomainEvent } from '../../domain/events'
import { newEventId } from '../../domain/events'
import type { RatingGivenPayload } from '../../domain/rating'
import { BAD_RATING_FOLLOW_UP_WORKDAYS, foldRating, isBadRating, ratingFollowUpDue, ratingTransitionError } from '../../domain/rating'
import type { Database } from '../db'
import { loadCalendar } from '../metrics/metricStates'
import { rowToEvent } from '../sync/eventRows'
import type { RatingInfo, RatingRequest } from '../../domain/protocol'
import { openRectification } from '../rectifications/open'
import { appendServerEvent, lockStation, PUBLIC_RATING_DEVICE } from '../sync/serverEvents'

export type TokenLookup
  = | { status: 'ok', info: RatingInfo }
    | { status: 'unknown' | 'expired' | 'used' }

export type SubmitOutcome
  = | { status: 'rated', eventId: string, seq: number }
    | { status: 'unknown' | 'expired' | 'used' }
    | { status: 'refused', message: string }

/** A token as the QR carries it: 32 random bytes, base64url (43 characters). */
export function isTokenShape(token: string): boolean {
  return /^[\w-]{43}$/.test(token)
}

export function tokenSha256(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

interface Minted {
  event: DomainEvent
  subject: string
  staffId: string
  expiresAt: string
}

async function findMinted(db: Kysely<Database>, sha: string): Promise<Minted | null> {
  const row = await db.selectFrom('events').selectAll()
    .where('type', '=', 'rating.tokenMinted')
    .where(eb => eb(eb.fn('jsonb_extract_path_text', [eb.ref('payload'), eb.val('tokenSha256')]), '=', sha))
    .orderBy('seq')
    .executeTakeFirst()
  if (!row)
    return null
  const event = rowToEvent(row)
  const payload = event.payload as { subject: string, staffId: string, expiresAt: string }
  return { event, subject: payload.subject, staffId: payload.staffId, expiresAt: payload.expiresAt }
}

async function ratingEvents(db: Kysely<Database>, minted: Minted): Promise<DomainEvent[]> {
  const rows = await db.selectFrom('events').selectAll()
    .where('station_id', '=', minted.event.stationId)
    .where('stream', '=', minted.event.stream)
    .orderBy('seq')
    .execute()
  return rows.map(rowToEvent)
}

function spent(events: readonly DomainEvent[], calendar: WorkCalendar): boolean {
  return foldRating(events, calendar)?.status === 'rated'
}

/** GET /api/public/ratings/:token: what the page shows, or why the token cannot be used. */
export async function lookupRatingToken(db: Kysely<Database>, token: string, now: Date): Promise<TokenLookup> {
  if (!isTokenShape(token))
    return { status: 'unknown' }
  const minted = await findMinted(db, tokenSha256(token))
  if (!minted)
    return { status: 'unknown' }
  const [events, calendar] = await Promise.all([ratingEvents(db, minted), loadCalendar(db)])
  if (spent(events, calendar))
    return { status: 'used' }
  if (Date.parse(minted.expiresAt) <= now.getTime())
    return { status: 'expired' }
  const station = await db.selectFrom('stations').select('name').where('id', '=', minted.event.stationId).executeTakeFirst()
  const staff = await db.selectFrom('staff').select('name').where('id', '=', minted.staffId).executeTakeFirst()
  const subjectKind = minted.subject.startsWith('consultation:') ? 'consultation' : 'case'
  const table = subjectKind === 'case' ? 'case_projections' : 'consultation_projections'
  const projection = await db.selectFrom(table).select('state').where('id', '=', minted.subject).executeTakeFirst()
  const itemName = (projection?.state as { itemName?: string | null } | undefined)?.itemName ?? null
  return {
    status: 'ok',
    info: { stationName: station?.name ?? '', subjectKind, itemName, staffName: staff?.name ?? null, expiresAt: minted.expiresAt },
  }
}

/** POST /api/public/ratings/:token: records the citizen's rating once, or says why not. */
export async function submitPublicRating(db: Kysely<Database>, token: string, answers: RatingRequest, now: Date): Promise<SubmitOutcome> {
  if (!isTokenShape(token))
    return { status: 'unknown' }
  const sha = tokenSha256(token)
  const minted = await findMinted(db, sha)
  if (!minted)
    return { status: 'unknown' }
  const calendar = await loadCalendar(db)
  const occurredAt = now.toISOString()
  const payload: RatingGivenPayload = {
    subject: minted.subject,
    staffId: minted.staffId,
    channel: 'qr',
    enteredBy: 'citizen',
    tokenSha256: sha,
    level: answers.level,
    dimensions: answers.dimensions,
    reasons: answers.reasons,
    comment: answers.comment?.trim() ? answers.comment.trim() : null,
    ...(isBadRating(answers.level) ? ratingFollowUpDue(now, BAD_RATING_FOLLOW_UP_WORKDAYS, calendar) : {}),
  }
  const event: DomainEvent = {
    id: newEventId(),
    stream: minted.event.stream,
    type: 'rating.given',
    v: 1,
    payload,
    stationId: minted.event.stationId,
    deviceId: PUBLIC_RATING_DEVICE,
    // The citizen rated: no staff member's identity on it (rating/transitions.ts).
    staffId: null,
    occurredAt,
  }
  return db.transaction().execute(async (trx) => {
    // Under the station's lock: a second phone with the same token waits here, then finds it spent.
    await lockStation(trx, minted.event.stationId)
    const events = await ratingEvents(trx, minted)
    if (spent(events, calendar))
      return { status: 'used' } as const
    if (Date.parse(minted.expiresAt) <= now.getTime())
      return { status: 'expired' } as const
    const refusal = ratingTransitionError(foldRating(events, calendar), { type: 'rating.given', payload }, { occurredAt, staffId: null })
    if (refusal)
      return { status: 'refused', message: refusal } as const
    const seq = await appendServerEvent(trx, event, now)
    // 7.2.1: a 差评 opens its rectification task, owned by the staff member rated.
    if (isBadRating(answers.level))
      await openRectification(trx, { stationId: event.stationId, source: { kind: 'rating', subject: event.stream }, ownerStaffId: minted.staffId }, now)
    return { status: 'rated', eventId: event.id, seq } as const
  })
}
