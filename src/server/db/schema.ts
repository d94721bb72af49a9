/**
 * The server's SQL tables as Kysely types: one file, kept in step with migrations/.
 * Column names are snake_case in SQL; bigint columns (seq, counts) arrive as JS numbers on both
 * dialects because openDatabase installs the same int8 parser on PGlite and postgres.js.
 */
import type { ColumnType, Generated, InsertObject, Selectable } from 'kysely'

declare const jsonText: unique symbol
/** JSON text made by `jsonb()`; the brand makes the compiler refuse any other way of writing jsonb. */
export type JsonText = string & { readonly [jsonText]: true }

/** jsonb: written only through `jsonb(value)`, read back parsed. */
export type JsonColumn<T = unknown> = ColumnType<T, JsonText, JsonText>

/** timestamptz: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>

/** Accepted domain events (DESIGN §3, §4): append-only, the server's copy of every station's record. */
export interface EventsTable {
  /** UUIDv7 made on the device; the idempotency key. */
  id: string
  /** Server order for pull cursors; assigned on insert, never reused. */
  seq: Generated<number>
  stream: string
  type: string
  v: number
  payload: JsonColumn
  station_id: string
  device_id: string
  staff_id: string | null
  /** Device clock, as sent. */
  occurred_at: Timestamp
  received_at: ColumnType<Date, Date | string | undefined, never>
  /** Hash of the event's content: same id + other content is `id-reuse` (DESIGN §4). */
  content_key: string
}

/** Small server-wide facts (e.g. whether the demo seed ran), one JSON value per key. */
export interface MetaTable {
  key: string
  value: JsonColumn
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface Database {
  events: EventsTable
  meta: MetaTable
}

export type EventRow = Selectable<EventsTable>
/** An events row to insert: jsonb columns take `jsonb(value)`. */
export type NewEventRow = InsertObject<Database, 'events'>
export type MetaRow = Selectable<MetaTable>
