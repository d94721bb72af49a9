/** GET /api/sync/pull (DESIGN §4): station-scoped pages in seq order, reference deltas by refRevision. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../src/server/app'
import { PIN_KDF_PARAMS } from '../../../src/domain/auth/pinKdf'
import { makePinVerifier } from '../../../src/server/auth/pinVerifier'
import { LEGACY_PIN_TEST_VECTOR, PIN_TEST_VECTOR } from '../../domain/support/pinVectors'
import { jsonb } from '../../../src/server/db'
import { appFor } from '../helpers/app'
import { testDatabases } from '../helpers/databases'
import type { TestDatabase } from '../helpers/databases'
import { addStation, bearer, consultation, enrollDevice, pullAll, pullOk, pushOk } from '../helpers/sync'

describe.each(testDatabases())('pull on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx)
  })
  afterAll(() => ctx.close())

  it('pages the station\'s events in seq order, the device\'s own included, with cursor and more', async () => {
    const station = await addStation(ctx.db)
    const a = await enrollDevice(app, ctx.db, station, '平板甲')
    const b = await enrollDevice(app, ctx.db, station, '平板乙')
    const fromA = Array.from({ length: 3 }, () => consultation(a))
    const fromB = Array.from({ length: 2 }, () => consultation(b))
    await pushOk(app, a, fromA)
    await pushOk(app, b, fromB)

    const first = await pullOk(app, b, { cursor: 0, limit: 2 })
    expect(first.events.map(e => e.id)).toEqual(fromA.slice(0, 2).map(e => e.id))
    expect(first.more).toBe(true)
    expect(first.cursor).toBe(first.events[1]?.seq)
    const rest = await pullOk(app, b, { cursor: first.cursor, limit: 10 })
    expect(rest.events.map(e => e.id)).toEqual([fromA[2], ...fromB].map(e => e?.id))
    expect(rest.more).toBe(false)
    const seqs = [...first.events, ...rest.events].map(e => e.seq ?? 0)
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y))

    // Nothing new: the cursor stays where it was.
    const idle = await pullOk(app, b, { cursor: rest.cursor })
    expect(idle).toMatchObject({ events: [], cursor: rest.cursor, more: false })
    expect(Date.parse(idle.serverTime)).not.toBeNaN()
  })

  it('returns each event as the device wrote it, plus seq and receivedAt', async () => {
    const device = await enrollDevice(app, ctx.db, await addStation(ctx.db))
    const sent = consultation(device, { occurredAt: '2026-03-02T10:00:00.123+08:00' })
    await pushOk(app, device, [sent])
    const [pulled] = (await pullOk(app, device)).events
    const { seq, receivedAt, ...asWritten } = pulled ?? {}
    expect(asWritten).toEqual(sent)
    expect(seq).toBeGreaterThan(0)
    expect(Date.parse(receivedAt ?? '')).not.toBeNaN()
  })

  it('never shows another station\'s events or staff', async () => {
    const stationA = await addStation(ctx.db)
    const stationB = await addStation(ctx.db)
    const a = await enrollDevice(app, ctx.db, stationA)
    const b = await enrollDevice(app, ctx.db, stationB)
    await ctx.db.insertInto('staff').values([
      { id: `${stationA}-s1`, station_id: stationA, name: '甲站员工', role: 'staff', assessment_passed: true, pin_verifier: jsonb(PIN_TEST_VECTOR.verifier) },
      { id: `${stationB}-s1`, station_id: stationB, name: '乙站员工', role: 'staff', assessment_passed: true, pin_verifier: jsonb(LEGACY_PIN_TEST_VECTOR.verifier) },
    ]).execute()
    await pushOk(app, a, [consultation(a), consultation(a)])
    await pushOk(app, b, [consultation(b)])

    const seenByB = await pullAll(app, b)
    expect(seenByB.every(e => e.stationId === stationB)).toBe(true)
    expect(seenByB).toHaveLength(1)
    const ref = (await pullOk(app, b)).reference
    expect(ref.staff.map(s => s.name)).toEqual(['乙站员工'])
    expect(ref.stations.map(s => s.id)).toEqual([stationB])
    expect(ref.stationItems.every(i => i.stationId === stationB)).toBe(true)
  })

  it('sends only reference rows changed after refRevision, with a revision to ask from next time', async () => {
    const station = await addStation(ctx.db)
    const device = await enrollDevice(app, ctx.db, station)
    await ctx.db.insertInto('staff').values({ id: `${station}-s1`, station_id: station, name: '王晓燕', role: 'lead', assessment_passed: true, assessment_date: '2026-11-02', pin_verifier: jsonb(await makePinVerifier('246810')) }).execute()

    const full = (await pullOk(app, device)).reference
    expect(full.stations).toHaveLength(1)
    expect(full.staff).toHaveLength(1)
    expect(full.staff[0]).toMatchObject({ name: '王晓燕', role: 'lead', assessmentPassed: true, assessmentDate: '2026-11-02', active: true, stationId: station })
    expect(full.staff[0]?.pinVerifier).toMatchObject({ alg: 'argon2id', params: PIN_KDF_PARAMS })
    expect(full.settings.map(s => s.key)).toContain('minAppVersion')
    for (const row of [...full.stations, ...full.staff, ...full.settings])
      expect(row.revision).toBeLessThanOrEqual(full.revision)

    const unchanged = (await pullOk(app, device, { refRevision: full.revision })).reference
    expect(unchanged).toEqual({ revision: full.revision, stations: [], staff: [], serviceItems: [], stationItems: [], settings: [], calendarYears: [] })

    // The office deactivates the staff member and changes a setting: exactly those rows come down.
    await ctx.db.updateTable('staff').set({ active: false }).where('id', '=', `${station}-s1`).execute()
    await ctx.db.updateTable('settings').set({ value: jsonb(10) }).where('key', '=', 'idleLockMinutes').execute()
    const delta = (await pullOk(app, device, { refRevision: full.revision })).reference
    expect(delta.revision).toBeGreaterThan(full.revision)
    expect(delta.staff).toEqual([expect.objectContaining({ id: `${station}-s1`, active: false })])
    expect(delta.settings).toEqual([expect.objectContaining({ key: 'idleLockMinutes', value: 10 })])
    expect(delta.stations).toEqual([])
    await ctx.db.updateTable('settings').set({ value: jsonb(5) }).where('key', '=', 'idleLockMinutes').execute()
  })

  it('answers 400 with field errors to a bad query', async () => {
    const device = await enrollDevice(app, ctx.db, await addStation(ctx.db))
    for (const [qs, path] of [['cursor=-1', 'cursor'], ['limit=2001', 'limit'], ['limit=0', 'limit'], ['cursor=abc', 'cursor'], ['refRevision=1.5', 'refRevision']] as const) {
      const res = await app.request(`/api/sync/pull?${qs}`, bearer(device.token))
      expect(res.status, qs).toBe(400)
      const body = await res.json() as { error: string, fields: { path: string }[] }
      expect(body.error).toBe('invalid-body')
      expect(body.fields.map(f => f.path)).toEqual([path])
    }
  })
})
