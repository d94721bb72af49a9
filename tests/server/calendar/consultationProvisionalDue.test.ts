/**
 * Issue 8 "Urgent first", consultations: a consultation recorded 2026-12-31 and referred is pushed with its
 * provisional (暂定) due, counted Monday–Friday (2027-01-01). The office's import of the 2027 fixture recounts
 * it in consultation_projections (due_at moves to Monday 2027-01-04, the mark goes), and the 6.2.3
 * drill-down carries the mark before and not after. Both DBs.
 */
import type { App } from '../../../src/server/app'
import type { OfficeMetricCasesAnswer } from '../../../src/server/metrics/metricTypes'
import type { TestDatabase } from '../helpers/databases'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fixture2027 from '../../fixtures/calendar-2027.json'
import { appFor } from '../helpers/app'
import { testDatabases } from '../helpers/databases'
import { signInOffice } from '../helpers/office'
import { addStation, caseEvent, consultation, enrollDevice, pushOk } from '../helpers/sync'

const RECORDED = '2026-12-31T16:00:00+08:00'
const PROVISIONAL_DUE = '2027-01-01T23:59:59.999+08:00'
const FINAL_DUE = '2027-01-04T23:59:59.999+08:00'

describe.each(testDatabases())('provisional consultation dues on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  let admin: { cookie: string }
  let provisional: string
  let final: string

  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx)
    admin = (await signInOffice(app, ctx.db, { role: 'admin' })).headers
    const device = await enrollDevice(app, ctx.db, await addStation(ctx.db, '咨询暂定测试便民服务站'))
    const referredOn = (dueAt: Record<string, unknown>) => {
      const recorded = consultation(device, { occurredAt: RECORDED })
      const { answer: _answer, ...payload } = recorded.payload as Record<string, unknown>
      return {
        stream: recorded.stream,
        events: [
          { ...recorded, payload },
          caseEvent(device, recorded.stream, 'consultation.referred', { department: '县人社局', personContacted: { name: '刘科长' }, ...dueAt }, '2026-12-31T16:05:00+08:00'),
        ],
      }
    }
    const a = referredOn({ dueAt: PROVISIONAL_DUE, dueProvisional: true })
    // A referral whose due was final when recorded stays as it was, and is not refolded.
    const b = referredOn({ dueAt: '2027-01-05T23:59:59.999+08:00' })
    provisional = a.stream
    final = b.stream
    const answer = await pushOk(app, device, [...a.events, ...b.events])
    expect(answer.results.map(r => r.status)).toEqual(['applied', 'applied', 'applied', 'applied'])
  }, 60_000)

  afterAll(() => ctx.close())

  async function projection(id: string) {
    const row = await ctx.db.selectFrom('consultation_projections').select(['due_at', 'needs_attention', 'state']).where('id', '=', id).executeTakeFirstOrThrow()
    return { dueAt: row.due_at === null ? null : new Date(row.due_at).toISOString(), needsAttention: row.needs_attention, state: row.state as { dueProvisional: boolean, dueAt: string | null, dueUnpublishedYears: number[] } }
  }

  async function drillRow(id: string) {
    const res = await app.request('/api/office/metrics/cases?metric=consultation&from=2027-01-01&to=2027-01-31', { headers: admin })
    expect(res.status).toBe(200)
    const drill = await res.json() as OfficeMetricCasesAnswer
    return [...drill.cases, ...drill.pending].find(c => c.id === id)
  }

  it('before the import: the referral due is provisional and the 6.2.3 drill-down counts it, marked', async () => {
    expect(await projection(provisional)).toMatchObject({ dueAt: new Date(PROVISIONAL_DUE).toISOString(), needsAttention: false, state: { dueProvisional: true, dueUnpublishedYears: [2027] } })
    expect(await drillRow(provisional)).toMatchObject({ dueAt: PROVISIONAL_DUE, dueProvisional: true })
  })

  it('importing 2027 recounts the provisional consultation due in consultation_projections', async () => {
    const res = await app.request('/api/office/calendar-years', { method: 'POST', headers: { 'content-type': 'application/json', ...admin }, body: JSON.stringify(fixture2027) })
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ year: 2027, recounted: 1 })
    expect(await projection(provisional)).toMatchObject({ dueAt: new Date(FINAL_DUE).toISOString(), needsAttention: false, state: { dueProvisional: false, dueAt: FINAL_DUE, dueUnpublishedYears: [] } })
    expect(await projection(final)).toMatchObject({ dueAt: new Date('2027-01-05T23:59:59.999+08:00').toISOString(), state: { dueProvisional: false } })
    const row = await drillRow(provisional)
    expect(row?.dueAt).toBe(FINAL_DUE)
    expect(row?.dueProvisional ?? false).toBe(false)
  })

  it('the partial index of migration 0016 exists', async () => {
    const { rows } = await sql`select indexname from pg_indexes where indexname = 'consultation_projections_due_provisional_idx'`.execute(ctx.db)
    expect(rows).toHaveLength(1)
  })
})
