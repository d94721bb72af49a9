/**
 * The citizen's rating page API (issue 9 item 3): a QR token minted on a tablet and pushed becomes usable;
 * GET shows what is rated, POST records one rating.given of the station that its tablets pull; unknown
 * tokens 404, used or expired ones 410, never 401; bad answers 400 with fields and nothing written;
 * twenty phones racing with one token end with exactly one rating. On PGlite and PostgreSQL.
 */
import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DomainEvent } from '../../../src/domain/events'
import { newEventId, newStreamId } from '../../../src/domain/events'
import { ratingStreamFor } from '../../../src/domain/rating'
import type { App } from '../../../src/server/app'
import { jsonb } from '../../../src/server/db'
import { PUBLIC_RATING_RATE_LIMIT } from '../../../src/server/routes/api/publicRatings'
import { appFor } from '../helpers/app'
import { testDatabases } from '../helpers/databases'
import type { TestDatabase } from '../helpers/databases'
import type { TestDevice } from '../helpers/sync'
import { addStation, caseEvent, caseReceived, enrollDevice, json, pullAll, pushOk } from '../helpers/sync'

const NOW = new Date('2026-12-03T10:00:00+08:00')

function newToken(): { token: string, sha: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, sha: createHash('sha256').update(token).digest('hex') }
}

const goodAnswers = { level: 5, dimensions: { attitude: 5, quality: 5, efficiency: 4 }, reasons: ['warmService'], comment: '工作人员很耐心' }

describe.each(testDatabases())('public rating page API on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  let device: TestDevice
  let clock = NOW

  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx, { now: () => clock })
    const stationId = await addStation(ctx.db, '城区测试便民服务站')
    await ctx.db.insertInto('staff').values({ id: 'staff-1', station_id: stationId, name: '王晓燕', role: 'lead', assessment_passed: true, assessment_date: '2026-11-02', active: true, pin_verifier: jsonb(null) }).execute()
    device = await enrollDevice(app, ctx.db, stationId)
  })
  afterAll(() => ctx.close())

  /** A handed-over case and a QR token for it, pushed by the tablet; returns the token and the rating stream. */
  async function mintedToken(expiresAt = '2026-12-10T10:00:00+08:00'): Promise<{ token: string, subject: string, stream: string }> {
    const subject = newStreamId('case')
    const { token, sha } = newToken()
    const received = caseEvent(device, subject, 'case.received', caseReceived, '2026-12-03T09:00:00+08:00')
    const minted: DomainEvent = { id: newEventId(), stream: ratingStreamFor(subject), type: 'rating.tokenMinted', v: 1, payload: { subject, staffId: 'staff-1', tokenSha256: sha, expiresAt }, stationId: device.stationId, deviceId: device.deviceId, staffId: 'staff-1', occurredAt: '2026-12-03T09:30:00+08:00' }
    const answer = await pushOk(app, device, [received, minted])
    expect(answer.results.map(r => r.status)).toEqual(['applied', 'applied'])
    return { token, subject, stream: minted.stream }
  }

  async function ratingRows(stream: string) {
    return ctx.db.selectFrom('events').selectAll().where('stream', '=', stream).where('type', '=', 'rating.given').execute()
  }

  it('shows the station, the item and the staff member — no citizen data — for a valid token', async () => {
    const { token } = await mintedToken()
    const res = await app.request(`/api/public/ratings/${token}`)
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toEqual({ stationName: '城区测试便民服务站', subjectKind: 'case', itemName: '居民身份证换领(有效期满)', staffName: '王晓燕', expiresAt: '2026-12-10T10:00:00+08:00' })
    expect(JSON.stringify(body)).not.toContain('张小明')
  })

  it('records the rating as the station\'s event, which its tablet pulls, and the token is then spent', async () => {
    const { token, subject, stream } = await mintedToken()
    const res = await app.request(`/api/public/ratings/${token}`, json(goodAnswers))
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({ status: 'rated' })
    const rows = await ratingRows(stream)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ station_id: device.stationId, device_id: 'server:public-rating', staff_id: null })
    expect(rows[0]?.payload).toMatchObject({ subject, staffId: 'staff-1', channel: 'qr', enteredBy: 'citizen', level: 5, comment: '工作人员很耐心' })
    const pulled = await pullAll(app, device)
    expect(pulled.filter(e => e.stream === stream && e.type === 'rating.given')).toHaveLength(1)

    const again = await app.request(`/api/public/ratings/${token}`, json(goodAnswers))
    expect(again.status).toBe(410)
    expect(await again.json()).toMatchObject({ error: 'rating-token-used', message: expect.stringContaining('一次一评') })
    expect((await app.request(`/api/public/ratings/${token}`)).status).toBe(410)
    expect(await ratingRows(stream)).toHaveLength(1)
  })

  it('a 差评 gets its call-back due (15 working days) and needs a reason', async () => {
    const { token, stream } = await mintedToken()
    const noReason = await app.request(`/api/public/ratings/${token}`, json({ ...goodAnswers, level: 2, reasons: [] }))
    expect(noReason.status).toBe(400)
    expect((await noReason.json() as { fields: { path: string }[] }).fields.map(f => f.path)).toContain('reasons')
    expect(await ratingRows(stream)).toHaveLength(0)
    const bad = await app.request(`/api/public/ratings/${token}`, json({ ...goodAnswers, level: 2, reasons: ['poorAttitude'], comment: null }))
    expect(bad.status, await bad.clone().text()).toBe(201)
    const [row] = await ratingRows(stream)
    expect((row?.payload as { followUpDueAt: string }).followUpDueAt).toMatch(/^2026-12-24T23:59:59\.999\+08:00$/)
  })

  it('404s an unknown or malformed token and 410s an expired one, never 401', async () => {
    expect((await app.request(`/api/public/ratings/${newToken().token}`)).status).toBe(404)
    const unknown = await app.request(`/api/public/ratings/${newToken().token}`, json(goodAnswers))
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ error: 'rating-token-unknown', message: expect.stringContaining('尚未同步') })
    expect((await app.request('/api/public/ratings/short')).status).toBe(404)
    const { token, stream } = await mintedToken('2026-12-03T09:59:00+08:00')
    expect((await app.request(`/api/public/ratings/${token}`)).status).toBe(410)
    const late = await app.request(`/api/public/ratings/${token}`, json(goodAnswers))
    expect(late.status).toBe(410)
    expect(await late.json()).toMatchObject({ error: 'rating-token-expired' })
    expect(await ratingRows(stream)).toHaveLength(0)
  })

  it('400s bad answers with field errors and writes nothing; 413s an oversized body', async () => {
    const { token, stream } = await mintedToken()
    const cases: [unknown, string][] = [
      [{ ...goodAnswers, level: 6 }, 'level'],
      [{ ...goodAnswers, dimensions: { attitude: 5, quality: 5 } }, 'dimensions.efficiency'],
      [{ ...goodAnswers, reasons: ['notAReason'] }, 'reasons.0'],
      [{ ...goodAnswers, comment: '很'.repeat(501) }, 'comment'],
      [{ ...goodAnswers, reasons: ['other'], comment: '' }, 'comment'],
      [{ ...goodAnswers, staffId: 'someone-else' }, ''],
    ]
    for (const [body, path] of cases) {
      const res = await app.request(`/api/public/ratings/${token}`, json(body))
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400)
      const answer = await res.json() as { fields: { path: string, message: string }[] }
      expect(answer.fields.map(f => f.path), JSON.stringify(answer)).toContain(path)
      expect(answer.fields.every(f => /[\u4E00-\u9FFF]/.test(f.message))).toBe(true)
    }
    const huge = await app.request(`/api/public/ratings/${token}`, json({ ...goodAnswers, comment: 'x'.repeat(20_000) }))
    expect(huge.status).toBe(413)
    expect(await ratingRows(stream)).toHaveLength(0)
  })

  it('twenty phones posting one token at once: exactly one rating wins, the others are told it is spent', async () => {
    const { token, stream } = await mintedToken()
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => app.request(`/api/public/ratings/${token}`, json({ ...goodAnswers, comment: `第 ${i} 部手机` }))))
    const statuses = answers.map(r => r.status).sort()
    expect(statuses.filter(s => s === 201)).toHaveLength(1)
    expect(statuses.filter(s => s === 410)).toHaveLength(19)
    expect(await ratingRows(stream)).toHaveLength(1)
  })

  it('a subject already rated on the counter screen spends its QR token too (one rating per case)', async () => {
    const { token, subject, stream } = await mintedToken()
    const prompted: DomainEvent = { id: newEventId(), stream, type: 'rating.prompted', v: 1, payload: { subject, staffId: 'staff-1' }, stationId: device.stationId, deviceId: device.deviceId, staffId: 'staff-1', occurredAt: '2026-12-03T09:40:00+08:00' }
    const given: DomainEvent = { id: newEventId(), stream, type: 'rating.given', v: 1, payload: { subject, staffId: 'staff-1', channel: 'counter', enteredBy: 'citizen', ...goodAnswers }, stationId: device.stationId, deviceId: device.deviceId, staffId: 'staff-1', occurredAt: '2026-12-03T09:41:00+08:00' }
    expect((await pushOk(app, device, [prompted, given])).results.map(r => r.status)).toEqual(['applied', 'applied'])
    expect((await app.request(`/api/public/ratings/${token}`)).status).toBe(410)
    expect((await app.request(`/api/public/ratings/${token}`, json(goodAnswers))).status).toBe(410)
    expect(await ratingRows(stream)).toHaveLength(1)
  })

  it('rate-limits the page per client address (behind a trusted proxy): 429 with Retry-After, other addresses go on', async () => {
    const proxied = appFor(ctx, { now: () => clock, trustProxy: true })
    const { token } = await mintedToken()
    const from = (address: string) => proxied.request(`/api/public/ratings/${token}`, { headers: { 'x-forwarded-for': address } })
    for (let i = 0; i < PUBLIC_RATING_RATE_LIMIT.limit; i++)
      expect((await from('198.51.100.9')).status).toBe(200)
    const blocked = await from('198.51.100.9')
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await from('198.51.100.10')).status).toBe(200)
  })

  it('lets time pass: a token valid now is expired after its last instant', async () => {
    const { token } = await mintedToken('2026-12-03T12:00:00+08:00')
    expect((await app.request(`/api/public/ratings/${token}`)).status).toBe(200)
    clock = new Date('2026-12-03T12:00:01+08:00')
    try {
      expect((await app.request(`/api/public/ratings/${token}`)).status).toBe(410)
    }
    finally {
      clock = NOW
    }
  })
})
