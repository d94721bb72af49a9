/**
 * 0004: each device's enrollment slot at its station (1, 2, …), for the document numbers made offline
 * on the tablet (src/domain/receipt.ts: `JC0001-2026-A-0007`, slot A = 1). A slot is unique per station
 * and never handed out again, also after the device is revoked; enrollment assigns max(slot) + 1.
 * Devices enrolled before this migration get slots in enrollment order.
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table devices add column slot integer`.execute(db)
  await sql`update devices set slot = ranked.n
    from (select id, row_number() over (partition by station_id order by created_at, id) as n from devices) as ranked
    where devices.id = ranked.id`.execute(db)
  await sql`alter table devices alter column slot set not null`.execute(db)
  await sql`alter table devices add constraint devices_slot_positive check (slot >= 1)`.execute(db)
  await sql`alter table devices add constraint devices_station_slot_key unique (station_id, slot)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table devices drop column slot`.execute(db)
}
