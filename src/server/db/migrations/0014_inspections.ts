/**
 * 0014 (issue 8 item 6; 4.2, 5.2, 5.4.2): the server's projection of inspection streams pushed by tablets, so
 * the office sees the latest inspection per station and which fix tasks are open or overdue.
 *
 * - inspection_projections: one row per 'inspection:<uuid>' stream, folded with the domain's foldInspection.
 * - inspection_tasks: one row per finding (a fix task), with its due instant and when it was fixed.
 * Both are derived data: refolded whenever an event of the stream is accepted.
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table inspection_projections (
    id text primary key,
    station_id text not null references stations(id),
    kind text not null,
    tier text not null,
    inspected_at timestamptz not null,
    inspected_on text not null,
    findings integer not null,
    findings_open integer not null,
    needs_attention boolean not null default false,
    state jsonb not null,
    last_seq bigint not null,
    updated_at timestamptz not null default now()
  )`.execute(db)
  await sql`create index inspection_projections_station_idx on inspection_projections (station_id, inspected_at)`.execute(db)
  await sql`create table inspection_tasks (
    inspection_id text not null references inspection_projections(id) on delete cascade,
    check_id text not null,
    station_id text not null references stations(id),
    due_at timestamptz,
    fixed_at timestamptz,
    primary key (inspection_id, check_id)
  )`.execute(db)
  await sql`create index inspection_tasks_station_idx on inspection_tasks (station_id, fixed_at, due_at)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists inspection_tasks`.execute(db)
  await sql`drop table if exists inspection_projections`.execute(db)
}
