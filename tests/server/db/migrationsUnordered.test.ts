/**
 * Features land from branches in any order (migrate.ts allowUnorderedMigrations): a database that already ran
 * later-numbered migrations still takes an earlier-numbered one it lacks, and nothing runs twice.
 */
import { Migrator } from 'kysely/migration'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateToLatest, migrations } from '../../../src/server/db'
import type { TestDatabase } from '../helpers/databases'
import { testDatabases } from '../helpers/databases'

describe.each(testDatabases())('unordered migrations on %s', (kind) => {
  let ctx: TestDatabase
  beforeAll(async () => {
    ctx = await kind.open({ migrate: false })
  })
  afterAll(() => ctx.close())

  it('applies a missing earlier migration after later ones ran', async () => {
    const names = Object.keys(migrations).sort()
    const skipped = names.find(n => n.startsWith('0008_'))
    expect(skipped, 'a migration to hold back').toBeDefined()
    // As a branch without 0008 would have migrated it.
    const without = Object.fromEntries(Object.entries(migrations).filter(([name]) => name !== skipped))
    const early = new Migrator({ db: ctx.db, provider: { getMigrations: async () => without } })
    const first = await early.migrateToLatest()
    expect(first.error).toBeUndefined()
    const later = await migrateToLatest(ctx.db)
    expect(later.map(r => [r.migrationName, r.status])).toEqual([[skipped, 'Success']])
    expect(await migrateToLatest(ctx.db)).toEqual([])
  })
})
