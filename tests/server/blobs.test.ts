/** PUT/GET /api/blobs/:sha256 (DESIGN §4): content-addressed, per station, size-limited. */
import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/app'
import { appFor } from './helpers/app'
import { testDatabases } from './helpers/databases'
import type { TestDatabase } from './helpers/databases'
import { addStation, bearer, enrollDevice } from './helpers/sync'
import type { TestDevice } from './helpers/sync'

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

function put(app: App, device: TestDevice, hash: string, bytes: Uint8Array, contentType = 'image/png'): Promise<Response> {
  return Promise.resolve(app.request(`/api/blobs/${hash}`, { method: 'PUT', body: new Uint8Array(bytes), headers: { 'Authorization': `Bearer ${device.token}`, 'Content-Type': contentType } }))
}

describe.each(testDatabases())('blobs on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx)
  })
  afterAll(() => ctx.close())

  it('stores new bytes (201), recognises them again (200) and gives them back', async () => {
    const device = await enrollDevice(app, ctx.db, await addStation(ctx.db))
    const bytes = randomBytes(10_000)
    const hash = sha256(bytes)
    const first = await put(app, device, hash, bytes)
    expect(first.status).toBe(201)
    expect(await first.json()).toEqual({ sha256: hash, size: 10_000 })
    expect((await put(app, device, hash, bytes)).status).toBe(200)
    const got = await app.request(`/api/blobs/${hash}`, bearer(device.token))
    expect(got.status).toBe(200)
    expect(got.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true)
  })

  it('refuses bytes that do not hash to their name (400) and a malformed name', async () => {
    const device = await enrollDevice(app, ctx.db, await addStation(ctx.db))
    const bytes = randomBytes(100)
    const wrong = await put(app, device, sha256(randomBytes(100)), bytes)
    expect(wrong.status).toBe(400)
    expect(await wrong.json()).toMatchObject({ error: 'hash-mismatch', actual: sha256(bytes) })
    expect((await put(app, device, 'not-a-hash', bytes)).status).toBe(400)
  })

  it('answers 413 over 5 MB', async () => {
    const device = await enrollDevice(app, ctx.db, await addStation(ctx.db))
    const bytes = randomBytes(5 * 1024 * 1024 + 1)
    const res = await put(app, device, sha256(bytes), bytes)
    expect(res.status).toBe(413)
    const rows = await ctx.db.selectFrom('blobs').select('sha256').where('station_id', '=', device.stationId).execute()
    expect(rows).toHaveLength(0)
  })

  it('keeps each station\'s blobs to itself: another station gets 404, and uploading the same bytes does not reveal them', async () => {
    const a = await enrollDevice(app, ctx.db, await addStation(ctx.db))
    const b = await enrollDevice(app, ctx.db, await addStation(ctx.db))
    const a2 = await enrollDevice(app, ctx.db, a.stationId)
    const bytes = randomBytes(512)
    const hash = sha256(bytes)
    expect((await put(app, a, hash, bytes)).status).toBe(201)

    const stranger = await app.request(`/api/blobs/${hash}`, bearer(b.token))
    expect(stranger.status).toBe(404)
    const missing = await app.request(`/api/blobs/${sha256(randomBytes(8))}`, bearer(b.token))
    expect(await stranger.json()).toEqual(await missing.json())
    // B uploading the same bytes is "new" for B: nothing tells B that A has them.
    expect((await put(app, b, hash, bytes)).status).toBe(201)
    // Another tablet of A's station reads A's blob.
    expect((await app.request(`/api/blobs/${hash}`, bearer(a2.token))).status).toBe(200)
  })
})
