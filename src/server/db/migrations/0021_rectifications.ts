/**
 * 0021 (issue 9 item 6; 7.2.1–7.2.2): the server's projection of rectification streams
 * ('rectification:<uuid>'), so the office console lists the tasks of its division — open, waiting for the
 * re-check, overdue — without folding events. Derived data: refolded whenever an event of the stream is
 * accepted (pushed by a tablet, or made by the server).
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table rectification_projections (
    id text primary key,
    station_id text not null references stations(id),
    source_kind text not null,
    source_subject text not null,
    status text not null,
    owner_staff_id text,
    opened_at timestamptz not null,
    due_at timestamptz not null,
    closed_at timestamptz,
    needs_attention boolean not null default false,
    state jsonb not null,
    last_seq bigint not null,
    updated_at timestamptz not null default now()
  )`.execute(db)
  await sql`create index rectification_projections_station_idx on rectification_projections (station_id, status, due_at)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists rectification_projections`.execute(db)
}
