/**
 * 0006 (issue 8 item 1, 8): office accounts with a role and a division, sessions in the database, and the
 * office audit log.
 *
 * - office_accounts.role: 'admin' (accounts, stations, catalog, calendar), 'reviewer' (applications,
 *   inspections, results) or 'viewer'; the demo's old 'office' role becomes 'admin'.
 * - office_accounts.division_code: the GB/T 2260 prefix the office is scoped to — '14' (province), '1405'
 *   (a city) or '140502' (a county); it sees only stations whose county_code starts with it.
 * - office_sessions: one row per signed-in browser; only the SHA-256 of the cookie's token is stored, so a
 *   leaked table signs nobody in. Kept in the database so any number of server processes share them.
 * - office_audit: every office action, append-only (who, what, which target, which station, details).
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table office_accounts add column division_code text not null default '14'`.execute(db)
  await sql`alter table office_accounts add column active boolean not null default true`.execute(db)
  await sql`alter table office_accounts add column updated_at timestamptz not null default now()`.execute(db)
  await sql`update office_accounts set role = 'admin' where role not in ('admin', 'reviewer', 'viewer')`.execute(db)
  await sql`alter table office_accounts add constraint office_accounts_role_check check (role in ('admin', 'reviewer', 'viewer'))`.execute(db)
  await sql`alter table office_accounts add constraint office_accounts_division_check check (division_code ~ '^[0-9]{2}([0-9]{2}([0-9]{2})?)?$')`.execute(db)
  await sql`create table office_sessions (
    token_hash text primary key check (token_hash ~ '^[0-9a-f]{64}$'),
    username text not null references office_accounts(username) on delete cascade,
    created_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    expires_at timestamptz not null
  )`.execute(db)
  await sql`create index office_sessions_username_idx on office_sessions (username)`.execute(db)
  await sql`create index office_sessions_expires_idx on office_sessions (expires_at)`.execute(db)
  await sql`create table office_audit (
    id bigserial primary key,
    at timestamptz not null default now(),
    username text not null,
    action text not null,
    target_type text not null,
    target_id text,
    station_id text,
    division_code text,
    details jsonb not null default '{}'::jsonb
  )`.execute(db)
  await sql`create index office_audit_at_idx on office_audit (at)`.execute(db)
  await sql`create index office_audit_station_idx on office_audit (station_id, at)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists office_audit`.execute(db)
  await sql`drop table if exists office_sessions`.execute(db)
  await sql`alter table office_accounts drop constraint if exists office_accounts_division_check`.execute(db)
  await sql`alter table office_accounts drop constraint if exists office_accounts_role_check`.execute(db)
  await sql`alter table office_accounts drop column if exists updated_at`.execute(db)
  await sql`alter table office_accounts drop column if exists active`.execute(db)
  await sql`alter table office_accounts drop column if exists division_code`.execute(db)
}
