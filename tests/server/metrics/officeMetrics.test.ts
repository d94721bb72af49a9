/**
 * The office's quality metrics across stations (issue 5 item 3, 6.2): real events pushed through the sync
 * API for two stations, then GET /api/office/metrics answers what the domain functions give for the same
 * states, and /metrics/cases lists the records behind a rate, masked.
 */
import type { App } from '../../../src/server/app'
import type { OfficeMetricCasesAnswer, OfficeMetricsAnswer } from '../../../src/server/metrics/metricTypes'
import type { TestDatabase } from '../helpers/databases'
import type { TestDevice } from '../helpers/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { foldCase } from '../../../src/domain/case'
import type { CaseState } from '../../../src/domain/case'
import { foldConsultation } from '../../../src/domain/consultation'
import type { ConsultationState } from '../../../src/domain/consultation'
import type { DomainEvent } from '../../../src/domain/events'
import { newStreamId } from '../../../src/domain/events'
import { metricSeries, qualityMetrics } from '../../../src/domain/metrics'
import { jsonb } from '../../../src/server/db'
import { appFor } from '../helpers/app'
import { testDatabases } from '../helpers/databases'
import { signInOffice } from '../helpers/office'
import { addStation, bearer, caseEvent, caseReceived, consultation, enrollDevice, materialsComplete, pushOk } from '../helpers/sync'
import { builtinWorkCalendar } from '../../../src/domain/calendar'

const NOW = new Date('2026-03-25T12:00:00+08:00')
let office: { cookie: string } = { cookie: '' }

function caseStream(device: TestDevice, receipt: string, dueAt: string, completedAt: string | null, applicantName = '张小明'): DomainEvent[] {
  const stream = newStreamId('case')
  const events = [
    caseEvent(device, stream, 'case.received', { ...caseReceived, applicant: { ...caseReceived.applicant, name: applicantName } }, '2026-03-02T09:00:00+08:00'),
    caseEvent(device, stream, 'case.materialsChecked', materialsComplete, '2026-03-02T09:05:00+08:00'),
    caseEvent(device, stream, 'case.accepted', { receiptNumber: receipt, dueAt, assistMode: 'accompany' }, '2026-03-02T09:10:00+08:00'),
  ]
  if (completedAt)
    events.push(caseEvent(device, stream, 'case.completed', { completedAt }, completedAt))
  return events
}

function referred(device: TestDevice, recordedAt: string, dueAt: string, repliedAt: string | null): DomainEvent[] {
  const recorded = consultation(device, { occurredAt: recordedAt })
  const { answer: _answer, ...payload } = recorded.payload as Record<string, unknown>
  const events: DomainEvent[] = [
    { ...recorded, payload: { ...payload, contact: { name: '欧阳小明', phone: '13912345678' } } },
    caseEvent(device, recorded.stream, 'consultation.referred', { department: '县人社局', personContacted: { name: '刘科长' }, dueAt }, recordedAt),
  ]
  if (repliedAt)
    events.push(caseEvent(device, recorded.stream, 'consultation.replied', { reply: '已答复', repliedAt }, repliedAt))
  return events
}

function byStream(events: readonly DomainEvent[]): DomainEvent[][] {
  const map = new Map<string, DomainEvent[]>()
  for (const e of events)
    map.set(e.stream, [...(map.get(e.stream) ?? []), e])
  return [...map.values()]
}

function states(events: readonly DomainEvent[]): { cases: CaseState[], consultations: ConsultationState[] } {
  const streams = byStream(events)
  return {
    cases: streams.filter(s => s[0]?.stream.startsWith('case:')).map(s => foldCase(s, builtinWorkCalendar())).filter((s): s is CaseState => s !== null),
    consultations: streams.filter(s => s[0]?.stream.startsWith('consultation:')).map(s => foldConsultation(s, builtinWorkCalendar())).filter((s): s is ConsultationState => s !== null),
  }
}

describe.each(testDatabases())('office metrics on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  let stationA: string
  let stationB: string
  let deviceA: TestDevice
  const eventsA: DomainEvent[] = []
  const eventsB: DomainEvent[] = []

  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx, { now: () => NOW })
    office = (await signInOffice(app, ctx.db, { username: 'office-metrics', role: 'viewer', displayName: '测试主管机构' })).headers
    stationA = await addStation(ctx.db, '城区甲便民服务站')
    stationB = await addStation(ctx.db, '城区乙便民服务站')
    await ctx.db.insertInto('service_items').values([
      { code: 'complete-item', item: jsonb({ code: 'complete-item', name: '完整指南事项', conditions: ['年满16周岁'], materials: [{ name: '身份证' }], process: ['受理'], promisedLimitWorkdays: 5, fee: '不收费', legalBasis: ['某法'] }) },
      { code: 'thin-item', item: jsonb({ code: 'thin-item', name: '指南不全事项', conditions: [], materials: [], process: ['受理'], fee: '不收费' }) },
    ]).execute()
    await ctx.db.insertInto('station_items').values([
      { station_id: stationA, item_code: 'complete-item' },
      { station_id: stationA, item_code: 'thin-item' },
      { station_id: stationB, item_code: 'complete-item' },
    ]).execute()
    deviceA = await enrollDevice(app, ctx.db, stationA)
    const deviceB = await enrollDevice(app, ctx.db, stationB)

    eventsA.push(
      // On time, late (2 days after its due), still open past its due (late as of NOW), and open not yet due (pending).
      ...caseStream(deviceA, 'A-2026-0001', '2026-03-10T23:59:59.999+08:00', '2026-03-09T15:00:00+08:00'),
      ...caseStream(deviceA, 'A-2026-0002', '2026-03-11T23:59:59.999+08:00', '2026-03-13T10:00:00+08:00', '欧阳娜娜'),
      ...caseStream(deviceA, 'A-2026-0003', '2026-03-20T23:59:59.999+08:00', null),
      ...caseStream(deviceA, 'A-2026-0004', '2026-03-30T23:59:59.999+08:00', null),
      // Due in April: outside the range.
      ...caseStream(deviceA, 'A-2026-0005', '2026-04-02T23:59:59.999+08:00', null),
      consultation(deviceA, { occurredAt: '2026-03-04T10:00:00+08:00' }),
      ...referred(deviceA, '2026-03-05T10:00:00+08:00', '2026-03-06T23:59:59.999+08:00', '2026-03-09T09:00:00+08:00'),
    )
    eventsB.push(
      ...caseStream(deviceB, 'B-2026-0001', '2026-03-12T23:59:59.999+08:00', '2026-03-12T11:00:00+08:00'),
      ...referred(deviceB, '2026-03-16T10:00:00+08:00', '2026-03-17T23:59:59.999+08:00', '2026-03-17T16:00:00+08:00'),
    )
    for (const [device, events] of [[deviceA, eventsA], [deviceB, eventsB]] as const) {
      const answer = await pushOk(app, device, events)
      expect(answer.results.every(r => r.status === 'applied')).toBe(true)
    }
  }, 60_000)

  afterAll(() => ctx.close())

  async function getJson<T>(path: string): Promise<T> {
    const res = await app.request(path, { headers: office })
    expect(res.status, await res.clone().text()).toBe(200)
    return await res.json() as T
  }

  it('answers each station\'s three rates and series as the domain functions do over the same states', async () => {
    const answer = await getJson<OfficeMetricsAnswer>('/api/office/metrics?from=2026-03-01&to=2026-03-31&period=week')
    expect(answer.period).toBe('week')
    const mine = answer.stations.filter(s => s.stationId === stationA || s.stationId === stationB)
    expect(mine.map(s => s.name)).toEqual(['城区甲便民服务站', '城区乙便民服务站'])
    expect(mine[0]?.county).toBe('小店区')

    for (const [stationId, events] of [[stationA, eventsA], [stationB, eventsB]] as const) {
      const row = answer.stations.find(s => s.stationId === stationId)
      const inputs = states(events)
      const expected = qualityMetrics(inputs, '2026-03-01', '2026-03-31', { asOf: NOW, calendar: builtinWorkCalendar() })
      expect(row?.onTimeCompletion).toMatchObject({ due: expected.onTimeCompletion.due, onTime: expected.onTimeCompletion.onTime, late: expected.onTimeCompletion.late, pending: expected.onTimeCompletion.pending.length, rate: expected.onTimeCompletion.rate, display: expected.onTimeCompletion.display })
      expect(row?.timelyHandling).toMatchObject({ due: expected.timelyHandling.due, onTime: expected.timelyHandling.onTime, late: expected.timelyHandling.late, rate: expected.timelyHandling.rate, display: expected.timelyHandling.display })
      const series = metricSeries('week', '2026-03-01', '2026-03-31', inputs, { asOf: NOW, calendar: builtinWorkCalendar() })
      expect(row?.series.map(p => [p.bucket.key, p.onTimeCompletion.due, p.onTimeCompletion.onTime, p.timelyHandling.due, p.timelyHandling.onTime]))
        .toEqual(series.map(p => [p.bucket.key, p.onTimeCompletion.due, p.onTimeCompletion.onTime, p.timelyHandling.due, p.timelyHandling.onTime]))
    }

    const a = answer.stations.find(s => s.stationId === stationA)
    expect(a?.onTimeCompletion).toMatchObject({ due: 3, onTime: 1, late: 2, pending: 1, display: '33.3%' })
    expect(a?.timelyHandling).toMatchObject({ due: 2, onTime: 1, late: 1, display: '50%' })
    expect(a?.disclosure).toMatchObject({ offered: 2, complete: 1, display: '50%' })
    expect(a?.disclosure.incomplete[0]).toMatchObject({ code: 'thin-item', missing: ['申请条件', '申请材料', '办理时限', '设定依据'] })
    const b = answer.stations.find(s => s.stationId === stationB)
    expect(b?.onTimeCompletion).toMatchObject({ due: 1, onTime: 1, display: '100%' })
    expect(b?.disclosure).toMatchObject({ offered: 1, complete: 1, display: '100%' })

    // Overall: every station's states together through the same function.
    const all = qualityMetrics(states([...eventsA, ...eventsB]), '2026-03-01', '2026-03-31', { asOf: NOW, calendar: builtinWorkCalendar() })
    expect(answer.overall.onTimeCompletion).toMatchObject({ due: all.onTimeCompletion.due, onTime: all.onTimeCompletion.onTime, display: all.onTimeCompletion.display })
    expect(answer.overall.timelyHandling).toMatchObject({ due: all.timelyHandling.due, onTime: all.timelyHandling.onTime })
    expect(answer.overall.disclosure).toMatchObject({ offered: 3, complete: 2 })
  })

  it('narrows to one station, and a range with nothing due reads 无到期办件', async () => {
    const one = await getJson<OfficeMetricsAnswer>(`/api/office/metrics?from=2026-03-01&to=2026-03-31&stationId=${stationB}`)
    expect(one.stations.map(s => s.stationId)).toEqual([stationB])
    expect(one.period).toBe('month')
    const empty = await getJson<OfficeMetricsAnswer>(`/api/office/metrics?from=2026-02-01&to=2026-02-28&period=day&stationId=${stationA}`)
    expect(empty.stations[0]?.onTimeCompletion).toMatchObject({ due: 0, rate: null, display: '无到期办件' })
    expect(empty.stations[0]?.series).toHaveLength(28)
    expect((await app.request('/api/office/metrics?from=2026-03-01&to=2026-03-31&stationId=no-such', { headers: office })).status).toBe(404)
  })

  it('drills down to the late cases: receipt, item, due, completed, lateness, masked name only', async () => {
    const drill = await getJson<OfficeMetricCasesAnswer>(`/api/office/metrics/cases?stationId=${stationA}&metric=onTime&from=2026-03-01&to=2026-03-31`)
    expect(drill.summary).toMatchObject({ due: 3, onTime: 1, late: 2, pending: 1 })
    const late = drill.cases.filter(c => c.outcome === 'late')
    expect(late.map(c => c.receiptNumber)).toEqual(['A-2026-0002', 'A-2026-0003'])
    expect(late[0]).toMatchObject({ itemName: caseReceived.itemName, dueAt: '2026-03-11T23:59:59.999+08:00', completedAt: '2026-03-13T10:00:00+08:00', lateByCalendarDays: 2, lateByWorkdays: 2, maskedName: '欧**娜', stationId: stationA })
    expect(late[1]).toMatchObject({ completedAt: null, lateByCalendarDays: 5 })
    expect(drill.pending.map(c => c.receiptNumber)).toEqual(['A-2026-0004'])
    const text = JSON.stringify(drill)
    expect(text).not.toContain('欧阳娜娜')
    expect(text).not.toContain('13812345678')
    expect(text).not.toContain('11010519491231002X')

    const consult = await getJson<OfficeMetricCasesAnswer>(`/api/office/metrics/cases?stationId=${stationA}&metric=consultation&from=2026-03-01&to=2026-03-31`)
    expect(consult.summary).toMatchObject({ due: 2, onTime: 1, late: 1 })
    expect(consult.cases.find(c => c.outcome === 'late')).toMatchObject({ kind: 'consultation', maskedName: '欧**明', lateByWorkdays: 1 })
    expect(JSON.stringify(consult)).not.toContain('13912345678')
  })

  it('answers 400 with field errors for a bad query', async () => {
    const cases: [string, string][] = [
      ['/api/office/metrics?from=2026-3-1&to=2026-03-31', 'from'],
      ['/api/office/metrics?from=2026-02-30&to=2026-03-31', 'from'],
      ['/api/office/metrics?from=2026-03-31&to=2026-03-01', 'to'],
      ['/api/office/metrics?from=2025-01-01&to=2026-03-31', 'to'],
      ['/api/office/metrics?from=2026-03-01&to=2026-03-31&period=year', 'period'],
      ['/api/office/metrics?to=2026-03-31', 'from'],
      ['/api/office/metrics/cases?from=2026-03-01&to=2026-03-31&metric=speed', 'metric'],
      ['/api/office/metrics/cases?from=2026-03-01&to=2026-03-31', 'metric'],
    ]
    for (const [path, field] of cases) {
      const res = await app.request(path, { headers: office })
      expect(res.status, path).toBe(400)
      const body = await res.json() as { error: string, message: string, fields: { path: string, message: string }[] }
      expect(body.error).toBe('invalid-query')
      expect(body.fields.map(f => f.path), path).toContain(field)
      expect(body.message).toMatch(/[\u4E00-\u9FFF]/)
    }
    // A whole year (leap day included) is allowed.
    expect((await app.request('/api/office/metrics?from=2027-03-01&to=2028-02-29&period=month', { headers: office })).status).toBe(200)
  })

  it('GET /api/office/me names the signed-in office account', async () => {
    expect(await getJson<{ username: string, displayName: string }>('/api/office/me')).toEqual({ username: 'office-metrics', displayName: '测试主管机构', role: 'viewer', divisionCode: '14' })
    expect((await app.request('/api/office/me')).status).toBe(401)
  })

  it('answers 401 without office login, with a wrong password, and to a device token', async () => {
    for (const path of ['/api/office/metrics?from=2026-03-01&to=2026-03-31', `/api/office/metrics/cases?stationId=${stationA}&metric=onTime&from=2026-03-01&to=2026-03-31`]) {
      expect((await app.request(path)).status).toBe(401)
      const wrong = await app.request(path, { headers: { cookie: 'bianmin_office=not-a-session-token-at-all' } })
      expect(wrong.status).toBe(401)
      const device = await app.request(path, bearer(deviceA.token))
      expect(device.status).toBe(401)
      expect((await device.json() as { error: string }).error).toBe('unauthorized')
    }
  })
})
