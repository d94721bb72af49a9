/**
 * 0015 (issue 9 item 3): the citizen's phone page finds a QR rating token by the SHA-256 the tablet recorded
 * in `rating.tokenMinted` — an index on that payload field of those events only, so a lookup never scans.
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index events_rating_token_idx on events ((payload->>'tokenSha256')) where type = 'rating.tokenMinted'`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists events_rating_token_idx`.execute(db)
}
