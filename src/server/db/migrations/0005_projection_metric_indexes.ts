/**
 * 0005: what the office's quality metrics (issue 5 item 3, 6.2) select by. A case counts on the CST day of
 * its due (`due_at`); a case without a due counts (as undetermined) on the day it was accepted. A
 * consultation counts on its referral due (`due_at`), or on the day it was recorded (answered on the spot,
 * or due 1 working day later). `opened_at` keeps that second instant — the case's `acceptedAt`, the
 * consultation's `recordedAt` — set from `state` by a trigger on every write, so the refold code
 * (sync/projections.ts) stays as it is and every row, old or new, carries it.
 *
 * Indexes: (station_id, due_at) and (station_id, opened_at) on both tables, so a month of a station (or of
 * every station) is an index range, never a scan of three years of rows. A partial index on `rating.given`
 * events by (station_id, occurred_at) finds the 差评 whose call-back falls due in a period (6.2.3).
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'

const openedAtField = { case: 'acceptedAt', consultation: 'recordedAt' } as const

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [kind, field] of Object.entries(openedAtField)) {
    const table = `${kind}_projections`
    await sql.raw(`alter table ${table} add column opened_at timestamptz`).execute(db)
    await sql.raw(`create function ${table}_opened_at() returns trigger language plpgsql as $$
      begin
        new.opened_at := (new.state->>'${field}')::timestamptz;
        return new;
      end
    $$`).execute(db)
    await sql.raw(`create trigger ${table}_opened_at before insert or update on ${table} for each row execute function ${table}_opened_at()`).execute(db)
    // Backfill: the trigger fills every existing row.
    await sql.raw(`update ${table} set opened_at = (state->>'${field}')::timestamptz`).execute(db)
    await sql.raw(`create index ${table}_station_due_idx on ${table} (station_id, due_at)`).execute(db)
    await sql.raw(`create index ${table}_station_opened_idx on ${table} (station_id, opened_at)`).execute(db)
  }
  await sql`create index events_rating_given_idx on events (station_id, occurred_at) where type = 'rating.given'`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists events_rating_given_idx`.execute(db)
  for (const kind of Object.keys(openedAtField)) {
    const table = `${kind}_projections`
    await sql.raw(`drop trigger if exists ${table}_opened_at on ${table}`).execute(db)
    await sql.raw(`drop function if exists ${table}_opened_at()`).execute(db)
    await sql.raw(`drop index if exists ${table}_station_due_idx`).execute(db)
    await sql.raw(`drop index if exists ${table}_station_opened_idx`).execute(db)
    await sql.raw(`alter table ${table} drop column if exists opened_at`).execute(db)
  }
}
