/**
 * 0011 (issue 8 item 2, 5.4.1): station lifecycle.
 *
 * - stations.host_type: the office API's five values ('bank', 'mall', 'post', 'office-building', 'other' —
 *   银行网点, 商场, 邮政网点, 楼宇, 其他). Older rows: 'office' → 'office-building'; 'telecom' and 'park'
 *   (电信网点, 园区 in 3.1) → 'other' (their kind is kept in host_unit's wording). A check constraint holds it.
 * - stations.functions: the station's functions as Annex B's 便民服务站原有功能 reads them.
 * - station_applications: Annex A (open), B (change) and C (close) applications with the annex's fields
 *   (`fields`, jsonb; for B also `before`), who drafted them (an office account or a station's tablet),
 *   when submitted, and the review (opinion, reviewer, civil date, decision).
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update stations set host_type = 'office-building' where host_type = 'office'`.execute(db)
  await sql`update stations set host_type = 'other' where host_type not in ('bank', 'mall', 'post', 'office-building', 'other')`.execute(db)
  await sql`alter table stations add constraint stations_host_type_check check (host_type in ('bank', 'mall', 'post', 'office-building', 'other'))`.execute(db)
  await sql`alter table stations add column functions text`.execute(db)
  await sql`create table station_applications (
    id text primary key,
    kind text not null check (kind in ('open', 'change', 'close')),
    station_id text not null references stations(id),
    status text not null check (status in ('draft', 'submitted', 'approved', 'rejected')),
    fields jsonb not null,
    before jsonb,
    drafted_by_type text not null check (drafted_by_type in ('office', 'device')),
    drafted_by text not null,
    drafted_by_staff text,
    source_event_id text unique,
    created_at timestamptz not null default now(),
    submitted_at timestamptz,
    decision text check (decision in ('approved', 'rejected')),
    review_opinion text,
    reviewer text,
    review_date text check (review_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    reviewed_at timestamptz,
    updated_at timestamptz not null default now(),
    check ((decision is null) = (status in ('draft', 'submitted')))
  )`.execute(db)
  await sql`create index station_applications_station_idx on station_applications (station_id, created_at)`.execute(db)
  await sql`create index station_applications_status_idx on station_applications (status, submitted_at)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists station_applications`.execute(db)
  await sql`alter table stations drop column if exists functions`.execute(db)
  await sql`alter table stations drop constraint if exists stations_host_type_check`.execute(db)
}
