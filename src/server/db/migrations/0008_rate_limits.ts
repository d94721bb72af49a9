/**
 * 0008 (issue 10 item 5): fixed-window rate-limit counters, in the database so that several server
 * processes sharing one PostgreSQL count the same hits. One row per (key, window); `expires_at` is the
 * window's end, so old rows of any window length are pruned by one indexed delete.
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table rate_limits (
    key text not null check (length(key) between 1 and 300),
    window_start timestamptz not null,
    expires_at timestamptz not null,
    hits integer not null check (hits >= 0),
    primary key (key, window_start)
  )`.execute(db)
  await sql`create index rate_limits_expires_idx on rate_limits (expires_at)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists rate_limits`.execute(db)
}
