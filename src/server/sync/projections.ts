/**
 * SQL projections of cases and consultations (DESIGN §3), folded with the same pure folds as the
 * tablets (src/domain/eventTypes.ts projectionFolds). They are derived data: refolded from all of a
 * stream's events whenever one is accepted, and rebuildable at any time.
 */
import type { Kysely, Transaction } from 'kysely'
import { sql } from 'kysely'
import type { CaseFoldCalendar } from '../../domain/case'
import { streamKind } from '../../domain/events'
import type { ProjectionKind } from '../../domain/eventTypes'
import { isProjectionKind, projectionFolds } from '../../domain/eventTypes'
import type { Database, EventRow } from '../db'
import { jsonb } from '../db'
import { groupByStream, streamPages } from '../db/streamPages'
import { loadWorkCalendar } from '../calendar/workCalendar'
import { refoldAppointments } from '../appointments/appointmentProjection'
import { refoldInspections } from '../inspections/inspectionProjection'
import { refoldRectifications } from '../rectifications/projection'
import { rowToEvent } from './eventRows'

const projectionTables = {
  case: 'case_projections',
  consultation: 'consultation_projections',
} as const satisfies Record<ProjectionKind, keyof Database>

/** Refolds the given streams of one station into their projection rows; 暂定 dues counted with `calendar` (default: bundled + calendar_years). */
export async function refoldStreams(db: Kysely<Database> | Transaction<Database>, stationId: string, streams: readonly string[], calendar?: CaseFoldCalendar): Promise<void> {
  await refoldOtherKinds(db, stationId, streams)
  const projected = projectedStreams(streams)
  if (projected.length === 0)
    return
  const workCalendar = calendar ?? await loadWorkCalendar(db)
  for await (const byStream of streamPages(db, stationId, projected, 500))
    await foldAndUpsert(db, stationId, byStream, workCalendar)
}

/**
 * The same refold for a push batch (issue 12 item 2), given the rows that `refoldStreams` would read: every
 * stored event of `streams` at the station (storeEvents.ts reads them in its insert statement, so a batch
 * costs no second read of its own events).
 */
export async function refoldWithRows(db: Kysely<Database> | Transaction<Database>, stationId: string, streams: readonly string[], rows: readonly EventRow[]): Promise<void> {
  await refoldOtherKinds(db, stationId, streams)
  const wanted = new Set(projectedStreams(streams))
  if (wanted.size === 0)
    return
  const streamRows = rows.filter(r => wanted.has(r.stream)).sort((a, b) => Number(a.seq) - Number(b.seq))
  await foldAndUpsert(db, stationId, groupByStream(streamRows), await loadWorkCalendar(db))
}

/** The streams whose kind has a case or consultation projection (the ones folded here). */
export function projectedStreams(streams: readonly string[]): string[] {
  return streams.filter(s => isProjectionKind(streamKind(s)))
}

/** Inspections, appointments and rectifications have projections of their own shape, each refolded by its module. */
async function refoldOtherKinds(db: Kysely<Database> | Transaction<Database>, stationId: string, streams: readonly string[]): Promise<void> {
  // Inspections (issue 8 item 6).
  await refoldInspections(db, stationId, streams)
  // Appointments (issue 9 item 2): their seats are counted from it.
  await refoldAppointments(db, stationId, streams)
  // Rectification tasks and appeals (issue 9 item 6).
  await refoldRectifications(db, stationId, streams)
}

/**
 * Folds each stream's rows (in seq order) and upserts each kind's rows with one statement and one
 * parameter (jsonb_to_recordset), instead of 7 bind parameters a row.
 */
async function foldAndUpsert(db: Kysely<Database> | Transaction<Database>, stationId: string, byStream: ReadonlyMap<string, readonly EventRow[]>, workCalendar: CaseFoldCalendar): Promise<void> {
  for (const kind of Object.keys(projectionTables) as ProjectionKind[]) {
    const values = []
    for (const [stream, streamRows] of byStream) {
      if (streamKind(stream) !== kind)
        continue
      const state = projectionFolds[kind](streamRows.map(rowToEvent), workCalendar)
      if (!state)
        continue
      values.push({
        id: stream,
        station_id: stationId,
        status: state.status,
        needs_attention: state.needsAttention,
        due_at: state.dueAt,
        state,
        last_seq: Math.max(...streamRows.map(r => Number(r.seq))),
      })
    }
    if (values.length)
      await upsertProjections(db, projectionTables[kind], stationId, values)
  }
}

async function upsertProjections(db: Kysely<Database> | Transaction<Database>, table: typeof projectionTables[ProjectionKind], stationId: string, values: readonly unknown[]): Promise<void> {
  await sql`
    insert into ${sql.table(table)} (id, station_id, status, needs_attention, due_at, state, last_seq)
    select r.id, r.station_id, r.status, r.needs_attention, r.due_at, r.state, r.last_seq
    from jsonb_to_recordset(${jsonb(values)}) as r(id text, station_id text, status text, needs_attention boolean, due_at timestamptz, state jsonb, last_seq bigint)
    on conflict (id) do update set
      status = excluded.status,
      needs_attention = excluded.needs_attention,
      due_at = excluded.due_at,
      state = excluded.state,
      last_seq = excluded.last_seq,
      updated_at = now()
    -- A stream id is a device-made uuid; another station's row is never overwritten.
    where ${sql.table(table)}.station_id = ${stationId}`.execute(db)
}

/** Rebuilds every projection of a station from its events (after a fold changed, or for repair). */
export async function rebuildProjections(db: Kysely<Database>, stationId: string): Promise<number> {
  const streams = await db.selectFrom('events').select('stream').distinct().where('station_id', '=', stationId).execute()
  await db.transaction().execute(trx => refoldStreams(trx, stationId, streams.map(s => s.stream)))
  return streams.length
}
