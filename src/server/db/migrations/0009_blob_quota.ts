/**
 * 0009 (issue 10 item 4): the per-station blob quota as a setting, `blobQuotaBytesPerStation`, default 2 GiB.
 * Every station may store that many bytes of attachments (the sum of its blobs' sizes); an upload past it is
 * answered 507. The office changes the value like any setting (a new revision); absent or not a positive
 * number, sync/blobs.ts falls back to the same default.
 *
 * Also `blobs.bytes` becomes nullable: with PGlite on disk the bytes are files next to the data
 * (sync/blobFiles.ts) and the row keeps only the metadata.
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'

/** Frozen: what this migration installs (sync/blobs.ts DEFAULT_BLOB_QUOTA_BYTES is the runtime fallback). */
const BLOB_QUOTA_BYTES = 2 * 1024 * 1024 * 1024

export async function up(db: Kysely<unknown>): Promise<void> {
  // cast via text: a jsonb-typed parameter would make postgres.js send the number as a JSON string.
  await sql`insert into settings (key, value) values ('blobQuotaBytesPerStation', cast(cast(${String(BLOB_QUOTA_BYTES)} as text) as jsonb)) on conflict (key) do nothing`.execute(db)
  await sql`alter table blobs alter column bytes drop not null`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from settings where key = 'blobQuotaBytesPerStation'`.execute(db)
  // Rows whose bytes are files cannot go back to NOT NULL; leave the column nullable then.
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from blobs where bytes is null`.execute(db)
  if ((rows[0]?.n ?? 0) === 0)
    await sql`alter table blobs alter column bytes set not null`.execute(db)
}
