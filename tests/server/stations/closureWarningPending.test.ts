/**
 * While an Annex C closing awaits review, the reviewer's dialog (GET /api/office/applications/:id) and the
 * station page (GET /api/office/stations/:id) tell the same thing: a tablet heard from since the closing
 * was submitted has no unsynced work to warn about; one not heard from since then is warned about.
 */
import type { App } from '../../../src/server/app'
import type { TestDatabase } from '../helpers/databases'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appFor } from '../helpers/app'
import { testDatabases } from '../helpers/databases'
import { signInOffice } from '../helpers/office'
import { addStation, enrollDevice, json, pullOk } from '../helpers/sync'

interface Devices {
  devices: { name: string, mayHaveUnsynced: boolean }[]
}

describe.each(testDatabases())('the closing warning while pending on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  let admin: string
  let clock = new Date('2026-03-05T01:00:00Z')

  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx, { now: () => clock })
    admin = (await signInOffice(app, ctx.db, { role: 'admin', divisionCode: '1401' })).cookie
  })
  afterAll(() => ctx.close())

  it('warns only about the tablet not heard from since the closing was submitted, on both pages', async () => {
    const stationId = await addStation(ctx.db)
    const synced = await enrollDevice(app, ctx.db, stationId, '一号平板')
    await enrollDevice(app, ctx.db, stationId, '二号平板')
    const fields = { applicantName: '王晓燕', contactPhone: '13800000000', countyCode: '140105', address: '山西省太原市小店区', reason: '网点撤并' }
    clock = new Date('2026-03-05T01:01:00Z')
    const created = await app.request('/api/office/applications', { ...json({ kind: 'close', stationId, fields, submit: true }), headers: { 'content-type': 'application/json', 'cookie': admin } })
    expect(created.status).toBe(201)
    const { id } = await created.json() as { id: string }

    // The first tablet syncs after the submission; the second does not.
    clock = new Date('2026-03-05T01:02:00Z')
    await pullOk(app, synced)
    clock = new Date('2026-03-05T01:03:00Z')

    const get = async (path: string): Promise<[string, boolean][]> => {
      const res = await app.request(path, { headers: { cookie: admin } })
      expect(res.status).toBe(200)
      return ((await res.json()) as Devices).devices.map(d => [d.name, d.mayHaveUnsynced])
    }
    const expected: [string, boolean][] = [['一号平板', false], ['二号平板', true]]
    expect(await get(`/api/office/stations/${stationId}`)).toEqual(expected)
    expect(await get(`/api/office/applications/${id}`)).toEqual(expected)
  })
})
