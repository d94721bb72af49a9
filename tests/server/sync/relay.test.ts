/**
 * Relay push (addition to DESIGN §4, issue 3 item 7): a tablet pushes another tablet's unsent events from
 * an imported export file. The default push keeps the contract's rule (the event's device is the token's);
 * with `relay: true` the event may name any device ever enrolled at the token's station, revoked included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../src/server/app'
import { revokeDevice } from '../../../src/server/auth/devices'
import { appFor } from '../helpers/app'
import { testDatabases } from '../helpers/databases'
import type { TestDatabase } from '../helpers/databases'
import { addStation, consultation, countEvents, enrollDevice, json, pullAll, pushOk } from '../helpers/sync'
import type { TestDevice } from '../helpers/sync'

describe.each(testDatabases())('relay push on %s', (kind) => {
  let ctx: TestDatabase
  let app: App

  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx)
  })
  afterAll(() => ctx.close())

  /** Two tablets of one station: A recorded, B relays. */
  async function pair(): Promise<{ a: TestDevice, b: TestDevice }> {
    const station = await addStation(ctx.db)
    return { a: await enrollDevice(app, ctx.db, station, '平板甲'), b: await enrollDevice(app, ctx.db, station, '平板乙') }
  }

  it('keeps the default: another device of the same station in a plain push is rejected as scope', async () => {
    const { a, b } = await pair()
    const fromA = consultation(a)
    for (const extra of [{}, { relay: false }]) {
      const answer = await pushOk(app, b, [fromA], extra)
      expect(answer.results).toEqual([{ id: fromA.id, status: 'rejected', reason: 'scope' }])
    }
    expect(await countEvents(ctx.db, a.stationId)).toBe(0)
  })

  it('applies another device of the same station in a relay push, keeping its deviceId, and answers duplicate after', async () => {
    const { a, b } = await pair()
    const batch = [consultation(a), consultation(b), consultation(a)]
    const first = await pushOk(app, b, batch, { relay: true })
    expect(first.results).toEqual(batch.map(e => ({ id: e.id, status: 'applied' })))
    const again = await pushOk(app, b, batch, { relay: true })
    expect(again.results).toEqual(batch.map(e => ({ id: e.id, status: 'duplicate' })))
    // The tablet that recorded them comes back and pushes its own copies the plain way: duplicates.
    const late = await pushOk(app, a, [batch[0], batch[2]])
    expect(late.results.map(r => r.status)).toEqual(['duplicate', 'duplicate'])
    expect(await countEvents(ctx.db, a.stationId)).toBe(3)

    const pulled = await pullAll(app, b)
    expect(pulled.map(e => [e.id, e.deviceId])).toEqual(batch.map(e => [e.id, e.deviceId]))
  })

  it('relays the events of a revoked device of the station (a dead tablet)', async () => {
    const { a, b } = await pair()
    await revokeDevice(ctx.db, a.deviceId)
    const fromA = consultation(a)
    const answer = await pushOk(app, b, [fromA], { relay: true })
    expect(answer.results).toEqual([{ id: fromA.id, status: 'applied' }])
  })

  it('rejects as scope in a relay push: a device of another station, an unknown device, another station', async () => {
    const { a, b } = await pair()
    const elsewhere = await enrollDevice(app, ctx.db, await addStation(ctx.db))
    const ofOtherStation = consultation(elsewhere)
    const ofOtherDeviceHere = consultation(a, { deviceId: elsewhere.deviceId })
    const unknown = consultation(a, { deviceId: 'no-such-device' })
    const otherStationNamed = consultation(a, { stationId: elsewhere.stationId })
    const good = consultation(a)
    const answer = await pushOk(app, b, [ofOtherStation, ofOtherDeviceHere, unknown, otherStationNamed, good], { relay: true })
    expect(answer.results.map(r => [r.status, r.reason])).toEqual([
      ['rejected', 'scope'],
      ['rejected', 'scope'],
      ['rejected', 'scope'],
      ['rejected', 'scope'],
      ['applied', undefined],
    ])
    expect(await countEvents(ctx.db, elsewhere.stationId)).toBe(0)
    expect(await countEvents(ctx.db, a.stationId)).toBe(1)
  })

  it('answers 400 to a relay that is not a boolean', async () => {
    const { b } = await pair()
    for (const relay of ['true', 1, null]) {
      const res = await app.request('/api/sync/push', json({ protocol: 1, appVersion: '0.1.0', events: [], relay }, b.token))
      expect(res.status, JSON.stringify(relay)).toBe(400)
      const body = await res.json() as { error: string, fields: { path: string }[] }
      expect(body.error).toBe('invalid-body')
      expect(body.fields.map(f => f.path)).toEqual(['relay'])
    }
  })
})
