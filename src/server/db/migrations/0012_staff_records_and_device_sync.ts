/**
 * 0012 (issue 8 items 3, 5): staff records and what a tablet reported at its last sync.
 *
 * - staff.mobile: the member's mobile (personal data: masked in office lists, never pulled by tablets).
 * - staff_assessments (5.3.2): onboarding assessments (date, passed/failed, assessor); the latest by date
 *   decides staff.assessment_passed / assessment_date, which tablets already use to refuse sign-in.
 * - staff_trainings (5.3.3): 定期培训 'regular', 线上指导 'online', 带班学习 'shadowing', 结对帮扶 'pairing'
 *   (with the mentor, another staff member), a date, hours and notes.
 * - devices.last_push_at / last_pull_at: the last sync of each kind; devices.reported_unsent: the outbox
 *   size the tablet reported (push/pull `unsent`, SYNC-API.md), as of unsent_reported_at.
 * Records are append-only: a mistaken one is corrected by a newer one.
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table staff add column mobile text`.execute(db)
  await sql`create table staff_assessments (
    id text primary key,
    staff_id text not null references staff(id),
    station_id text not null references stations(id),
    assessed_on text not null check (assessed_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    passed boolean not null,
    assessor text not null,
    notes text,
    recorded_by text not null,
    recorded_at timestamptz not null default now()
  )`.execute(db)
  await sql`create index staff_assessments_staff_idx on staff_assessments (staff_id, assessed_on)`.execute(db)
  await sql`create table staff_trainings (
    id text primary key,
    staff_id text not null references staff(id),
    station_id text not null references stations(id),
    kind text not null check (kind in ('regular', 'online', 'shadowing', 'pairing')),
    trained_on text not null check (trained_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    hours double precision check (hours is null or (hours > 0 and hours <= 1000)),
    notes text,
    mentor_id text references staff(id),
    recorded_by text not null,
    recorded_at timestamptz not null default now(),
    check (kind <> 'pairing' or mentor_id is not null),
    check (mentor_id is null or mentor_id <> staff_id)
  )`.execute(db)
  await sql`create index staff_trainings_staff_idx on staff_trainings (staff_id, trained_on)`.execute(db)
  await sql`alter table devices add column last_push_at timestamptz`.execute(db)
  await sql`alter table devices add column last_pull_at timestamptz`.execute(db)
  await sql`alter table devices add column reported_unsent integer check (reported_unsent >= 0)`.execute(db)
  await sql`alter table devices add column unsent_reported_at timestamptz`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['unsent_reported_at', 'reported_unsent', 'last_pull_at', 'last_push_at'])
    await sql.raw(`alter table devices drop column if exists ${column}`).execute(db)
  await sql`drop table if exists staff_trainings`.execute(db)
  await sql`drop table if exists staff_assessments`.execute(db)
  await sql`alter table staff drop column if exists mobile`.execute(db)
}
