/**
 * 0010 (issue 8, DOMAIN.md 暂定): when the office imports a calendar year, the case projections whose due
 * waits on it are found by index, never by a scan: provisional dues (state.dueProvisional) by due_at, and
 * accepted cases left without any due before 暂定 existed (flagged, due_at null) by station.
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index case_projections_due_provisional_idx on case_projections (due_at) where (state->>'dueProvisional') = 'true'`.execute(db)
  await sql`create index case_projections_no_due_idx on case_projections (station_id) where due_at is null and needs_attention = true`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists case_projections_no_due_idx`.execute(db)
  await sql`drop index if exists case_projections_due_provisional_idx`.execute(db)
}
