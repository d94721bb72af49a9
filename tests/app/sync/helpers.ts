/** Shared setup for the sync tests: a fresh tablet database, enrollment, and valid events to record. */
import type { DomainEvent } from '../../../src/domain/events'
import { BianminDb, useDatabase } from '../../../src/app/data/db'
import { recordEvent } from '../../../src/app/data/record'
import { saveEnrollment } from '../../../src/app/data'
import { newEventId, newStreamId } from '../../../src/domain/events'

export interface TestDevice {
  deviceId: string
  stationId: string
  token: string
}

let counter = 0

/** A new, empty tablet database made current for the data layer. */
export function freshTabletDb(): BianminDb {
  counter += 1
  const db = new BianminDb(`sync-test-${Date.now()}-${counter}-${Math.random().toString(36).slice(2)}`)
  useDatabase(db)
  return db
}

/** A tablet that is enrolled without a server (for tests with a scripted fetch). */
export async function enrolledTablet(device: TestDevice = { deviceId: 'tablet-A', stationId: 'station-TY01', token: 't'.repeat(43) }): Promise<TestDevice> {
  freshTabletDb()
  await saveEnrollment(device)
  return device
}

/** A valid consultation.recorded event of this device. */
export function consultationRecorded(device: Pick<TestDevice, 'deviceId' | 'stationId'>, options: { occurredAt?: string, question?: string, staffId?: string } = {}): DomainEvent {
  return {
    id: newEventId(),
    stream: newStreamId('consultation'),
    type: 'consultation.recorded',
    v: 1,
    payload: {
      channel: 'visit',
      contact: { name: '李华', phone: '0351-1234567' },
      itemCode: 'sicard-lost-replace',
      itemName: '社会保障卡挂失补办',
      question: options.question ?? '外地户口能在本站补办社保卡吗？',
    },
    stationId: device.stationId,
    deviceId: device.deviceId,
    staffId: options.staffId ?? 'staff-wang',
    occurredAt: options.occurredAt ?? new Date().toISOString(),
  }
}

/** Records `n` consultations at the counter (each with its outbox row). */
export async function recordConsultations(device: Pick<TestDevice, 'deviceId' | 'stationId'>, n: number, options: { occurredAt?: string } = {}): Promise<DomainEvent[]> {
  const out: DomainEvent[] = []
  for (let i = 0; i < n; i++)
    out.push(await recordEvent(consultationRecorded(device, { ...options, question: `问题 ${i + 1}：外地户口能在本站补办社保卡吗？` })))
  return out
}

/** A JSON Response. */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}
