/**
 * Accepting a pushed batch (DESIGN §4): idempotent by event id, scoped by the token, one database
 * transaction per batch, projections refolded in the same transaction.
 *
 * Per event, in order: another station or device named → rejected 'scope' (in a relay push: another
 * station, or a device never enrolled at the token's station); the id already stored
 * (or earlier in this batch) with the same content → 'duplicate', with other content → rejected
 * 'id-reuse'; not a valid event of a known type → rejected 'invalid: <path>: <message>; …' (this includes
 * what no database can store: NUL, lone surrogates, absurd dates, deep nesting, domain/eventSafety.ts);
 * one the database still refuses → rejected 'invalid: 服务器无法保存该记录…' while the rest of the batch is
 * applied (storeEvents.ts); otherwise 'applied' with a seq. Event ids are lowercase UUIDs (issue 10 item 7):
 * an uppercase id is refused as invalid, unless it is the very event already stored under it. Duplicates are recognised before validation, so an event stored
 * under an older schema is still a duplicate after the rules grew stricter.
 *
 * Relay (addition to DESIGN §4, issue 3 item 7): a tablet pushing another tablet's unsent events from an
 * imported export file. The events keep the deviceId of the tablet that recorded them; it may be any
 * device ever enrolled at the token's station, revoked ones included (a dead tablet may have been revoked).
 * The station must still be the token's.
 */
import { createHash } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { DomainEvent } from '../../domain/events'
import type { PushResult } from '../../domain/protocol'
import { eventContentKey } from '../../domain/events'
import { isCanonicalUuid, isStorableText } from '../../domain/eventSafety'
import { validateDomainEvent } from '../../domain/eventTypes'
import type { Database } from '../db'
import { settlePhoneBookings } from '../appointments/publicBooking'
import { applicationsFromEvents } from '../stations/fromTablet'
import { revokeAfterLastSync } from '../stations/closure'
import type { DeviceScope } from './scope'
import { lockStationEvents } from './stationLock'
import { BatchRefusedError, storeEvents } from './storeEvents'

/** What the push route hands over: each event is only known to be an object with a string id. */
export type PushedEvent = { id: string } & Record<string, unknown>

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The stored form of an event's content: SHA-256 of its canonical JSON (domain eventContentKey). */
export function contentHash(event: PushedEvent | DomainEvent): string {
  return createHash('sha256').update(eventContentKey(event as DomainEvent), 'utf8').digest('hex')
}

export interface PushOptions {
  /** Relay push: events may name any device ever enrolled at the token's station (see the module comment). */
  relay?: boolean
  /** Runs last in the push's transaction, with the answers (the route records the push on the device row: one commit a push). */
  beforeCommit?: (trx: Transaction<Database>, results: readonly PushResult[]) => Promise<void>
}

export async function pushEvents(
  db: Kysely<Database>,
  scope: DeviceScope,
  events: readonly PushedEvent[],
  receivedAt: Date,
  options: PushOptions = {},
): Promise<PushResult[]> {
  try {
    return await pushInTransaction(db, scope, events, receivedAt, options, 'batch')
  }
  catch (error) {
    // A batch the database refused as data: nothing of it was kept; again, event by event (storeEvents.ts).
    if (!(error instanceof BatchRefusedError))
      throw error
    return pushInTransaction(db, scope, events, receivedAt, options, 'each')
  }
}

async function pushInTransaction(
  db: Kysely<Database>,
  scope: DeviceScope,
  events: readonly PushedEvent[],
  receivedAt: Date,
  options: PushOptions,
  mode: 'batch' | 'each',
): Promise<PushResult[]> {
  return db.transaction().execute(async (trx) => {
    await lockStationEvents(trx, scope.stationId)
    const stationDevices = options.relay ? await enrolledAtStation(trx, scope.stationId, events) : null

    const candidateIds = [...new Set(events.map(e => e.id).filter(id => uuidPattern.test(id)))]
    const stored = new Map<string, string>()
    if (candidateIds.length) {
      const rows = await trx.selectFrom('events').select(['id', 'content_key']).where('id', 'in', candidateIds).execute()
      for (const row of rows)
        stored.set(row.id.toLowerCase(), row.content_key)
    }

    const results: PushResult[] = []
    const toInsert: { index: number, event: DomainEvent, hash: string }[] = []
    for (const raw of events) {
      if (outOfScope(raw, scope, stationDevices)) {
        results.push({ id: raw.id, status: 'rejected', reason: 'scope' })
        continue
      }
      const key = raw.id.toLowerCase()
      const hash = contentHash(raw)
      const known = stored.get(key)
      // A non-canonical (uppercase) id is only recognised as the very same event; otherwise validation refuses it.
      if (known !== undefined && (known === hash || isCanonicalUuid(raw.id))) {
        results.push(known === hash ? { id: raw.id, status: 'duplicate' } : { id: raw.id, status: 'rejected', reason: 'id-reuse' })
        continue
      }
      const checked = validateDomainEvent(raw)
      if (!checked.ok) {
        const details = checked.errors.map(e => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ')
        results.push({ id: raw.id, status: 'rejected', reason: `invalid: ${details}` })
        continue
      }
      stored.set(key, hash)
      toInsert.push({ index: results.length, event: checked.event, hash })
      results.push({ id: raw.id, status: 'applied' })
    }

    if (toInsert.length) {
      const { inserted, unstorable } = await storeEvents(trx, scope.stationId, toInsert, receivedAt, mode)
      for (const [index, reason] of unstorable)
        results[index] = { id: events[index]?.id ?? '', status: 'rejected', reason }
      const lost = toInsert.filter(t => !unstorable.has(t.index) && !inserted.has(t.event.id.toLowerCase()))
      if (lost.length) {
        const rows = await trx.selectFrom('events').select(['id', 'content_key']).where('id', 'in', lost.map(t => t.event.id)).execute()
        const winners = new Map(rows.map(r => [r.id.toLowerCase(), r.content_key]))
        for (const t of lost) {
          const same = winners.get(t.event.id.toLowerCase()) === t.hash
          results[t.index] = same ? { id: t.event.id, status: 'duplicate' } : { id: t.event.id, status: 'rejected', reason: 'id-reuse' }
        }
      }
      // Projections were refolded with the inserts (storeEvents.ts).
      const applied = toInsert.filter(t => inserted.has(t.event.id.toLowerCase()))
      // Post-apply (issue 8 item 2): a station's change/closing requests become applications.
      await applicationsFromEvents(trx, scope.stationId, applied.map(t => t.event), receivedAt)
      // Issue 9 item 2: phone bookings made offline get their seat, or a decline the tablet pulls.
      await settlePhoneBookings(trx, scope.stationId, applied.map(t => t.event), receivedAt)
    }
    // A tablet of a closed station has made its last sync: revoked as the push commits (closure.ts).
    await revokeAfterLastSync(trx, scope.stationId, scope.deviceId, receivedAt)
    await options.beforeCommit?.(trx, results)
    return results
  })
}

/**
 * `stationDevices`: null for a default push (the event must name the token's device); for a relay push,
 * the devices of the token's station among those the batch names.
 */
function outOfScope(raw: PushedEvent, scope: DeviceScope, stationDevices: ReadonlySet<string> | null): boolean {
  // A missing or non-string field is not a scope question: validation rejects it as invalid.
  if (typeof raw.stationId === 'string' && raw.stationId !== scope.stationId)
    return true
  if (typeof raw.deviceId !== 'string')
    return false
  return stationDevices ? !stationDevices.has(raw.deviceId) : raw.deviceId !== scope.deviceId
}

/** The device ids named in `events` that were ever enrolled at `stationId` (revoked ones included). */
async function enrolledAtStation(trx: Transaction<Database>, stationId: string, events: readonly PushedEvent[]): Promise<Set<string>> {
  // An id the database cannot even compare (NUL, lone surrogate) names no device: the event is out of scope.
  const named = [...new Set(events.map(e => e.deviceId).filter((id): id is string => typeof id === 'string' && id.length <= 64 && isStorableText(id)))]
  if (named.length === 0)
    return new Set()
  const rows = await trx.selectFrom('devices').select('id').where('station_id', '=', stationId).where('id', 'in', named).execute()
  return new Set(rows.map(r => r.id))
}
