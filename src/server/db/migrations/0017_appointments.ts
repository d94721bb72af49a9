/**
 * 0017 (issue 9 item 2, 6.3.1): citizens' bookings. Each station gets the office's booking settings (slot
 * length, citizens per slot; defaults 30 minutes, 2) — reference columns, so tablets pull them for phone
 * bookings. `appointment_projections` folds each 'appointment:<uuid>' stream (like the case projections):
 * the slot, the booking code, whether it holds a seat. Seats are counted from it under the station's event
 * insert lock, so a slot never goes past capacity however many bookings race.
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table stations add column booking_slot_minutes integer not null default 30 check (booking_slot_minutes between 5 and 240)`.execute(db)
  await sql`alter table stations add column booking_slot_capacity integer not null default 2 check (booking_slot_capacity between 1 and 50)`.execute(db)
  await sql`create table appointment_projections (
    id text primary key,
    station_id text not null,
    status text not null,
    slot_date text not null,
    slot_start text not null,
    code text not null,
    holds_seat boolean not null,
    booked_seq bigint not null,
    state jsonb not null,
    last_seq bigint not null,
    updated_at timestamptz not null default now()
  )`.execute(db)
  await sql`create index appointment_projections_slot_idx on appointment_projections (station_id, slot_date, slot_start) where holds_seat`.execute(db)
  await sql`create index appointment_projections_code_idx on appointment_projections (code)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists appointment_projections`.execute(db)
  await sql`alter table stations drop column if exists booking_slot_capacity`.execute(db)
  await sql`alter table stations drop column if exists booking_slot_minutes`.execute(db)
}
