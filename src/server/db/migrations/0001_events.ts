/** 0001: the sync event store (DESIGN §4) and a key/value meta table. */
import { sql } from 'kysely'
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('id', 'uuid', col => col.primaryKey())
    .addColumn('seq', 'bigserial', col => col.notNull().unique())
    .addColumn('stream', 'text', col => col.notNull())
    .addColumn('type', 'text', col => col.notNull())
    .addColumn('v', 'integer', col => col.notNull())
    .addColumn('payload', 'jsonb', col => col.notNull())
    .addColumn('station_id', 'text', col => col.notNull())
    .addColumn('device_id', 'text', col => col.notNull())
    .addColumn('staff_id', 'text')
    .addColumn('occurred_at', 'timestamptz', col => col.notNull())
    .addColumn('received_at', 'timestamptz', col => col.notNull().defaultTo(sql`now()`))
    .addColumn('content_key', 'text', col => col.notNull())
    .execute()
  // Pull reads one station's events after a cursor, in seq order.
  await db.schema.createIndex('events_station_seq_idx').on('events').columns(['station_id', 'seq']).execute()
  // Projections fold one stream at a time.
  await db.schema.createIndex('events_stream_idx').on('events').column('stream').execute()

  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', col => col.primaryKey())
    .addColumn('value', 'jsonb', col => col.notNull())
    .addColumn('updated_at', 'timestamptz', col => col.notNull().defaultTo(sql`now()`))
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('meta').execute()
  await db.schema.dropTable('events').execute()
}
