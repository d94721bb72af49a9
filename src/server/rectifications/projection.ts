/**
 * The server's projections of rectification and appeal streams (issue 9 item 6; migrations 0021, 0022):
 * each stream is folded with the domain's fold into its table, in the transaction that accepted the event
 * (refoldStreams, for pushes and server-made events alike).
 */
import type { Kysely, Transaction } from 'kysely'
import type { DomainEvent } from '../../domain/events'
import type { Database } from '../db'
import { APPEAL_STREAM_KIND, foldAppeal } from '../../domain/appeal'
import { streamKind } from '../../domain/events'
import { foldRectification, RECTIFICATION_STREAM_KIND } from '../../domain/rectification'
import { jsonb } from '../db'
import { streamPages } from '../db/streamPages'
import { loadWorkCalendar } from '../calendar/workCalendar'
import { rowToEvent } from '../sync/eventRows'

type Db = Kysely<Database> | Transaction<Database>

async function streamEvents(db: Db, stationId: string, streams: readonly string[]): Promise<Map<string, { events: DomainEvent[], lastSeq: number }>> {
  const byStream = new Map<string, { events: DomainEvent[], lastSeq: number }>()
  for await (const page of streamPages(db, stationId, streams)) {
    for (const [stream, rows] of page) {
      const entry = byStream.get(stream) ?? { events: [], lastSeq: 0 }
      for (const row of rows) {
        entry.events.push(rowToEvent(row))
        entry.lastSeq = Math.max(entry.lastSeq, Number(row.seq))
      }
      byStream.set(stream, entry)
    }
  }
  return byStream
}

/** Refolds the rectification and appeal streams among `streams` of one station. */
export async function refoldRectifications(db: Db, stationId: string, streams: readonly string[]): Promise<void> {
  const tasks = streams.filter(s => streamKind(s) === RECTIFICATION_STREAM_KIND)
  const appeals = streams.filter(s => streamKind(s) === APPEAL_STREAM_KIND)
  if (tasks.length) {
    const calendar = await loadWorkCalendar(db)
    for (const [id, { events, lastSeq }] of await streamEvents(db, stationId, tasks)) {
      const state = foldRectification(events, calendar)
      if (!state)
        continue
      await db.insertInto('rectification_projections')
        .values({ id, station_id: stationId, source_kind: state.source.kind, source_subject: state.source.subject, status: state.status, owner_staff_id: state.ownerStaffId, opened_at: state.openedAt, due_at: state.dueAt, closed_at: state.closedAt, needs_attention: state.needsAttention, state: jsonb(state), last_seq: lastSeq })
        .onConflict(oc => oc.column('id').doUpdateSet(eb => ({
          status: eb.ref('excluded.status'),
          owner_staff_id: eb.ref('excluded.owner_staff_id'),
          due_at: eb.ref('excluded.due_at'),
          closed_at: eb.ref('excluded.closed_at'),
          needs_attention: eb.ref('excluded.needs_attention'),
          state: eb.ref('excluded.state'),
          last_seq: eb.ref('excluded.last_seq'),
          updated_at: new Date(),
        // A stream id is a device-made uuid; another station's row is never overwritten.
        })).where('rectification_projections.station_id', '=', stationId))
        .execute()
    }
  }
  if (appeals.length) {
    for (const [id, { events, lastSeq }] of await streamEvents(db, stationId, appeals)) {
      const state = foldAppeal(events)
      if (!state)
        continue
      await db.insertInto('appeal_projections')
        .values({ id, station_id: stationId, rating_stream: state.rating, status: state.status, filed_at: state.filedAt, decided_at: state.decidedAt, needs_attention: state.needsAttention, state: jsonb(state), last_seq: lastSeq })
        .onConflict(oc => oc.column('id').doUpdateSet(eb => ({
          status: eb.ref('excluded.status'),
          decided_at: eb.ref('excluded.decided_at'),
          needs_attention: eb.ref('excluded.needs_attention'),
          state: eb.ref('excluded.state'),
          last_seq: eb.ref('excluded.last_seq'),
          updated_at: new Date(),
        })).where('appeal_projections.station_id', '=', stationId))
        .execute()
    }
  }
}

/** DOMAIN.md 申诉复核: the rating streams of `stationIds` (all when null) whose appeal was upheld. */
export async function upheldRatingStreams(db: Db, stationIds: readonly string[] | null): Promise<Set<string>> {
  if (stationIds !== null && stationIds.length === 0)
    return new Set()
  let q = db.selectFrom('appeal_projections').select('rating_stream').where('status', '=', 'upheld')
  if (stationIds !== null)
    q = q.where('station_id', 'in', stationIds)
  return new Set((await q.execute()).map(r => r.rating_stream))
}
