/**
 * 0016 (issue 8, DOMAIN.md 暂定): when the office imports a calendar year, the consultation projections whose
 * referral due was counted Monday–Friday (state.dueProvisional) are found by index on due_at, never by a scan
 * — as 0010 did for cases.
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index consultation_projections_due_provisional_idx on consultation_projections (due_at) where (state->>'dueProvisional') = 'true'`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists consultation_projections_due_provisional_idx`.execute(db)
}
