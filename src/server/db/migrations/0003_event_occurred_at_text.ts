/**
 * 0003: keep `occurredAt` exactly as the device wrote it. timestamptz keeps the instant but drops the
 * offset ('+08:00'), and a pulled event should be the event that was pushed, byte for byte in its
 * content, so that its content key (src/domain/events.ts) is the same on every tablet.
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table events add column occurred_at_text text`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table events drop column occurred_at_text`.execute(db)
}
