/** The demo seed (issue 3 item 2): first start of an empty database only, idempotent, printable. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Kysely } from 'kysely'
import { verifyPin } from '../../../src/domain/auth/pinVerifier'
import type { Database } from '../../../src/server/db'
import { DEMO_STAFF, DEMO_STATION, formatDemoInfo, seedOnStart } from '../../../src/server/seed/demo'
import { appFor } from '../helpers/app'
import { testDatabases } from '../helpers/databases'
import type { TestDatabase } from '../helpers/databases'
import { addStation, json, pullOk } from '../helpers/sync'

async function counts(db: Kysely<Database>): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const table of ['stations', 'staff', 'service_items', 'station_items', 'office_accounts', 'calendar_years', 'settings'] as const) {
    const row = await db.selectFrom(table).select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    out[table] = Number(row.n)
  }
  return out
}

describe.each(testDatabases())('demo seed on %s', (kind) => {
  let ctx: TestDatabase
  let empty: TestDatabase
  beforeAll(async () => {
    ctx = await kind.open()
    empty = await kind.open()
  })
  afterAll(async () => {
    await ctx.close()
    await empty.close()
  })

  it('seeds an empty database once: a second start duplicates nothing and prints the same unused code', async () => {
    const first = await seedOnStart(ctx.db, { seedDemo: true })
    expect(first?.seededNow).toBe(true)
    const after = await counts(ctx.db)
    expect(after).toMatchObject({ stations: 1, staff: 2, service_items: 12, station_items: 12, office_accounts: 1 })
    expect(after.calendar_years).toBeGreaterThanOrEqual(2)

    const second = await seedOnStart(ctx.db, { seedDemo: true })
    expect(second?.seededNow).toBe(false)
    expect(await counts(ctx.db)).toEqual(after)
    expect(second?.enrollmentCode).toEqual(first?.enrollmentCode)
  })

  it('prints a code that enrolls a tablet, then mints a fresh one once it is used', async () => {
    const info = await seedOnStart(ctx.db, { seedDemo: true })
    expect(info).not.toBeNull()
    const app = appFor(ctx)
    const res = await app.request('/api/devices/enroll', json({ code: info?.enrollmentCode.code, deviceName: '演示平板' }))
    expect(res.status).toBe(200)
    const enrolled = await res.json() as { stationId: string, token: string, deviceId: string }
    expect(enrolled.stationId).toBe(DEMO_STATION.id)

    const next = await seedOnStart(ctx.db, { seedDemo: true })
    if (!next)
      throw new Error('the demo station exists: seedOnStart must return what to print')
    expect(next.enrollmentCode.code).not.toBe(info?.enrollmentCode.code)
    // Issue 10 item 5: the code and the PINs are printed on the first start only.
    expect(formatDemoInfo(info as NonNullable<typeof info>, 'http://localhost:8080')).not.toContain(info?.enrollmentCode.code ?? '?')
    const banner = formatDemoInfo(next, 'http://localhost:8080')
    expect(banner).not.toContain(next.enrollmentCode.code)
    for (const s of DEMO_STAFF) {
      expect(banner).not.toContain(s.pin)
      expect(banner).toContain(s.name)
    }
    expect(banner).toContain('/office')
    const first = formatDemoInfo({ ...next, seededNow: true, office: { username: 'office', password: 'pw-shown-once' } }, 'http://localhost:8080')
    expect(first).toContain(next.enrollmentCode.code)
    for (const s of DEMO_STAFF)
      expect(first).toContain(`PIN ${s.pin}`)
    expect(first).toContain('主管机构账号 Office login: office / pw-shown-once')

    // The tablet pulls the station, both staff (with verifiers that accept the printed PINs), the catalog and settings.
    const page = await pullOk(app, enrolled)
    expect(page.reference.stations).toHaveLength(1)
    expect(page.reference.stations[0]).toMatchObject({ id: DEMO_STATION.id, countyCode: '140502', hostType: 'bank', tier: 'basic', windows: 1 })
    expect(page.reference.staff.map(s => s.name).sort()).toEqual(DEMO_STAFF.map(s => s.name).sort())
    for (const s of DEMO_STAFF) {
      const pulled = page.reference.staff.find(p => p.id === s.id)
      expect(pulled?.assessmentPassed).toBe(true)
      expect(await verifyPin(s.pin, pulled?.pinVerifier)).toBe(true)
    }
    expect(page.reference.serviceItems).toHaveLength(12)
    expect(page.reference.stationItems.every(i => i.offered)).toBe(true)
    // Departments shown generically for a Shanxi station (data/README.md), the source kept aside.
    const idCard = page.reference.serviceItems.find(i => i.code === 'hukou-idcard-renew')
    expect(idCard).toMatchObject({ department: '公安机关' })
    expect(String(idCard?.sourceDepartment)).toMatch(/^公安机关\(/)
    expect(Object.fromEntries(page.reference.settings.map(s => [s.key, s.value]))).toMatchObject({ idleLockMinutes: 5, retentionDays: 90, badReviewRectifyWorkdays: 15, minAppVersion: '0.1.0' })
    expect(page.reference.calendarYears.find(y => y.year === 2026)?.workdays).toContain('2026-02-14')
  })

  it('does nothing when turned off, and never seeds a database that already holds data', async () => {
    expect(await seedOnStart(empty.db, { seedDemo: false })).toBeNull()
    expect(await counts(empty.db)).toMatchObject({ stations: 0, office_accounts: 0 })
    await addStation(empty.db, '真实站点')
    expect(await seedOnStart(empty.db, { seedDemo: true })).toBeNull()
    expect(await counts(empty.db)).toMatchObject({ stations: 1, staff: 0, office_accounts: 0 })
  })
})
