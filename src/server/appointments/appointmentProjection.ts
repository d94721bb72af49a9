/**
 * The server's projection of appointment streams (issue 9 item 2, 6.3.1): each 'appointment:<uuid>' stream
 * folded with the domain's foldAppointment into appointment_projections. Called from refoldStreams, in the
 * transaction that appended the events (the station's insert lock held).
 */
import type { Kysely, Transaction } from 'kysely'
import { APPOINTMENT_STREAM_KIND, foldAppointment, holdsSeat } from '../../domain/appointment'
import { streamKind } from '../../domain/events'
import type { Database } from '../db'
import { jsonb } from '../db'
import { streamPages } from '../db/streamPages'
import { rowToEvent } from '../sync/eventRows'

type Db = Kysely<Database> | Transaction<Database>

/** Refolds the appointment streams among `streams` of one station. */
export async function refoldAppointments(db: Db, stationId: string, streams: readonly string[]): Promise<void> {
  const wanted = streams.filter(s => streamKind(s) === APPOINTMENT_STREAM_KIND)
  for await (const byStream of streamPages(db, stationId, wanted)) {
    for (const [stream, streamRows] of byStream) {
      const state = foldAppointment(streamRows.map(rowToEvent))
      const booked = streamRows.find(r => r.type === 'appointment.booked')
      if (!state || !booked)
        continue
      await db.insertInto('appointment_projections')
        .values({
          id: stream,
          station_id: stationId,
          status: state.status,
          slot_date: state.date,
          slot_start: state.start,
          code: state.code,
          holds_seat: holdsSeat(state),
          booked_seq: Number(booked.seq),
          state: jsonb(state),
          last_seq: Math.max(...streamRows.map(r => Number(r.seq))),
        })
        .onConflict(oc => oc.column('id').doUpdateSet(eb => ({
          status: eb.ref('excluded.status'),
          holds_seat: eb.ref('excluded.holds_seat'),
          state: eb.ref('excluded.state'),
          last_seq: eb.ref('excluded.last_seq'),
          updated_at: new Date(),
        // A stream id is a device-made uuid; another station's row is never overwritten.
        })).where('appointment_projections.station_id', '=', stationId))
        .execute()
    }
  }
}

/** Seats of a slot held by appointments (booked before `beforeSeq`, when given). Call under the station's lock. */
export async function seatsTaken(db: Db, stationId: string, date: string, start: string, beforeSeq?: number): Promise<number> {
  let q = db.selectFrom('appointment_projections')
    .select(eb => eb.fn.countAll<number | string>().as('n'))
    .where('station_id', '=', stationId)
    .where('slot_date', '=', date)
    .where('slot_start', '=', start)
    .where('holds_seat', '=', true)
  if (beforeSeq !== undefined)
    q = q.where('booked_seq', '<', beforeSeq)
  const row = await q.executeTakeFirstOrThrow()
  // postgres.js counts are strings.
  return Number(row.n)
}

/** Seats held per slot of one station over some dates: 'YYYY-MM-DD HH:MM' → count. */
export async function seatsBySlot(db: Db, stationId: string, dates: readonly string[]): Promise<Map<string, number>> {
  if (dates.length === 0)
    return new Map()
  const rows = await db.selectFrom('appointment_projections')
    .select(['slot_date', 'slot_start', eb => eb.fn.countAll<number | string>().as('n')])
    .where('station_id', '=', stationId)
    .where('slot_date', 'in', dates)
    .where('holds_seat', '=', true)
    .groupBy(['slot_date', 'slot_start'])
    .execute()
  return new Map(rows.map(r => [`${r.slot_date} ${r.slot_start}`, Number(r.n)]))
}
