/**
 * 0022 (issue 9 item 6; DOMAIN.md 申诉复核): the server's projection of appeal streams ('appeal:<uuid>'), so
 * the office lists the appeals waiting for its decision, and every figure (office metrics, published results)
 * leaves out the ratings of upheld appeals by an indexed lookup. Derived data, refolded like the others.
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table appeal_projections (
    id text primary key,
    station_id text not null references stations(id),
    rating_stream text not null,
    status text not null,
    filed_at timestamptz not null,
    decided_at timestamptz,
    needs_attention boolean not null default false,
    state jsonb not null,
    last_seq bigint not null,
    updated_at timestamptz not null default now()
  )`.execute(db)
  await sql`create index appeal_projections_station_idx on appeal_projections (station_id, status)`.execute(db)
  await sql`create index appeal_projections_rating_idx on appeal_projections (rating_stream)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists appeal_projections`.execute(db)
}
