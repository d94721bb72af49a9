/**
 * Issue 10: property-based fuzz (fast-check) of every body and query a client can send — push, pull,
 * enroll, blob PUT and the office queries — with NUL, lone surrogates, extreme dates, deep nesting and
 * huge numbers. Properties: never a 5xx; a batch with one bad event applies the others; a refused request
 * leaves the database unchanged (a checksum of events, projections, devices, codes and blobs).
 * Runs are bounded (numRuns) so the file stays well under a minute per database on a loaded machine.
 */
import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { DomainEvent } from '../../src/domain/events'
import type { App } from '../../src/server/app'
import { mintEnrollmentCode } from '../../src/server/auth/devices'
import { sha256Hex } from '../../src/server/sync/blobs'
import { appFor } from './helpers/app'
import { testDatabases } from './helpers/databases'
import { signInOffice } from './helpers/office'
import type { TestDatabase } from './helpers/databases'
import { addStation, APP_VERSION, bearer, consultation, enrollDevice, json } from './helpers/sync'
import type { TestDevice } from './helpers/sync'

vi.setConfig({ testTimeout: 60_000 })

let office: { cookie: string } = { cookie: '' }

/** Strings that broke the server once, and the odd ones around them. */
const nastyText = fc.oneof(
  fc.constantFrom('\u0000', 'a\u0000b', '\udfff', '\ud83d', '\udc36\ud83d', '🐶', '', ' ', 'x'.repeat(65), '%00', '\\u0000', '０', '\u202e', 'null'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.tuple(fc.string({ maxLength: 6 }), fc.constantFrom('\u0000', '\udfff', '\ud800')).map(([s, bad]) => `${s}${bad}${s}`),
)

const nastyDate = fc.oneof(
  fc.constantFrom('0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '1999-12-31T23:59:59Z', '2200-01-01T00:00:00Z', '2026-03-02T10:00:00+23:59', '2026-03-02T10:00:00-16:00', '2026-02-30T10:00:00Z', '+275760-09-13T00:00:00Z', '2026-03-02', ''),
  fc.date({ min: new Date(-8e15), max: new Date(8e15), noInvalidDate: true }).map(d => d.toISOString()),
)

const nastyNumber = fc.oneof(
  fc.constantFrom(1e308, -1e308, 2 ** 53, 2 ** 31, -(2 ** 31) - 1, -0, 5e-324, 0.1, 99, 100),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
)

/** Marks a place for nesting `depth` arrays deep, written into the body text (JSON.stringify itself overflows). */
const DEEP = '__deep__'
const deepMarker = fc.integer({ min: 33, max: 9000 }).map(depth => ({ [DEEP]: depth }))

const anyValue: fc.Arbitrary<unknown> = fc.oneof(nastyText, nastyNumber, fc.jsonValue({ maxDepth: 3 }), deepMarker, fc.constant(null), fc.boolean())

/** A body as text: deep markers replaced by that many nested arrays; numbers JSON.stringify cannot write as given (1e400) too. */
function bodyText(value: unknown): string {
  return JSON.stringify(value).replace(/\{"__deep__":(\d+)\}/g, (_, n: string) => `${'['.repeat(Number(n))}1${']'.repeat(Number(n))}`)
}

/** One event of a batch: a valid one, or one with a field made nasty. `bad` mutations are always invalid. */
type Mutation = (e: DomainEvent) => Record<string, unknown>
const badMutation: fc.Arbitrary<Mutation> = fc.oneof(
  nastyText.map(s => (e: DomainEvent) => ({ ...e, staffId: `s${s}\u0000` })),
  fc.constantFrom('\u0000', '\udfff', 'a\ud800b').map(s => (e: DomainEvent) => ({ ...e, payload: { ...(e.payload as object), question: `问${s}` } })),
  fc.constantFrom('0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-03-02T10:00:00+23:59', '1970-01-01T00:00:00Z').map(at => (e: DomainEvent) => ({ ...e, occurredAt: at })),
  deepMarker.map(deep => (e: DomainEvent) => ({ ...e, payload: { ...(e.payload as object), question: deep } })),
  fc.constant((e: DomainEvent) => ({ ...e, id: e.id.toUpperCase() })),
  nastyNumber.filter(n => !Number.isInteger(n) || n < 1 || n > 1).map(v => (e: DomainEvent) => ({ ...e, v })),
  fc.constantFrom('\u0000', '\udfff').map(k => (e: DomainEvent) => ({ ...e, payload: { ...(e.payload as object), [`k${k}`]: 1 } })),
)
const anyMutation: fc.Arbitrary<Mutation> = fc.oneof(
  badMutation,
  fc.tuple(fc.constantFrom('staffId', 'stream', 'type', 'v', 'payload', 'occurredAt', 'deviceId', 'extra'), anyValue).map(([key, value]) => (e: DomainEvent) => ({ ...e, [key]: value })),
  fc.tuple(fc.constantFrom('question', 'answer', 'channel', 'contact'), anyValue).map(([key, value]) => (e: DomainEvent) => ({ ...e, payload: { ...(e.payload as object), [key]: value } })),
)

/** A query-string value as sent on the wire: percent-encoded, or raw bytes no decoder likes. */
const queryValue = fc.oneof(
  fc.constantFrom('%00', '%ED%BF%BF', '%ED%A0%80', '%', '%zz', '9999-12-31', '0000-01-01', '2026-03-01', '2199-12-31', '1e400', '-1', '9007199254740993', 'NaN', ''),
  nastyText.map(s => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '\uFFFD'))),
  nastyNumber.map(String),
  nastyDate.map(d => d.slice(0, 10)),
)

interface Snapshot { [table: string]: string }

describe.each(testDatabases())('fuzz on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  let device: TestDevice

  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx)
    office = (await signInOffice(app, ctx.db, { role: 'admin' })).headers
    device = await enrollDevice(app, ctx.db, await addStation(ctx.db))
  })
  afterAll(() => ctx.close())

  /** What a refused request must not change (device last-seen stamps aside). */
  async function snapshot(): Promise<Snapshot> {
    const { rows } = await sql<Snapshot>`select
      (select count(*)::text || md5(coalesce(string_agg(id::text || ':' || content_key, ',' order by seq), '')) from events) as events,
      (select count(*)::text || md5(coalesce(string_agg(id || ':' || last_seq::text, ',' order by id), '')) from consultation_projections) as consultations,
      (select count(*)::text || md5(coalesce(string_agg(id || ':' || last_seq::text, ',' order by id), '')) from case_projections) as cases,
      (select count(*)::text || md5(coalesce(string_agg(id || ':' || name || ':' || coalesce(revoked_at::text, '-'), ',' order by id), '')) from devices) as devices,
      (select count(*)::text || md5(coalesce(string_agg(code_hash || ':' || coalesce(used_at::text, '-'), ',' order by code_hash), '')) from enrollment_codes) as codes,
      (select count(*)::text || md5(coalesce(string_agg(station_id || ':' || sha256, ',' order by station_id, sha256), '')) from blobs) as blobs`.execute(ctx.db)
    return rows[0] as Snapshot
  }

  async function storedIds(ids: readonly string[]): Promise<Set<string>> {
    const canonical = ids.filter(id => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id))
    if (canonical.length === 0)
      return new Set()
    const rows = await ctx.db.selectFrom('events').select('id').where('id', 'in', canonical).execute()
    return new Set(rows.map(r => r.id))
  }

  function post(path: string, text: string, token?: string): Promise<Response> {
    return Promise.resolve(app.request(path, json(text, token)))
  }

  it('push: any batch answers below 500; applied events are stored, the rest are not, valid ones are always applied', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.option(anyMutation, { nil: null }), { minLength: 1, maxLength: 5 }),
      fc.option(fc.record({ protocol: anyValue, appVersion: anyValue, sentAt: nastyDate, relay: anyValue }, { requiredKeys: [] }), { nil: null }),
      async (mutations, envelope) => {
        const events = mutations.map(m => (m ? m(consultation(device)) : consultation(device)))
        const before = await snapshot()
        const res = await post('/api/sync/push', bodyText({ protocol: 1, appVersion: APP_VERSION, events, ...envelope }), device.token)
        expect(res.status).toBeLessThan(500)
        if (res.status !== 200) {
          expect(await snapshot()).toEqual(before)
          return
        }
        const { results } = await res.json() as { results: { id: string, status: string }[] }
        const stored = await storedIds(events.map(e => String(e.id)))
        results.forEach((r, i) => {
          expect(stored.has(r.id)).toBe(r.status === 'applied')
          if (mutations[i] === null && envelope?.relay !== true)
            expect(r.status).toBe('applied')
        })
        if (results.every(r => r.status !== 'applied'))
          expect((await snapshot()).events).toBe(before.events)
      },
    ), { numRuns: 40 })
  })

  it('push: a batch with one bad event applies all the others', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), badMutation, async (nBefore, nAfter, bad) => {
      const good = Array.from({ length: nBefore + nAfter }, () => consultation(device))
      const poison = bad(consultation(device))
      const batch = [...good.slice(0, nBefore), poison, ...good.slice(nBefore)]
      const res = await post('/api/sync/push', bodyText({ protocol: 1, appVersion: APP_VERSION, events: batch }), device.token)
      expect(res.status).toBe(200)
      const { results } = await res.json() as { results: { id: string, status: string, reason?: string }[] }
      expect(results.map(r => r.status)).toEqual(batch.map(e => (e === poison ? 'rejected' : 'applied')))
      expect(results[nBefore]?.reason).toMatch(/^invalid: /)
      expect([...await storedIds(good.map(e => e.id))].sort()).toEqual(good.map(e => e.id).sort())
    }), { numRuns: 30 })
  })

  it('pull: any query answers below 500 and changes nothing', async () => {
    const before = await snapshot()
    await fc.assert(fc.asyncProperty(fc.dictionary(fc.constantFrom('cursor', 'limit', 'refRevision', 'x'), queryValue, { maxKeys: 3 }), async (query) => {
      const qs = Object.entries(query).map(([k, v]) => `${k}=${v}`).join('&')
      const res = await app.request(`/api/sync/pull?${qs}`, bearer(device.token))
      expect(res.status).toBeLessThan(500)
      await res.arrayBuffer()
    }), { numRuns: 30 })
    expect(await snapshot()).toEqual(before)
  })

  it('enroll: any body answers below 500; a refused one uses no code and adds no device', async () => {
    await fc.assert(fc.asyncProperty(fc.boolean(), fc.oneof({ weight: 3, arbitrary: nastyText }, { weight: 1, arbitrary: anyValue }), fc.option(anyValue, { nil: undefined }), async (realCode, deviceName, code) => {
      const minted = realCode ? (await mintEnrollmentCode(ctx.db, device.stationId)).code : code
      const before = await snapshot()
      const res = await post('/api/devices/enroll', bodyText({ code: minted, deviceName }))
      expect(res.status).toBeLessThan(500)
      if (res.status !== 200)
        expect(await snapshot()).toEqual(before)
    }), { numRuns: 30 })
  })

  it('blob PUT: any name, type and bytes answer below 500; a refused upload stores nothing', async () => {
    await fc.assert(fc.asyncProperty(
      fc.uint8Array({ maxLength: 64 }),
      fc.oneof(fc.constant('match'), queryValue),
      fc.oneof(fc.constantFrom('image/png', 'text/html', 'application/octet-stream', '', 'a/b;c', 'x'.repeat(300)), fc.string({ unit: 'grapheme-ascii', maxLength: 20 }).filter(t => /^[\x20-\x7E]*$/.test(t))),
      async (bytes, name, contentType) => {
        const sha = name === 'match' ? sha256Hex(bytes) : name
        const before = await snapshot()
        const res = await app.request(`/api/blobs/${sha}`, { method: 'PUT', headers: { 'Authorization': `Bearer ${device.token}`, 'Content-Type': contentType }, body: bytes })
        expect(res.status).toBeLessThan(500)
        if (res.status >= 300)
          expect(await snapshot()).toEqual(before)
      },
    ), { numRuns: 25 })
  })

  it('office sign-in: any username and password answer below 500', async () => {
    await fc.assert(fc.asyncProperty(anyValue, anyValue, async (username, password) => {
      const res = await post('/api/office/session', bodyText({ username, password }))
      expect(res.status).toBeLessThan(500)
    }), { numRuns: 15 })
  })

  it('office: any metrics query or device id answers below 500 and changes nothing', async () => {
    const before = await snapshot()
    await fc.assert(fc.asyncProperty(
      fc.constantFrom('/api/office/metrics', '/api/office/metrics/cases'),
      fc.dictionary(fc.constantFrom('from', 'to', 'period', 'metric', 'stationId'), queryValue, { maxKeys: 5 }),
      queryValue,
      async (path, query, deviceId) => {
        const qs = Object.entries(query).map(([k, v]) => `${k}=${v}`).join('&')
        const res = await app.request(`${path}?${qs}`, { headers: office })
        expect(res.status).toBeLessThan(500)
        await res.arrayBuffer()
        const revoke = await app.request(`/api/office/devices/${deviceId || 'x'}/revoke`, { method: 'POST', headers: office })
        expect(revoke.status).toBeLessThan(500)
      },
    ), { numRuns: 25 })
    expect(await snapshot()).toEqual(before)
  })
})
