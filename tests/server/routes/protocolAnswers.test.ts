/**
 * The server keeps the wire contract (src/domain/protocol): every 2xx answer of the sync, enrollment, blob and
 * office routes parses with the schema the app reads it with, reference rows included. A member renamed or
 * retyped on the server fails here before a tablet or the office console sees it.
 */
import { createHash } from 'node:crypto'
import type { z } from 'zod'
import type { App } from '../../../src/server/app'
import type { TestDatabase } from '../helpers/databases'
import type { TestDevice } from '../helpers/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newStreamId } from '../../../src/domain/events'
import {
  blobPutAnswerSchema,
  calendarYearsAnswerSchema,
  catalogItemDetailAnswerSchema,
  catalogListAnswerSchema,
  enrollAnswerSchema,
  healthAnswerSchema,
  mintCodeAnswerSchema,
  officeMeAnswerSchema,
  officeMetricCasesAnswerSchema,
  officeMetricsAnswerSchema,
  pullAnswerSchema,
  pushAnswerSchema,
  revokeDeviceAnswerSchema,
  signInAnswerSchema,
} from '../../../src/domain/protocol'
import { createOfficeAccount } from '../../../src/server/auth/officeAccounts'
import { jsonb } from '../../../src/server/db'
import { appFor } from '../helpers/app'
import { testDatabases } from '../helpers/databases'
import { sessionCookie } from '../helpers/office'
import { addStation, bearer, caseEvent, caseReceived, consultation, enrollDevice, json, materialsComplete } from '../helpers/sync'

/** Parses with the contract's schema and names the failing paths when it does not fit. */
function expectContract<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body)
  expect(parsed.success ? [] : parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`)).toEqual([])
  return parsed.data as z.output<S>
}

describe.each(testDatabases())('the wire contract on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  let stationId: string
  let device: TestDevice
  let cookie: string

  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx)
    stationId = await addStation(ctx.db)
    await ctx.db.insertInto('service_items').values({ code: 'contract-item', item: jsonb({ code: 'contract-item', name: '契约测试事项', materials: [{ name: '身份证' }], process: ['受理'], fee: '不收费' }) }).execute()
    await ctx.db.insertInto('station_items').values({ station_id: stationId, item_code: 'contract-item' }).execute()
    await ctx.db.insertInto('calendar_years').values({ year: 2031, holidays: jsonb(['2031-01-01']), workdays: jsonb([]), source: '契约测试' }).onConflict(oc => oc.column('year').doNothing()).execute()
    await ctx.db.insertInto('staff').values({ id: `staff-${stationId}`, station_id: stationId, name: '王芳', role: 'lead' }).execute()
    device = await enrollDevice(app, ctx.db, stationId)
    await createOfficeAccount(ctx.db, { username: 'contract-admin', password: 'contract-password-1', role: 'admin', divisionCode: '14', displayName: '契约测试' })
    cookie = await sessionCookie(app, 'contract-admin', 'contract-password-1')
  })

  afterAll(async () => {
    await ctx.close()
  })

  it('health and enrollment', async () => {
    expect(expectContract(healthAnswerSchema, await (await app.request('/api/health')).json()).status).toBe('ok')
    const signedIn = await app.request('/api/office/session', json({ username: 'contract-admin', password: 'contract-password-1' }))
    expect(expectContract(signInAnswerSchema, await signedIn.json()).role).toBe('admin')
    const code = await app.request('/api/office/enrollment-codes', { ...json({ stationId }), headers: { 'content-type': 'application/json', cookie } })
    expect(code.status).toBe(201)
    const { code: enrollmentCode } = expectContract(mintCodeAnswerSchema, await code.json())
    const enrolled = await app.request('/api/devices/enroll', json({ code: enrollmentCode, deviceName: '备用平板' }))
    expect(expectContract(enrollAnswerSchema, await enrolled.json()).deviceSlot).toBeGreaterThanOrEqual(1)
  })

  it('push, pull with every reference table, and a blob upload', async () => {
    const stream = newStreamId('case')
    const events = [
      consultation(device),
      caseEvent(device, stream, 'case.received', caseReceived, '2026-03-02T09:00:00+08:00'),
      caseEvent(device, stream, 'case.materialsChecked', materialsComplete, '2026-03-02T09:05:00+08:00'),
      { id: 'not-a-uuid' },
    ]
    const pushed = await app.request('/api/sync/push', json({ protocol: 1, appVersion: '0.1.0', events }, device.token))
    const answer = expectContract(pushAnswerSchema, await pushed.json())
    expect(answer.results.map(r => r.status)).toEqual(['applied', 'applied', 'applied', 'rejected'])

    const page = expectContract(pullAnswerSchema, await (await app.request('/api/sync/pull?cursor=0', bearer(device.token))).json())
    expect(page.events).toHaveLength(3)
    const reference = page.reference
    for (const table of ['stations', 'staff', 'serviceItems', 'stationItems', 'settings', 'calendarYears'] as const)
      expect(reference?.[table]?.length, table).toBeGreaterThan(0)

    const png = Buffer.from([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])
    const sha256 = createHash('sha256').update(png).digest('hex')
    const put = await app.request(`/api/blobs/${sha256}`, { method: 'PUT', body: new Uint8Array(png), headers: { Authorization: `Bearer ${device.token}` } })
    expect(put.status).toBe(201)
    expect(expectContract(blobPutAnswerSchema, await put.json())).toEqual({ sha256, size: png.byteLength, contentType: 'image/png' })
  })

  it('the office: who is signed in, metrics and their drill-down, revoking a tablet', async () => {
    const headers = { cookie }
    expectContract(officeMeAnswerSchema, await (await app.request('/api/office/me', { headers })).json())
    const metrics = expectContract(officeMetricsAnswerSchema, await (await app.request('/api/office/metrics?from=2026-03-01&to=2026-03-31', { headers })).json())
    expect(metrics.stations.map(s => s.stationId)).toContain(stationId)
    for (const metric of ['onTime', 'consultation'])
      expectContract(officeMetricCasesAnswerSchema, await (await app.request(`/api/office/metrics/cases?metric=${metric}&from=2026-03-01&to=2026-03-31`, { headers })).json())
    const revoked = await app.request(`/api/office/devices/${device.deviceId}/revoke`, { method: 'POST', headers })
    expect(revoked.status).toBe(200)
    expectContract(revokeDeviceAnswerSchema, await revoked.json())
  })

  it('the office catalog shows an entry the editor would refuse (no department, a material with its name only)', async () => {
    const headers = { cookie }
    const list = expectContract(catalogListAnswerSchema, await (await app.request('/api/office/catalog', { headers })).json())
    const item = list.items.find(i => i.code === 'contract-item')
    expect(item).toMatchObject({ name: '契约测试事项', department: '', complete: false, offeredStationIds: [stationId] })
    expect(item?.materials).toEqual([{ name: '身份证', form: null, copies: null, format: null, issuer: null, howToGet: null, required: true, alternativeGroup: null, note: null }])
    const detail = expectContract(catalogItemDetailAnswerSchema, await (await app.request('/api/office/catalog/contract-item', { headers })).json())
    expect(detail.stations.find(s => s.id === stationId)?.offered).toBe(true)
    const years = expectContract(calendarYearsAnswerSchema, await (await app.request('/api/office/calendar-years', { headers })).json())
    expect(years.years.find(y => y.year === 2031)).toMatchObject({ holidays: 1, workdays: 0, source: '契约测试' })
  })
})
