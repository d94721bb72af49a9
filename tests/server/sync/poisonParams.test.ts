/**
 * Issue 10 item 1, outside events: a NUL or a lone surrogate in an enrollment deviceName or an office
 * parameter (stationId, a device id, a metrics filter), and metric dates far outside the supported window,
 * answer 400 with field errors instead of a database error (500). Office calls sign in as an
 * admin (helpers/office.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mintEnrollmentCode } from '../../../src/server/auth/devices'
import { safetyMessages } from '../../../src/domain/eventSafety'
import type { App } from '../../../src/server/app'
import { appFor } from '../helpers/app'
import { testDatabases } from '../helpers/databases'
import { signInOffice } from '../helpers/office'
import type { TestDatabase } from '../helpers/databases'
import { addStation, json } from '../helpers/sync'

let office: { cookie: string } = { cookie: '' }

interface ErrorAnswer {
  error: string
  fields?: { path: string, message: string }[]
}

describe.each(testDatabases())('poison parameters on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  let stationId: string

  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx)
    office = (await signInOffice(app, ctx.db, { role: 'admin' })).headers
    stationId = await addStation(ctx.db)
  })
  afterAll(() => ctx.close())

  async function expectFieldError(res: Response, path: string, message?: string): Promise<void> {
    expect(res.status).toBe(400)
    const body = await res.json() as ErrorAnswer
    expect(body.fields?.map(f => f.path)).toContain(path)
    if (message)
      expect(body.fields?.find(f => f.path === path)?.message).toBe(message)
  }

  it.each([
    ['a NUL', '平板\u00001', safetyMessages.nul],
    ['a lone surrogate', '平板\udfff', safetyMessages.loneSurrogate],
  ])('enrollment: %s in deviceName → 400 deviceName, the code stays unused', async (_, deviceName, message) => {
    const { code } = await mintEnrollmentCode(ctx.db, stationId)
    await expectFieldError(await app.request('/api/devices/enroll', json({ code, deviceName })), 'deviceName', message)
    const ok = await app.request('/api/devices/enroll', json({ code, deviceName: '柜台平板' }))
    expect(ok.status).toBe(200)
  })

  it.each([
    ['a NUL', 'office\u0000admin', safetyMessages.nul],
    ['a lone surrogate', 'office\udfff', safetyMessages.loneSurrogate],
  ])('office sign-in: %s in the username → 400 username', async (_, username, message) => {
    const res = await app.request('/api/office/session', json({ username, password: 'whatever-123' }))
    await expectFieldError(res, 'username', message)
  })

  it('office: a NUL in the stationId of a new enrollment code → 400 stationId', async () => {
    const res = await app.request('/api/office/enrollment-codes', { ...json({ stationId: `${stationId}\u0000` }), headers: { ...office, 'Content-Type': 'application/json' } })
    await expectFieldError(res, 'stationId', safetyMessages.nul)
  })

  it('office: a NUL device id to revoke → 400 id', async () => {
    const res = await app.request('/api/office/devices/dev%00ice/revoke', { method: 'POST', headers: office })
    await expectFieldError(res, 'id', safetyMessages.nul)
    const surrogate = await app.request('/api/office/devices/%ED%BF%BF/revoke', { method: 'POST', headers: office })
    expect(surrogate.status).toBeLessThan(500)
  })

  it.each(['/api/office/metrics', '/api/office/metrics/cases?metric=onTime&'])('office: a NUL in the stationId filter of %s → 400 stationId', async (path) => {
    const sep = path.includes('?') ? '' : '?'
    const res = await app.request(`${path}${sep}from=2026-03-01&to=2026-03-31&stationId=st%00x`, { headers: office })
    await expectFieldError(res, 'stationId', safetyMessages.nul)
  })

  it.each([
    ['/api/office/metrics?from=9999-12-01&to=9999-12-31', 'from'],
    ['/api/office/metrics/cases?metric=onTime&from=9999-12-01&to=9999-12-31', 'from'],
    ['/api/office/metrics?from=1999-12-01&to=1999-12-31', 'from'],
    ['/api/office/metrics?from=2199-12-01&to=2200-01-02', 'to'],
  ])('office: %s → 400 with a field error on the date', async (path, field) => {
    await expectFieldError(await app.request(path, { headers: office }), field, safetyMessages.civilDateWindow)
  })

  it('office: the last supported month still answers', async () => {
    const res = await app.request('/api/office/metrics?from=2199-12-01&to=2199-12-31', { headers: office })
    expect(res.status).toBe(200)
    const cases = await app.request('/api/office/metrics/cases?metric=consultation&from=2000-01-01&to=2000-12-31', { headers: office })
    expect(cases.status).toBe(200)
  })
})
