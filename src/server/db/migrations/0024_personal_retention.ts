/**
 * 0024 (issue 11 items 3–4): retention of citizens' personal values as settings, and an index for the office's
 * access log of tablet audit events.
 * - `personalRetentionDaysTablet` (90): tablets pull it with the reference data and purge synced records'
 *   personal values older than that (src/app/data/purge.ts).
 * - `personalRetentionDaysServer` (1095, three years): the server's own purge (src/server/privacy/serverPurge.ts).
 * - `events_audit_idx`: audit.exported / audit.revealed events by time, for GET /api/office/audit/access.
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'

/** Frozen: what this migration installs (src/domain/personalFields.ts holds the runtime defaults). */
const TABLET_DAYS = 90
const SERVER_DAYS = 1095

export async function up(db: Kysely<unknown>): Promise<void> {
  // cast via text: a jsonb-typed parameter would make postgres.js send the number as a JSON string.
  await sql`insert into settings (key, value) values ('personalRetentionDaysTablet', cast(cast(${String(TABLET_DAYS)} as text) as jsonb)) on conflict (key) do nothing`.execute(db)
  await sql`insert into settings (key, value) values ('personalRetentionDaysServer', cast(cast(${String(SERVER_DAYS)} as text) as jsonb)) on conflict (key) do nothing`.execute(db)
  await sql`create index if not exists events_audit_idx on events (occurred_at) where type like 'audit.%'`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists events_audit_idx`.execute(db)
  await sql`delete from settings where key in ('personalRetentionDaysTablet', 'personalRetentionDaysServer')`.execute(db)
}
