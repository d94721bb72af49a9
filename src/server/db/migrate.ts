/**
 * Numbered migrations, applied in name order at start. A new migration is a new file
 * `migrations/NNNN_what.ts` plus one line in `migrations` below; applied ones are never edited.
 */
import { Migrator } from 'kysely/migration'
import type { Kysely } from 'kysely'
import type { Migration, MigrationProvider, MigrationResult } from 'kysely/migration'
import * as m0001 from './migrations/0001_events'
import * as m0002 from './migrations/0002_reference_and_devices'
import * as m0003 from './migrations/0003_event_occurred_at_text'
import * as m0004 from './migrations/0004_device_slot'
import * as m0005 from './migrations/0005_projection_metric_indexes'
import * as m0006 from './migrations/0006_office_sessions'
import * as m0008 from './migrations/0008_rate_limits'
import * as m0009 from './migrations/0009_blob_quota'
import * as m0010 from './migrations/0010_provisional_due_indexes'
import * as m0011 from './migrations/0011_station_applications'
import * as m0012 from './migrations/0012_staff_records_and_device_sync'
import * as m0014 from './migrations/0014_inspections'
import * as m0015 from './migrations/0015_public_rating_tokens'
import * as m0016 from './migrations/0016_consultation_provisional_due_index'
import * as m0017 from './migrations/0017_appointments'
import * as m0021 from './migrations/0021_rectifications'
import * as m0022 from './migrations/0022_appeals'
import * as m0024 from './migrations/0024_personal_retention'

export const migrations: Record<string, Migration> = {
  '0001_events': m0001,
  '0002_reference_and_devices': m0002,
  '0003_event_occurred_at_text': m0003,
  '0004_device_slot': m0004,
  '0005_projection_metric_indexes': m0005,
  '0006_office_sessions': m0006,
  '0008_rate_limits': m0008,
  '0009_blob_quota': m0009,
  '0010_provisional_due_indexes': m0010,
  '0011_station_applications': m0011,
  '0012_staff_records_and_device_sync': m0012,
  '0014_inspections': m0014,
  '0015_public_rating_tokens': m0015,
  '0016_consultation_provisional_due_index': m0016,
  '0017_appointments': m0017,
  '0021_rectifications': m0021,
  '0022_appeals': m0022,
  '0024_personal_retention': m0024,
}

/** Static provider: no filesystem globbing, so it works the same from tsx, vitest and a bundle. */
export const staticMigrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
}

export class MigrationError extends Error {
  override readonly name = 'MigrationError'
  constructor(readonly results: MigrationResult[], options?: ErrorOptions) {
    super('数据库迁移失败 (database migration failed)', options)
  }
}

/**
 * Brings the schema up to the latest migration; a no-op when it already is. Safe to run from
 * several processes at once on PostgreSQL (Kysely's migration lock).
 */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<MigrationResult[]> {
  // Each migration stands alone (its own tables, columns and indexes), and features land from branches
  // in any order: a database that already ran a later-numbered one still takes an earlier one it lacks.
  const migrator = new Migrator({ db, provider: staticMigrationProvider, allowUnorderedMigrations: true })
  const { error, results = [] } = await migrator.migrateToLatest()
  if (error)
    throw new MigrationError(results, { cause: error })
  return results
}
