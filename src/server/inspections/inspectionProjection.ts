/**
 * The server's projection of inspection streams (issue 8 item 6): each 'inspection:<uuid>' stream a tablet
 * pushes is folded with the domain's foldInspection into inspection_projections, and its findings into
 * inspection_tasks (one fix task each). Called from refoldStreams, in the push's transaction.
 */
import type { Kysely, Transaction } from 'kysely'
import { streamKind } from '../../domain/events'
import { foldInspection, INSPECTION_STREAM_KIND } from '../../domain/inspection'
import type { Database } from '../db'
import { jsonb } from '../db'
import { streamPages } from '../db/streamPages'
import { rowToEvent } from '../sync/eventRows'

/** Refolds the inspection streams among `streams` of one station. */
export async function refoldInspections(db: Kysely<Database> | Transaction<Database>, stationId: string, streams: readonly string[]): Promise<void> {
  const wanted = streams.filter(s => streamKind(s) === INSPECTION_STREAM_KIND)
  for await (const byStream of streamPages(db, stationId, wanted)) {
    for (const [stream, streamRows] of byStream) {
      const state = foldInspection(streamRows.map(rowToEvent))
      if (!state)
        continue
      const values = {
        id: stream,
        station_id: stationId,
        kind: state.kind,
        tier: state.tier,
        inspected_at: state.inspectedAt,
        inspected_on: state.inspectedOn,
        findings: state.findings,
        findings_open: state.findingsOpen,
        needs_attention: state.needsAttention,
        state: jsonb(state),
        last_seq: Math.max(...streamRows.map(r => Number(r.seq))),
      }
      const stored = await db.insertInto('inspection_projections')
        .values(values)
        .onConflict(oc => oc.column('id').doUpdateSet(eb => ({
          findings: eb.ref('excluded.findings'),
          findings_open: eb.ref('excluded.findings_open'),
          needs_attention: eb.ref('excluded.needs_attention'),
          state: eb.ref('excluded.state'),
          last_seq: eb.ref('excluded.last_seq'),
          updated_at: new Date(),
        // A stream id is a device-made uuid; another station's row is never overwritten.
        })).where('inspection_projections.station_id', '=', stationId))
        .returning('id')
        .executeTakeFirst()
      if (!stored)
        continue
      await db.deleteFrom('inspection_tasks').where('inspection_id', '=', stream).execute()
      const tasks = state.checks.filter(c => c.result === 'finding').map(c => ({
        inspection_id: stream,
        check_id: c.id,
        station_id: stationId,
        due_at: c.dueAt,
        fixed_at: c.fixedAt,
      }))
      if (tasks.length)
        await db.insertInto('inspection_tasks').values(tasks).execute()
    }
  }
}
