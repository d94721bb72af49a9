/**
 * Reference data (pulled by tablets, DESIGN §3), devices and their enrollment codes, office accounts,
 * content-addressed blobs, and the SQL projections of cases and consultations (issue 3).
 *
 * Every reference row carries a `revision` from ONE global sequence, set by a trigger on every insert
 * and update, so a tablet asks for "everything after revision R". The trigger first takes a
 * transaction-scoped advisory lock: reference writers then commit in revision order, and a reader can
 * never see revision R+1 before R (which would make a tablet skip R for good). Rows are never deleted:
 * staff and offered items are switched off with a flag, so the change reaches the tablets.
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'

/** Advisory lock keys (two-int form); the events key space is (1, hashtext(stationId)) in sync/push.ts. */
export const REFERENCE_LOCK_KEY = [2, 0] as const

/** Settings as first installed; the office changes them later (each change is a new revision). Frozen: migrations never change. */
const DEFAULT_SETTINGS = {
  /** Issue 3: lock the counter after this many idle minutes. */
  idleLockMinutes: 5,
  /** Issue 3: wrong PINs before a staff member is locked out, and for how long. */
  pinMaxAttempts: 5,
  pinLockoutMinutes: 5,
  /** DESIGN §4: older apps get 426. */
  minAppVersion: '0.1.0',
  /** DESIGN §4: a clock offset over this is shown to staff. */
  clockOffsetWarnMinutes: 5,
  /** DOMAIN.md: synced personal data is purged from tablets after this many days. */
  retentionDays: 90,
  /** DOMAIN.md: a 差评 is rectified with feedback within this many working days. */
  badReviewRectifyWorkdays: 15,
} as const

const referenceTables = ['stations', 'staff', 'service_items', 'station_items', 'settings', 'calendar_years'] as const

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against whatever the schema was at that point
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`create sequence reference_revision_seq`,
    sql.raw(`create function bump_reference_revision() returns trigger language plpgsql as $$
      begin
        perform pg_advisory_xact_lock(${REFERENCE_LOCK_KEY[0]}, ${REFERENCE_LOCK_KEY[1]});
        new.revision := nextval('reference_revision_seq');
        new.updated_at := now();
        return new;
      end
    $$`),

    // Annexes A–C profile: host (3.1), county (所在县市区, GB/T 2260), windows, hours, tier (4.2), location (5.1).
    sql`create table stations (
      id text primary key,
      code text not null unique check (code ~ '^[A-Z0-9]{2,8}$'),
      name text not null,
      host_type text not null,
      host_unit text not null,
      address text not null,
      county_code text not null check (county_code ~ '^[0-9]{6}$'),
      windows integer not null default 1 check (windows >= 1),
      opening_hours jsonb not null,
      tier text not null,
      latitude double precision,
      longitude double precision,
      contact_phone text,
      state text not null,
      revision bigint not null default 0,
      updated_at timestamptz not null default now()
    )`,
    // 5.3: roster; onboarding assessment (5.3.2) gates sign-in; the PIN verifier is made here (auth/pinVerifier.ts).
    sql`create table staff (
      id text primary key,
      station_id text not null references stations(id),
      name text not null,
      role text not null,
      assessment_passed boolean not null default false,
      assessment_date text check (assessment_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      active boolean not null default true,
      pin_verifier jsonb,
      revision bigint not null default 0,
      updated_at timestamptz not null default now()
    )`,
    sql`create index staff_station_idx on staff (station_id)`,
    // The catalog entry is kept whole (materials, process, limits, fees, sources): its shape is the catalog's, not SQL's.
    sql`create table service_items (
      code text primary key,
      item jsonb not null,
      active boolean not null default true,
      revision bigint not null default 0,
      updated_at timestamptz not null default now()
    )`,
    // 4.3: each station offers a subset of the catalog.
    sql`create table station_items (
      station_id text not null references stations(id),
      item_code text not null references service_items(code),
      offered boolean not null default true,
      revision bigint not null default 0,
      updated_at timestamptz not null default now(),
      primary key (station_id, item_code)
    )`,
    sql`create table settings (
      key text primary key,
      value jsonb not null,
      revision bigint not null default 0,
      updated_at timestamptz not null default now()
    )`,
    // Published holiday schedules (DOMAIN.md): a year missing here is "schedule not published", never Mon–Fri.
    sql`create table calendar_years (
      year integer primary key,
      holidays jsonb not null,
      workdays jsonb not null,
      source text,
      revision bigint not null default 0,
      updated_at timestamptz not null default now()
    )`,
    ...referenceTables.flatMap(t => [
      sql.raw(`create index ${t}_revision_idx on ${t} (revision)`),
      sql.raw(`create trigger ${t}_revision before insert or update on ${t} for each row execute function bump_reference_revision()`),
    ]),

    sql`create table devices (
      id text primary key,
      station_id text not null references stations(id),
      name text not null,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      last_seen_at timestamptz,
      last_clock_offset_ms bigint,
      app_version text
    )`,
    sql`create table enrollment_codes (
      code_hash text primary key,
      station_id text not null references stations(id),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      used_by_device text
    )`,
    sql`create table office_accounts (
      username text primary key,
      password_hash text not null,
      role text not null,
      display_name text not null,
      created_at timestamptz not null default now()
    )`,
    // Content-addressed per station: the same bytes uploaded by two stations are two rows, so neither learns the other has them.
    sql`create table blobs (
      station_id text not null references stations(id),
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      bytes bytea not null,
      size integer not null,
      content_type text not null,
      created_at timestamptz not null default now(),
      primary key (station_id, sha256)
    )`,
    ...['case', 'consultation'].flatMap(kind => [
      sql.raw(`create table ${kind}_projections (
        id text primary key,
        station_id text not null,
        status text not null,
        needs_attention boolean not null default false,
        due_at timestamptz,
        state jsonb not null,
        last_seq bigint not null,
        updated_at timestamptz not null default now()
      )`),
      sql.raw(`create index ${kind}_projections_station_idx on ${kind}_projections (station_id, status)`),
    ]),
  ]
  for (const statement of statements)
    await statement.execute(db)
  // Every database has the defaults the sync contract relies on (minAppVersion) and DOMAIN.md names.
  for (const [key, value] of Object.entries(DEFAULT_SETTINGS))
    // Through text: postgres.js would otherwise JSON-encode the JSON text a second time for a jsonb parameter.
    await sql`insert into settings (key, value) values (${key}, cast(cast(${JSON.stringify(value)} as text) as jsonb))`.execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['consultation_projections', 'case_projections', 'blobs', 'office_accounts', 'enrollment_codes', 'devices', 'calendar_years', 'settings', 'station_items', 'service_items', 'staff', 'stations'])
    await sql.raw(`drop table if exists ${t}`).execute(db)
  await sql`drop function if exists bump_reference_revision()`.execute(db)
  await sql`drop sequence if exists reference_revision_seq`.execute(db)
}
