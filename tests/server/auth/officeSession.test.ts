/**
 * Office sign-in (issue 8 item 1): database sessions in an HttpOnly, SameSite=Strict cookie, sign-out,
 * expiry, deactivation, roles and division scope; a wrong username answers like a wrong password.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../src/server/app'
import { OFFICE_SESSION_IDLE_MS, OFFICE_SESSION_MAX_MS } from '../../../src/server/auth/officeSessions'
import { OFFICE_SIGNIN_LIMITS } from '../../../src/server/routes/api/officeSession'
import { appFor } from '../helpers/app'
import { testDatabases } from '../helpers/databases'
import type { TestDatabase } from '../helpers/databases'
import { addOfficeUser, sessionCookie, signInOffice } from '../helpers/office'
import { addStation, bearer, enrollDevice, json } from '../helpers/sync'

function signIn(app: App, username: string, password: string, url = '/api/office/session'): Promise<Response> {
  return Promise.resolve(app.request(url, json({ username, password })))
}

describe.each(testDatabases())('office sessions on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  let clock = new Date('2026-12-03T09:00:00+08:00')

  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx, { now: () => clock })
  })
  afterAll(() => ctx.close())

  it('signs in with an HttpOnly, SameSite=Strict cookie and no token in the body; /me names the account', async () => {
    const login = await addOfficeUser(ctx.db, { username: 'county-admin', role: 'admin', divisionCode: '140105', displayName: '小店区行政审批局' })
    const res = await signIn(app, login.username, login.password)
    expect(res.status).toBe(200)
    const body = await res.json() as Record<string, unknown>
    expect(body).toMatchObject({ username: 'county-admin', displayName: '小店区行政审批局', role: 'admin', divisionCode: '140105' })
    const setCookie = res.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/^bianmin_office=[\w-]{43};/)
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Strict/)
    expect(setCookie).toMatch(/Path=\/api/)
    expect(setCookie).not.toMatch(/Secure/)
    const token = /bianmin_office=([^;]+)/.exec(setCookie)?.[1] ?? ''
    expect(JSON.stringify(body)).not.toContain(token)
    // Only the token's hash is stored.
    const rows = await ctx.db.selectFrom('office_sessions').selectAll().where('username', '=', 'county-admin').execute()
    expect(rows).toHaveLength(1)
    expect(JSON.stringify(rows)).not.toContain(token)
    const me = await app.request('/api/office/me', { headers: { cookie: `bianmin_office=${token}` } })
    expect(await me.json()).toEqual({ username: 'county-admin', displayName: '小店区行政审批局', role: 'admin', divisionCode: '140105' })
  })

  it('marks the cookie Secure behind HTTPS', async () => {
    const login = await addOfficeUser(ctx.db)
    const res = await signIn(app, login.username, login.password, 'https://office.example.gov.cn/api/office/session')
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toMatch(/Secure/)
  })

  it('answers a wrong password and an unknown user with the same 401, in Chinese, without a browser pop-up', async () => {
    const login = await addOfficeUser(ctx.db)
    const wrong = await signIn(app, login.username, 'not-the-password')
    const unknown = await signIn(app, 'nobody-here', 'not-the-password')
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toBeNull()
      expect(res.headers.get('set-cookie')).toBeNull()
      expect(await res.json()).toEqual({ error: 'wrong-credentials', message: '用户名或密码不正确' })
    }
  })

  it('400s a bad body with field errors', async () => {
    const res = await app.request('/api/office/session', json({ username: '' }))
    expect(res.status).toBe(400)
    const body = await res.json() as { fields: { path: string }[] }
    expect(body.fields.map(f => f.path).sort()).toEqual(['password', 'username'])
  })

  it('signs out: the session is deleted and the cookie cleared', async () => {
    const office = await signInOffice(app, ctx.db)
    expect((await app.request('/api/office/me', { headers: office.headers })).status).toBe(200)
    const out = await app.request('/api/office/session', { method: 'DELETE', headers: office.headers })
    expect(out.status).toBe(204)
    expect(out.headers.get('set-cookie')).toMatch(/bianmin_office=;.*Max-Age=0/)
    expect((await app.request('/api/office/me', { headers: office.headers })).status).toBe(401)
    // Signing out twice, or with no cookie, is harmless.
    expect((await app.request('/api/office/session', { method: 'DELETE' })).status).toBe(204)
  })

  it('expires after the idle time and after the working-day maximum however busy', async () => {
    const office = await signInOffice(app, ctx.db)
    const start = clock
    try {
      clock = new Date(start.getTime() + OFFICE_SESSION_IDLE_MS - 60_000)
      expect((await app.request('/api/office/me', { headers: office.headers })).status).toBe(200)
      // Used just now: the idle window slid forward.
      clock = new Date(clock.getTime() + OFFICE_SESSION_IDLE_MS - 60_000)
      expect((await app.request('/api/office/me', { headers: office.headers })).status).toBe(200)
      clock = new Date(clock.getTime() + OFFICE_SESSION_IDLE_MS + 1000)
      expect((await app.request('/api/office/me', { headers: office.headers })).status).toBe(401)

      const busy = await signInOffice(app, ctx.db)
      const busyStart = clock
      for (let t = 0; t < OFFICE_SESSION_MAX_MS; t += OFFICE_SESSION_IDLE_MS / 2) {
        clock = new Date(busyStart.getTime() + t)
        expect((await app.request('/api/office/me', { headers: busy.headers })).status).toBe(200)
      }
      clock = new Date(busyStart.getTime() + OFFICE_SESSION_MAX_MS + 1000)
      expect((await app.request('/api/office/me', { headers: busy.headers })).status).toBe(401)
    }
    finally {
      clock = start
    }
  })

  it('stops a deactivated account at once, session or not', async () => {
    const office = await signInOffice(app, ctx.db)
    await ctx.db.updateTable('office_accounts').set({ active: false }).where('username', '=', office.username).execute()
    expect((await app.request('/api/office/me', { headers: office.headers })).status).toBe(401)
    expect((await signIn(app, office.username, office.password)).status).toBe(401)
  })

  it('refuses a device token and a forged cookie with 401', async () => {
    const station = await addStation(ctx.db)
    const device = await enrollDevice(app, ctx.db, station)
    expect((await app.request('/api/office/me', bearer(device.token))).status).toBe(401)
    expect((await app.request('/api/office/me', { headers: { cookie: 'bianmin_office=forged-token-forged-token-forged-token-xyz' } })).status).toBe(401)
  })

  it('lets only an admin mint codes and revoke devices; a viewer and a reviewer get 403', async () => {
    const station = await addStation(ctx.db)
    for (const role of ['viewer', 'reviewer'] as const) {
      const office = await signInOffice(app, ctx.db, { role })
      const res = await app.request('/api/office/enrollment-codes', { ...json({ stationId: station }), headers: { 'Content-Type': 'application/json', ...office.headers } })
      expect(res.status, role).toBe(403)
      expect(await res.json()).toMatchObject({ error: 'forbidden', message: '当前账号无权进行此操作' })
    }
    const admin = await signInOffice(app, ctx.db, { role: 'admin' })
    const minted = await app.request('/api/office/enrollment-codes', { ...json({ stationId: station }), headers: { 'Content-Type': 'application/json', ...admin.headers } })
    expect(minted.status).toBe(201)
    const audit = await ctx.db.selectFrom('office_audit').selectAll().where('username', '=', admin.username).execute()
    expect(audit.map(a => a.action)).toEqual(['device.codeMinted'])
    expect(JSON.stringify(audit)).not.toContain((await minted.json() as { code: string }).code)
  })

  it('keeps an office inside its division: another county\'s station and its devices answer 404', async () => {
    const station = await addStation(ctx.db) // county 140105 (太原市小店区)
    const device = await enrollDevice(app, ctx.db, station)
    const jincheng = await signInOffice(app, ctx.db, { role: 'admin', divisionCode: '1405' })
    const mint = await app.request('/api/office/enrollment-codes', { ...json({ stationId: station }), headers: { 'Content-Type': 'application/json', ...jincheng.headers } })
    expect(mint.status).toBe(404)
    expect((await app.request(`/api/office/devices/${device.deviceId}/revoke`, { method: 'POST', headers: jincheng.headers })).status).toBe(404)
    const metrics = await app.request(`/api/office/metrics?from=2026-12-01&to=2026-12-03&stationId=${station}`, { headers: jincheng.headers })
    expect(metrics.status).toBe(404)
    const all = await app.request('/api/office/metrics?from=2026-12-01&to=2026-12-03', { headers: jincheng.headers })
    expect((await all.json() as { stations: { stationId: string }[] }).stations.map(s => s.stationId)).not.toContain(station)

    const taiyuan = await signInOffice(app, ctx.db, { role: 'admin', divisionCode: '1401' })
    expect((await app.request('/api/office/enrollment-codes', { ...json({ stationId: station }), headers: { 'Content-Type': 'application/json', ...taiyuan.headers } })).status).toBe(201)
    const province = await signInOffice(app, ctx.db, { role: 'viewer', divisionCode: '14' })
    const seen = await app.request('/api/office/metrics?from=2026-12-01&to=2026-12-03', { headers: province.headers })
    expect((await seen.json() as { stations: { stationId: string }[] }).stations.map(s => s.stationId)).toContain(station)
  })

  it('rate-limits sign-in per account (10 per 15 minutes), right password or not, with Retry-After; other accounts go on', async () => {
    const login = await addOfficeUser(ctx.db)
    const other = await addOfficeUser(ctx.db)
    for (let i = 0; i < OFFICE_SIGNIN_LIMITS.perAccount; i++)
      expect((await signIn(app, login.username, 'wrong-password-x')).status).toBe(401)
    const blocked = await signIn(app, login.username, login.password)
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await blocked.json()).toMatchObject({ error: 'too-many-requests', message: expect.stringMatching(/^登录尝试过于频繁，请在 .+后重试$/) })
    expect((await signIn(app, other.username, other.password)).status).toBe(200)
    const start = clock
    try {
      clock = new Date(start.getTime() + OFFICE_SIGNIN_LIMITS.windowMs + 1000)
      expect((await signIn(app, login.username, login.password)).status).toBe(200)
    }
    finally {
      clock = start
    }
  })

  it('rate-limits sign-in per client address (30 per 15 minutes) behind a trusted proxy', async () => {
    const proxied = appFor(ctx, { now: () => clock, trustProxy: true })
    const from = (address: string, username: string) => proxied.request('/api/office/session', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify({ username, password: 'wrong-password-x' }) })
    for (let i = 0; i < OFFICE_SIGNIN_LIMITS.perAddress; i++)
      expect((await from('203.0.113.7', `guess-${i}`)).status).toBe(401)
    expect((await from('203.0.113.7', 'guess-next')).status).toBe(429)
    expect((await from('203.0.113.8', 'guess-next')).status).toBe(401)
  })

  it('can sign in again after signing out, with a new token', async () => {
    const login = await addOfficeUser(ctx.db)
    const first = await sessionCookie(app, login.username, login.password)
    const second = await sessionCookie(app, login.username, login.password)
    expect(first).not.toBe(second)
  })
})
