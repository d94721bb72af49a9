/**
 * SQL projections of cases and consultations (DESIGN §3), folded with the same pure folds as the
 * tablets (src/domain/eventTypes.ts projectionFolds). They are derived data: refolded from all of a
 * stream's events whenever one is accepted, and rebuildable at any time.
 */
import type { Kysely, Transaction } from 'kysely'
import type { CaseFoldCalendar } from '../../domain/case'
import { streamKind } from '../../domain/events'
import type { ProjectionKind } from '../../domain/eventTypes'
import { isProjectionKind, projectionFolds } from '../../domain/eventTypes'
import type { Database } from '../db'
import { jsonb } from '../db'
import { loadWorkCalendar } from '../calendar/workCalendar'
import { refoldAppointments } from '../appointments/appointmentProjection'
import { refoldInspections } from '../inspections/inspectionProjection'
import { rowToEvent } from './eventRows'

const projectionTables = {
  case: 'case_projections',
  consultation: 'consultation_projections',
} as const satisfies Record<ProjectionKind, keyof Database>

/** Refolds the given streams of one station into their projection rows; 暂定 dues counted with `calendar` (default: bundled + calendar_years). */
export async function refoldStreams(db: Kysely<Database> | Transaction<Database>, stationId: string, streams: readonly string[], calendar?: CaseFoldCalendar): Promise<void> {
  // Inspections (issue 8 item 6) have a projection of their own shape.
  await refoldInspections(db, stationId, streams)
  // Appointments (issue 9 item 2) too: their seats are counted from it.
  await refoldAppointments(db, stationId, streams)
  const projected = streams.filter(s => isProjectionKind(streamKind(s)))
  if (projected.length === 0)
    return
  const workCalendar = calendar ?? await loadWorkCalendar(db)
  for (let i = 0; i < projected.length; i += 500) {
    const chunk = projected.slice(i, i + 500)
    const rows = await db.selectFrom('events').selectAll()
      .where('station_id', '=', stationId)
      .where('stream', 'in', chunk)
      .orderBy('seq')
      .execute()
    const byStream = new Map<string, typeof rows>()
    for (const row of rows)
      byStream.set(row.stream, [...(byStream.get(row.stream) ?? []), row])

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
          state: jsonb(state),
          last_seq: Math.max(...streamRows.map(r => Number(r.seq))),
        })
      }
      if (!values.length)
        continue
      await db.insertInto(projectionTables[kind])
        .values(values)
        .onConflict(oc => oc.column('id').doUpdateSet(eb => ({
          status: eb.ref('excluded.status'),
          needs_attention: eb.ref('excluded.needs_attention'),
          due_at: eb.ref('excluded.due_at'),
          state: eb.ref('excluded.state'),
          last_seq: eb.ref('excluded.last_seq'),
          updated_at: eb.fn('now'),
        // A stream id is a device-made uuid; another station's row is never overwritten.
        })).where(`${projectionTables[kind]}.station_id`, '=', stationId))
        .execute()
    }
  }
}

/** Rebuilds every projection of a station from its events (after a fold changed, or for repair). */
export async function rebuildProjections(db: Kysely<Database>, stationId: string): Promise<number> {
  const streams = await db.selectFrom('events').select('stream').distinct().where('station_id', '=', stationId).execute()
  await db.transaction().execute(trx => refoldStreams(trx, stationId, streams.map(s => s.stream)))
  return streams.length
}
