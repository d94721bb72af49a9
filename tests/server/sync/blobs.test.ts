/**
 * PUT/GET /api/blobs/:sha256 (DESIGN §4): content-addressed, per station, size-limited; only JPEG, PNG and
 * WebP, served as what they are and never rendered inline; a per-station quota (issue 10 item 4).
 */
import { createHash, randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../src/server/app'
import { jsonb } from '../../../src/server/db'
import { appFor } from '../helpers/app'
import { embeddedDatabase, testDatabases } from '../helpers/databases'
import type { TestDatabase } from '../helpers/databases'
import { addStation, bearer, enrollDevice } from '../helpers/sync'
import type { TestDevice } from '../helpers/sync'

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

const magic = {
  'image/png': Buffer.from([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
  'image/jpeg': Buffer.from([0xFF, 0xD8, 0xFF, 0xE0]),
  'image/webp': Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 ')]),
}
/** `size` bytes that start like an image of `type` (the server looks at the magic bytes only). */
function image(size: number, type: keyof typeof magic = 'image/png'): Buffer {
  return Buffer.concat([magic[type], randomBytes(size - magic[type].length)])
}

function put(app: App, device: TestDevice, hash: string, bytes: Uint8Array, contentType = 'image/png'): Promise<Response> {
  return Promise.resolve(app.request(`/api/blobs/${hash}`, { method: 'PUT', body: new Uint8Array(bytes), headers: { 'Authorization': `Bearer ${device.token}`, 'Content-Type': contentType } }))
}

/** Each database, plus PGlite on disk, where the bytes are files next to the data (sync/blobFiles.ts). */
const variants = [
  ...testDatabases().map(kind => ({ name: kind.name, open: () => kind.open() })),
  { name: 'pglite on disk (bytes as files)', open: () => embeddedDatabase().open({ onDisk: true }) },
]

describe.each(variants)('blobs on $name', (variant) => {
  let ctx: TestDatabase
  let app: App
  beforeAll(async () => {
    ctx = await variant.open()
    app = appFor(ctx)
  })
  afterAll(() => ctx.close())

  it('stores new bytes (201), recognises them again (200) and gives them back', async () => {
    const device = await enrollDevice(app, ctx.db, await addStation(ctx.db))
    const bytes = image(10_000)
    const hash = sha256(bytes)
    const first = await put(app, device, hash, bytes)
    expect(first.status).toBe(201)
    expect(await first.json()).toEqual({ sha256: hash, size: 10_000, contentType: 'image/png' })
    expect((await put(app, device, hash, bytes)).status).toBe(200)
    const got = await app.request(`/api/blobs/${hash}`, bearer(device.token))
    expect(got.status).toBe(200)
    expect(got.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true)
  })

  it('refuses bytes that do not hash to their name (400) and a malformed name', async () => {
    const device = await enrollDevice(app, ctx.db, await addStation(ctx.db))
    const bytes = image(100)
    const wrong = await put(app, device, sha256(randomBytes(100)), bytes)
    expect(wrong.status).toBe(400)
    expect(await wrong.json()).toMatchObject({ error: 'hash-mismatch', actual: sha256(bytes) })
    expect((await put(app, device, 'not-a-hash', bytes)).status).toBe(400)
  })

  it('answers 413 over 5 MB', async () => {
    const device = await enrollDevice(app, ctx.db, await addStation(ctx.db))
    const bytes = image(5 * 1024 * 1024 + 1)
    const res = await put(app, device, sha256(bytes), bytes)
    expect(res.status).toBe(413)
    const rows = await ctx.db.selectFrom('blobs').select('sha256').where('station_id', '=', device.stationId).execute()
    expect(rows).toHaveLength(0)
  })

  it('keeps each station\'s blobs to itself: another station gets 404, and uploading the same bytes does not reveal them', async () => {
    const a = await enrollDevice(app, ctx.db, await addStation(ctx.db))
    const b = await enrollDevice(app, ctx.db, await addStation(ctx.db))
    const a2 = await enrollDevice(app, ctx.db, a.stationId)
    const bytes = image(512, 'image/jpeg')
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

  it('serves each image type as itself, as an attachment, never sniffed, whatever was declared', async () => {
    const device = await enrollDevice(app, ctx.db, await addStation(ctx.db))
    for (const type of ['image/jpeg', 'image/png', 'image/webp'] as const) {
      const bytes = image(300, type)
      const hash = sha256(bytes)
      const res = await put(app, device, hash, bytes, 'text/html')
      expect(res.status).toBe(201)
      expect(await res.json()).toMatchObject({ contentType: type })
      const got = await app.request(`/api/blobs/${hash}`, bearer(device.token))
      expect(got.headers.get('content-type')).toBe(type)
      expect(got.headers.get('content-disposition')).toMatch(/^attachment; filename="[0-9a-f]{64}\.(jpg|png|webp)"$/)
      expect(got.headers.get('x-content-type-options')).toBe('nosniff')
    }
  })

  it('refuses anything that is not a JPEG, PNG or WebP image (415) and stores nothing', async () => {
    const device = await enrollDevice(app, ctx.db, await addStation(ctx.db))
    const samples = [
      Buffer.from('<html><script>alert(1)</script></html>'),
      Buffer.from('%PDF-1.7\n'),
      Buffer.from('GIF89a......'),
      Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WAVEfmt ')]),
      Buffer.alloc(0),
    ]
    for (const bytes of samples) {
      const res = await put(app, device, sha256(bytes), bytes, 'image/png')
      expect(res.status).toBe(415)
      expect(await res.json()).toMatchObject({ error: 'unsupported-blob-type', message: '附件只能是 JPEG、PNG 或 WebP 图片' })
    }
    const rows = await ctx.db.selectFrom('blobs').select('sha256').where('station_id', '=', device.stationId).execute()
    expect(rows).toEqual([])
  })

  it('serves a blob stored before types were checked as octet-stream, not as what was declared', async () => {
    const device = await enrollDevice(app, ctx.db, await addStation(ctx.db))
    const bytes = Buffer.from('<script>alert(1)</script>')
    const hash = sha256(bytes)
    await ctx.db.insertInto('blobs').values({ station_id: device.stationId, sha256: hash, bytes, size: bytes.byteLength, content_type: 'text/html', created_at: new Date() }).execute()
    const got = await app.request(`/api/blobs/${hash}`, bearer(device.token))
    expect(got.status).toBe(200)
    expect(got.headers.get('content-type')).toBe('application/octet-stream')
    expect(got.headers.get('content-disposition')).toMatch(/^attachment/)
  })

  it('answers 507 with a message once a station would pass its quota; other stations and known blobs are unaffected', async () => {
    const full = await enrollDevice(app, ctx.db, await addStation(ctx.db))
    const other = await enrollDevice(app, ctx.db, await addStation(ctx.db))
    const before = await ctx.db.selectFrom('settings').select('value').where('key', '=', 'blobQuotaBytesPerStation').executeTakeFirstOrThrow()
    expect(before.value).toBe(2 * 1024 * 1024 * 1024)
    await ctx.db.updateTable('settings').set({ value: jsonb(2500) }).where('key', '=', 'blobQuotaBytesPerStation').execute()
    try {
      const first = image(2000)
      expect((await put(app, full, sha256(first), first)).status).toBe(201)
      const second = image(600)
      const refused = await put(app, full, sha256(second), second)
      expect(refused.status).toBe(507)
      expect(await refused.json()).toMatchObject({ error: 'blob-quota-exceeded', quotaBytes: 2500, usedBytes: 2000, message: expect.stringContaining('本站附件存储已满') })
      expect((await app.request(`/api/blobs/${sha256(second)}`, bearer(full.token))).status).toBe(404)
      // The bytes it already holds are still "there" (200), and another station has its own quota.
      expect((await put(app, full, sha256(first), first)).status).toBe(200)
      expect((await put(app, other, sha256(second), second)).status).toBe(201)
      const small = image(400)
      expect((await put(app, full, sha256(small), small)).status).toBe(201)
    }
    finally {
      await ctx.db.updateTable('settings').set({ value: jsonb(before.value) }).where('key', '=', 'blobQuotaBytesPerStation').execute()
    }
  })

  it('keeps the bytes where the handle says: a file under blobDir with a metadata row, or in the row', async () => {
    const device = await enrollDevice(app, ctx.db, await addStation(ctx.db))
    const bytes = image(4096, 'image/webp')
    const hash = sha256(bytes)
    expect((await put(app, device, hash, bytes)).status).toBe(201)
    const row = await ctx.db.selectFrom('blobs').select(['bytes', 'size']).where('station_id', '=', device.stationId).where('sha256', '=', hash).executeTakeFirstOrThrow()
    expect(row.size).toBe(4096)
    if (ctx.blobDir) {
      expect(row.bytes).toBeNull()
      expect(readFileSync(join(ctx.blobDir, hash.slice(0, 2), hash)).equals(bytes)).toBe(true)
      expect(readdirSync(join(ctx.blobDir, hash.slice(0, 2))).filter(name => name.includes('.tmp-'))).toEqual([])
    }
    else {
      expect(Buffer.from(row.bytes ?? []).equals(bytes)).toBe(true)
    }
    const got = await app.request(`/api/blobs/${hash}`, bearer(device.token))
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true)
  })
})
