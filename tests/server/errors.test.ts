import { Writable } from 'node:stream'
import { gzipSync } from 'node:zlib'
import { HTTPException } from 'hono/http-exception'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { App } from '../../src/server/app'
import { ApiError } from '../../src/server/errors'
import { createLogger } from '../../src/server/logger'
import { DEFAULT_JSON_LIMIT, validateBody } from '../../src/server/validate'
import type { TestDatabase } from './helpers/databases'
import { embeddedDatabase } from './helpers/databases'
import { appFor } from './helpers/app'

/** A sample of what real routes will validate: nested objects, arrays, Chinese text. */
const sampleSchema = z.object({
  deviceName: z.string().min(1).max(40),
  count: z.number().int().min(1),
  items: z.array(z.object({ code: z.string().regex(/^\d{4}$/) })).max(3),
}).strict()

const json = { 'content-type': 'application/json' }

function bigBody(bytes: number): string {
  return JSON.stringify({ deviceName: 'x'.repeat(bytes), count: 1, items: [] })
}

/** A request body streamed in chunks with no Content-Length, as a chunked upload arrives. */
function chunked(text: string, chunkSize = 64 * 1024): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text)
  let offset = 0
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length)
        return controller.close()
      controller.enqueue(bytes.subarray(offset, offset + chunkSize))
      offset += chunkSize
    },
  })
}

describe('JSON errors and body validation', () => {
  let ctx: TestDatabase
  let app: App
  const logged: Record<string, unknown>[] = []

  beforeAll(async () => {
    ctx = await embeddedDatabase().open({ migrate: false })
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(JSON.parse(chunk.toString()) as Record<string, unknown>)
        done()
      },
    })
    app = appFor(ctx, { logger: createLogger({ level: 'error', destination }) })
    // Routes that exist only in this test, registered the way product routes use the helpers.
    app.post('/api/test/sample', validateBody(sampleSchema), (c) => {
      const body = c.req.valid('json')
      return c.json({ received: body.deviceName.length, count: body.count })
    })
    app.post('/api/test/small', validateBody(z.object({ note: z.string() }), { maxBytes: 1000 }), c => c.json({ ok: true }))
    app.get('/api/test/crash', () => {
      throw new Error('secret detail: password=hunter2 at /work/main/src/server/x.ts:12')
    })
    app.get('/api/test/refuse', () => {
      throw new ApiError(409, 'conflict-demo', '示例冲突', { hint: 'x' })
    })
    app.get('/api/test/hono-exception', () => {
      throw new HTTPException(401, { message: 'Unauthorized internals' })
    })
  })
  afterAll(() => ctx.close())

  it('passes a valid body to the route, parsed and typed', async () => {
    const res = await app.request('/api/test/sample', { method: 'POST', headers: json, body: JSON.stringify({ deviceName: '柜台平板一号', count: 2, items: [{ code: '0101' }] }) })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ received: 6, count: 2 })
  })

  it('answers 400 invalid-body with one entry per bad field, in Chinese', async () => {
    const res = await app.request('/api/test/sample', { method: 'POST', headers: json, body: JSON.stringify({ deviceName: '', count: 1.5, items: [{ code: '1' }], extra: true }) })
    expect(res.status).toBe(400)
    const body = await res.json() as { error: string, message: string, fields: { path: string, message: string }[] }
    expect(body.error).toBe('invalid-body')
    expect(body.message).toBe('请求内容不正确')
    expect(body.fields.map(f => f.path).sort()).toEqual(['', 'count', 'deviceName', 'items.0.code'])
    for (const field of body.fields)
      expect(field.message).toMatch(/[\u4E00-\u9FFF]/)
  })

  it('answers 400 for a missing body or one that is not an object', async () => {
    const missing = await app.request('/api/test/sample', { method: 'POST', headers: json })
    expect(missing.status).toBe(400)
    const array = await app.request('/api/test/sample', { method: 'POST', headers: json, body: '[]' })
    expect(array.status).toBe(400)
    expect(await array.json()).toMatchObject({ error: 'invalid-body', fields: [{ path: '' }] })
  })

  it('answers 400 for malformed JSON', async () => {
    const res = await app.request('/api/test/sample', { method: 'POST', headers: json, body: '{"deviceName": "平板",' })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ error: 'invalid-body', message: '请求内容不是有效的 JSON', fields: [{ path: '', message: '请求内容不是有效的 JSON' }] })
  })

  it('answers 415 for a body that is not JSON', async () => {
    const res = await app.request('/api/test/sample', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' })
    expect(res.status).toBe(415)
    expect(await res.json()).toMatchObject({ error: 'unsupported-media-type' })
  })

  it('answers 413 for a 2.5 MB body sent with Content-Length', async () => {
    const body = bigBody(2.5 * 1024 * 1024)
    const res = await app.request('/api/test/sample', { method: 'POST', headers: { ...json, 'content-length': String(Buffer.byteLength(body)) }, body })
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ error: 'payload-too-large', limit: DEFAULT_JSON_LIMIT })
  })

  it('answers 413 for a 2.5 MB body streamed without Content-Length (chunked)', async () => {
    const res = await app.request('/api/test/sample', { method: 'POST', headers: json, body: chunked(bigBody(2.5 * 1024 * 1024)), duplex: 'half' } as RequestInit)
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ error: 'payload-too-large' })
  })

  it('reads a body just under the limit, streamed, through to validation', async () => {
    const body = bigBody(DEFAULT_JSON_LIMIT - 200)
    const res = await app.request('/api/test/sample', { method: 'POST', headers: json, body: chunked(body), duplex: 'half' } as RequestInit)
    // Not 413: the whole body was read and parsed; the schema then refuses the over-long name.
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ fields: [{ path: 'deviceName' }] })
  })

  it('applies a per-route limit', async () => {
    const res = await app.request('/api/test/small', { method: 'POST', headers: json, body: JSON.stringify({ note: '备'.repeat(400) }) })
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ limit: 1000, message: '请求内容过大（上限 1000 B）' })
  })

  it('accepts gzip bodies and limits what they inflate to', async () => {
    const ok = await app.request('/api/test/sample', { method: 'POST', headers: { ...json, 'content-encoding': 'gzip' }, body: gzipSync(JSON.stringify({ deviceName: '平板', count: 1, items: [] })) })
    expect(ok.status).toBe(200)
    // ~3 MB of spaces compresses to a few KB: the limit applies to the inflated size.
    const bomb = gzipSync(`{"deviceName":"x","count":1,"items":[]${' '.repeat(3 * 1024 * 1024)}}`)
    expect(bomb.length).toBeLessThan(DEFAULT_JSON_LIMIT)
    const res = await app.request('/api/test/sample', { method: 'POST', headers: { ...json, 'content-encoding': 'gzip' }, body: bomb })
    expect(res.status).toBe(413)
    const corrupt = await app.request('/api/test/sample', { method: 'POST', headers: { ...json, 'content-encoding': 'gzip' }, body: 'not gzip' })
    expect(corrupt.status).toBe(400)
  })

  it('answers unknown API routes and methods with 404 JSON', async () => {
    for (const [method, path] of [['GET', '/api/nope'], ['POST', '/api/health'], ['DELETE', '/api/test/sample']] as const) {
      const res = await app.request(path, { method })
      expect(res.status, `${method} ${path}`).toBe(404)
      expect(await res.json()).toEqual({ error: 'not-found', message: '找不到请求的地址' })
    }
  })

  it('answers 500 internal without the error text or a stack trace, and logs it', async () => {
    const res = await app.request('/api/test/crash')
    expect(res.status).toBe(500)
    const text = await res.text()
    expect(JSON.parse(text)).toEqual({ error: 'internal', message: '服务器内部错误，请稍后重试' })
    expect(text).not.toMatch(/secret|hunter2|\.ts|at /)
    const entry = logged.find(l => l.msg === 'unhandled error')
    expect(entry).toBeDefined()
    expect(JSON.stringify(entry)).toContain('secret detail')
    expect(entry).toMatchObject({ path: '/api/test/crash', method: 'GET' })
  })

  it('answers an ApiError with its status, code and extras', async () => {
    const res = await app.request('/api/test/refuse')
    expect(res.status).toBe(409)
    expect(await res.json()).toEqual({ error: 'conflict-demo', message: '示例冲突', hint: 'x' })
  })

  it('answers Hono exceptions as JSON without their internal text', async () => {
    const res = await app.request('/api/test/hono-exception')
    expect(res.status).toBe(401)
    const body = await res.json() as { error: string, message: string }
    expect(body.error).toBe('unauthorized')
    expect(body.message).not.toContain('internals')
  })
})
