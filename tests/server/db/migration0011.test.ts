/**
 * Migration 0011: stations of the older host types keep working — 'office' becomes 'office-building',
 * 'telecom' and 'park' become 'other' — and from then on only the office API's five values are stored.
 */
import type { TestDatabase } from '../helpers/databases'
import { Migrator } from 'kysely/migration'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonb, migrateToLatest } from '../../../src/server/db'
import { staticMigrationProvider } from '../../../src/server/db/migrate'
import { testDatabases } from '../helpers/databases'

describe.each(testDatabases())('migration 0011 on %s', (kind) => {
  let ctx: TestDatabase

  beforeAll(async () => {
    ctx = await kind.open({ migrate: false })
  })
  afterAll(() => ctx.close())

  it('maps the older host types and then refuses anything but the five', async () => {
    const migrator = new Migrator({ db: ctx.db, provider: staticMigrationProvider })
    const { error } = await migrator.migrateTo('0006_office_sessions')
    expect(error).toBeUndefined()
    const old = ['bank', 'office', 'telecom', 'park', 'mall']
    for (const [i, hostType] of old.entries()) {
      await ctx.db.insertInto('stations').values({
        id: `old-${i}`,
        code: `OLD${i}`,
        name: `旧站 ${i}`,
        host_type: hostType as never,
        host_unit: '某单位',
        address: '某地',
        county_code: '140502',
        opening_hours: jsonb([]),
        tier: 'basic',
        latitude: null,
        longitude: null,
        contact_phone: null,
        state: 'open',
      } as never).execute()
    }
    await migrateToLatest(ctx.db)
    const rows = await ctx.db.selectFrom('stations').select(['id', 'host_type', 'functions']).orderBy('id').execute()
    expect(rows.map(r => r.host_type)).toEqual(['bank', 'office-building', 'other', 'other', 'mall'])
    expect(rows.every(r => r.functions === null)).toBe(true)
    await expect(ctx.db.updateTable('stations').set({ host_type: 'telecom' as never }).where('id', '=', 'old-0').execute()).rejects.toThrow()
  })
})
