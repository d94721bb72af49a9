/**
 * The office imports a newly published holiday schedule (issue 8 "Urgent first"): a 15-working-day case
 * received 2026-12-20 is pushed with its provisional (暂定) due; POST /api/office/calendar-years with the 2027
 * fixture makes it final in case_projections (due_at moves, the office metrics count it), audits the import,
 * and the year reaches the tablet by pull. Who may do it, and what bad bodies answer.
 */
import type { App } from '../../../src/server/app'
import type { OfficeMetricCasesAnswer } from '../../../src/server/metrics/metricTypes'
import type { TestDatabase } from '../helpers/databases'
import type { TestDevice } from '../helpers/sync'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newStreamId } from '../../../src/domain/events'
import { seedOnStart } from '../../../src/server/seed/demo'
import fixture2027 from '../../fixtures/calendar-2027.json'
import { calendarImportAnswerSchema, calendarYearsAnswerSchema } from '../../../src/domain/protocol'
import { appFor } from '../helpers/app'
import { expectContract } from '../helpers/contract'
import { testDatabases } from '../helpers/databases'
import { signInOffice } from '../helpers/office'
import { addStation, bearer, caseEvent, caseReceived, enrollDevice, json, materialsComplete, pullOk, pushOk } from '../helpers/sync'

const PROVISIONAL_DUE = '2027-01-08T23:59:59.999+08:00'
const FINAL_DUE = '2027-01-11T23:59:59.999+08:00'

function decemberCase(device: TestDevice, receipt: string, accepted: Record<string, unknown>) {
  const stream = newStreamId('case')
  return {
    stream,
    events: [
      caseEvent(device, stream, 'case.received', caseReceived, '2026-12-20T10:00:00+08:00'),
      caseEvent(device, stream, 'case.materialsChecked', materialsComplete, '2026-12-20T10:05:00+08:00'),
      caseEvent(device, stream, 'case.accepted', { receiptNumber: receipt, ...accepted }, '2026-12-20T10:10:00+08:00'),
    ],
  }
}

describe.each(testDatabases())('office calendar years on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  let device: TestDevice
  let admin: { cookie: string }
  let viewer: { cookie: string }
  let reviewer: { cookie: string }
  let provisional: string
  let stale: string

  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx)
    admin = (await signInOffice(app, ctx.db, { role: 'admin' })).headers
    viewer = (await signInOffice(app, ctx.db, { role: 'viewer' })).headers
    reviewer = (await signInOffice(app, ctx.db, { role: 'reviewer' })).headers
    const stationId = await addStation(ctx.db, '日历测试便民服务站')
    device = await enrollDevice(app, ctx.db, stationId)
    const a = decemberCase(device, 'CAL-2026-0001', { dueAt: PROVISIONAL_DUE, dueProvisional: true })
    const b = decemberCase(device, 'CAL-2026-0002', { dueAt: null })
    provisional = a.stream
    stale = b.stream
    const answer = await pushOk(app, device, [...a.events, ...b.events])
    expect(answer.results.every(r => r.status === 'applied')).toBe(true)
    // What a server before 暂定 stored for the second case: accepted, no due, flagged.
    await ctx.db.updateTable('case_projections')
      .set({ due_at: null, needs_attention: true, state: sql`state || '{"dueAt": null, "dueProvisional": false, "needsAttention": true}'::jsonb` })
      .where('id', '=', stale)
      .execute()
  }, 60_000)

  afterAll(() => ctx.close())

  async function projection(id: string) {
    const row = await ctx.db.selectFrom('case_projections').select(['due_at', 'needs_attention', 'state']).where('id', '=', id).executeTakeFirstOrThrow()
    return { dueAt: row.due_at === null ? null : new Date(row.due_at).toISOString(), needsAttention: row.needs_attention, state: row.state as { dueProvisional: boolean, dueAt: string | null } }
  }

  const post = (body: unknown, headers: Record<string, string> = admin) => app.request('/api/office/calendar-years', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })

  it('answers 401 without a session or with a device token, 403 for viewer and reviewer; nothing is stored', async () => {
    expect((await post(fixture2027, {})).status).toBe(401)
    expect((await app.request('/api/office/calendar-years', json(fixture2027, device.token))).status).toBe(401)
    expect((await app.request('/api/office/calendar-years', bearer(device.token))).status).toBe(401)
    expect((await post(fixture2027, viewer)).status).toBe(403)
    expect((await post(fixture2027, reviewer)).status).toBe(403)
    expect(await ctx.db.selectFrom('calendar_years').select('year').where('year', '=', 2027).executeTakeFirst()).toBeUndefined()
  })

  it('answers bad bodies with 400 and the field at fault', async () => {
    const cases: [unknown, string][] = [
      [{ ...fixture2027, holidays: [] }, 'holidays'],
      [{ ...fixture2027, workdays: ['2027-02-15'] }, 'workdays.0'],
      [{ ...fixture2027, holidays: ['2027-02-30'] }, 'holidays.0'],
      [{ ...fixture2027, holidays: ['2028-01-01'] }, 'holidays.0'],
      [{ ...fixture2027, year: '2027' }, 'year'],
      [{ holidays: fixture2027.holidays, workdays: [] }, 'year'],
    ]
    for (const [body, path] of cases) {
      const res = await post(body)
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400)
      const answer = await res.json() as { fields: { path: string, message: string }[] }
      expect(answer.fields.map(f => f.path)).toContain(path)
      expect(answer.fields[0]?.message).toMatch(/[\u4E00-\u9FFF]/)
    }
    const broken = await app.request('/api/office/calendar-years', { method: 'POST', headers: { 'content-type': 'application/json', ...admin }, body: '{"year":' })
    expect(broken.status).toBe(400)
  })

  it('before the import: the 2027 due is provisional and the office metrics count it', async () => {
    expect(await projection(provisional)).toMatchObject({ dueAt: new Date(PROVISIONAL_DUE).toISOString(), state: { dueProvisional: true } })
    const res = await app.request('/api/office/metrics/cases?metric=onTime&from=2027-01-01&to=2027-01-31', { headers: viewer })
    expect(res.status).toBe(200)
    const drill = await res.json() as OfficeMetricCasesAnswer
    const row = drill.cases.find(c => c.id === provisional) ?? drill.pending.find(c => c.id === provisional)
    expect(row).toMatchObject({ dueAt: PROVISIONAL_DUE, dueProvisional: true })
  })

  it('importing 2027 as admin makes the due final, moves due_at, recounts the stale case, audits, and reaches the tablet', async () => {
    const res = await post(fixture2027)
    expect(res.status).toBe(201)
    expect(expectContract(calendarImportAnswerSchema, await res.json())).toEqual({ year: 2027, holidays: 37, workdays: 9, source: fixture2027.source, replaced: false, recounted: 2 })

    expect(await projection(provisional)).toMatchObject({ dueAt: new Date(FINAL_DUE).toISOString(), state: { dueProvisional: false, dueAt: FINAL_DUE } })
    expect(await projection(stale)).toMatchObject({ dueAt: new Date(FINAL_DUE).toISOString(), needsAttention: false })

    const drill = await (await app.request('/api/office/metrics/cases?metric=onTime&from=2027-01-01&to=2027-01-31', { headers: viewer })).json() as OfficeMetricCasesAnswer
    const counted = [...drill.cases, ...drill.pending].filter(c => c.id === provisional || c.id === stale)
    expect(counted.map(c => [c.dueAt, c.dueProvisional ?? false])).toEqual([[FINAL_DUE, false], [FINAL_DUE, false]])

    const audit = await ctx.db.selectFrom('office_audit').selectAll().where('action', '=', 'calendar.imported').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ target_type: 'calendarYear', target_id: '2027', details: { year: 2027, holidays: 37, workdays: 9, recounted: 2 } })

    const pulled = await pullOk(app, device)
    const year = (pulled.reference?.calendarYears as { year: number, holidays: string[], workdays: string[] }[] | undefined)?.find(y => y.year === 2027)
    expect(year?.holidays).toEqual([...fixture2027.holidays].sort())
    expect(year?.workdays).toEqual([...fixture2027.workdays].sort())
  })

  it('lists the years with counts and source for any role; importing a year again replaces it (200)', async () => {
    const again = await post({ ...fixture2027, workdays: fixture2027.workdays.slice(1), source: '更正' })
    expect(again.status).toBe(200)
    expect(expectContract(calendarImportAnswerSchema, await again.json())).toMatchObject({ year: 2027, workdays: 8, replaced: true, recounted: 0 })
    for (const who of [viewer, reviewer, admin]) {
      const res = await app.request('/api/office/calendar-years', { headers: who })
      expect(res.status).toBe(200)
      const body = expectContract(calendarYearsAnswerSchema, await res.json())
      expect(body.years.find(y => y.year === 2027)).toMatchObject({ holidays: 37, workdays: 8, source: '更正' })
    }
    expect((await app.request('/api/office/calendar-years')).status).toBe(401)
    expect(await ctx.db.selectFrom('office_audit').select('action').where('action', '=', 'calendar.replaced').execute()).toHaveLength(1)
  })

  it('at server start, a projection stored without a due (before 暂定) is recounted with the years held', async () => {
    await ctx.db.updateTable('case_projections')
      .set({ due_at: null, needs_attention: true, state: sql`state || '{"dueAt": null, "needsAttention": true}'::jsonb` })
      .where('id', '=', stale)
      .execute()
    await seedOnStart(ctx.db, { seedDemo: false })
    expect(await projection(stale)).toMatchObject({ dueAt: new Date(FINAL_DUE).toISOString(), needsAttention: false, state: { dueProvisional: false } })
  })
})
