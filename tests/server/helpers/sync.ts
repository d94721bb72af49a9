/**
 * Builders for the sync suites: stations, enrolled devices (through the real enroll endpoint) and
 * valid events, plus thin wrappers around push / pull / blob calls on the in-process app.
 */
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { App } from '../../../src/server/app'
import { mintEnrollmentCode } from '../../../src/server/auth/devices'
import type { Database } from '../../../src/server/db'
import { jsonb } from '../../../src/server/db'
import type { DomainEvent } from '../../../src/domain/events'
import { newEventId, newStreamId } from '../../../src/domain/events'
import type { PushAnswer, ServerPullAnswer } from '../../../src/domain/protocol'

export const APP_VERSION = '0.1.0'

export interface TestDevice {
  deviceId: string
  stationId: string
  token: string
}

let stationSerial = 0

/** A fresh open station with a unique id (suites share one database per file). */
export async function addStation(db: Kysely<Database>, name = '测试便民服务站'): Promise<string> {
  stationSerial += 1
  const id = `st-${randomUUID()}`
  await db.insertInto('stations').values({
    id,
    code: `T${String(stationSerial).padStart(3, '0')}${Math.floor(Math.random() * 1000).toString().padStart(3, '0')}`.slice(0, 8),
    name,
    host_type: 'bank',
    host_unit: '测试银行',
    address: '山西省太原市小店区',
    county_code: '140105',
    opening_hours: jsonb([{ days: [1, 2, 3, 4, 5], open: '09:00', close: '17:00' }]),
    tier: 'basic',
    latitude: null,
    longitude: null,
    contact_phone: null,
    state: 'open',
  }).execute()
  return id
}

/** Enrolls a device through POST /api/devices/enroll with a freshly minted code. */
export async function enrollDevice(app: App, db: Kysely<Database>, stationId: string, deviceName = '柜台平板'): Promise<TestDevice> {
  const { code } = await mintEnrollmentCode(db, stationId)
  const res = await app.request('/api/devices/enroll', json({ code, deviceName }))
  if (res.status !== 200)
    throw new Error(`enroll answered ${res.status}: ${await res.text()}`)
  const body = await res.json() as { deviceId: string, token: string, stationId: string }
  return { deviceId: body.deviceId, stationId: body.stationId, token: body.token }
}

/** A POST with a JSON body (and a bearer token when given). */
export function json(body: unknown, token?: string, method = 'POST'): RequestInit {
  return {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  }
}

export function bearer(token: string): RequestInit {
  return { headers: { Authorization: `Bearer ${token}` } }
}

export async function push(app: App, device: TestDevice, events: unknown[], extra: Record<string, unknown> = {}): Promise<Response> {
  return app.request('/api/sync/push', json({ protocol: 1, appVersion: APP_VERSION, events, ...extra }, device.token))
}

export async function pushOk(app: App, device: TestDevice, events: unknown[], extra: Record<string, unknown> = {}): Promise<PushAnswer> {
  const res = await push(app, device, events, extra)
  if (res.status !== 200)
    throw new Error(`push answered ${res.status}: ${await res.text()}`)
  return await res.json() as PushAnswer
}

export async function pullOk(app: App, device: TestDevice, query: Record<string, string | number> = {}): Promise<ServerPullAnswer> {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()
  const res = await app.request(`/api/sync/pull${qs ? `?${qs}` : ''}`, bearer(device.token))
  if (res.status !== 200)
    throw new Error(`pull answered ${res.status}: ${await res.text()}`)
  return await res.json() as ServerPullAnswer
}

/** Pulls every page after `cursor`. */
export async function pullAll(app: App, device: TestDevice, cursor = 0, limit = 2000): Promise<DomainEvent[]> {
  const events: DomainEvent[] = []
  for (;;) {
    const page = await pullOk(app, device, { cursor, limit })
    events.push(...page.events)
    cursor = page.cursor
    if (!page.more)
      return events
  }
}

/** A valid consultation.recorded by this device (answered on the spot). */
export function consultation(device: TestDevice, overrides: Partial<DomainEvent> = {}): DomainEvent {
  return {
    id: newEventId(),
    stream: newStreamId('consultation'),
    type: 'consultation.recorded',
    v: 1,
    payload: { channel: 'visit', contact: { name: '张小明', phone: '13812345678' }, question: '身份证到期怎么换？', answer: '携带原证和户口簿到派出所办理' },
    stationId: device.stationId,
    deviceId: device.deviceId,
    staffId: 'staff-1',
    occurredAt: '2026-03-02T10:00:00+08:00',
    ...overrides,
  }
}

/** Events of one case: received → materials checked (complete) → then whatever `then` adds. */
export function caseEvent(device: TestDevice, stream: string, type: string, payload: unknown, occurredAt: string): DomainEvent {
  return { id: newEventId(), stream, type, v: 1, payload, stationId: device.stationId, deviceId: device.deviceId, staffId: 'staff-1', occurredAt }
}

export const caseReceived = {
  kind: 'assisted',
  itemCode: 'hukou-idcard-renew',
  itemName: '居民身份证换领(有效期满)',
  department: '公安机关',
  promisedLimitWorkdays: 15,
  channel: 'walkIn',
  applicant: { type: 'person', name: '张小明', idNumber: '11010519491231002X', mobile: '13812345678' },
}

export const materialsComplete = {
  materials: [
    { name: '原居民身份证', required: true, status: 'provided', form: '原件', copies: 1 },
    { name: '居民户口簿', required: true, status: 'provided', form: '原件', copies: 1 },
  ],
  complete: true,
}

export async function countEvents(db: Kysely<Database>, stationId: string): Promise<number> {
  const row = await db.selectFrom('events').select(eb => eb.fn.countAll<number>().as('n')).where('station_id', '=', stationId).executeTakeFirstOrThrow()
  return Number(row.n)
}
