/** Shared test fixtures: a fresh database per test, valid domain events, and injected storage faults. */
import type { DBCore, DBCoreMutateRequest } from 'dexie'
import type { DomainEvent } from '../../../src/domain/events'
import { Blob as NodeBlob } from 'node:buffer'
import { afterEach } from 'vitest'
import { BianminDb, useDatabase } from '../../../src/app/data/db'
import { newEventId, newStreamId } from '../../../src/domain/events'

const opened: BianminDb[] = []

afterEach(async () => {
  for (const db of opened.splice(0))
    await db.delete()
})

export interface Faults {
  /** Writes to `table` (of the given kinds, default all) fail with `error` until cleared. */
  failWrites: (table: string, error: unknown, kinds?: DBCoreMutateRequest['type'][]) => void
  clear: () => void
}

/** A database of its own for this test (deleted afterwards), made current, with a switchable fault injector below every table. */
export function freshDatabase(name = `test-${crypto.randomUUID()}`): { db: BianminDb, faults: Faults } {
  const db = new BianminDb(name)
  const failing = new Map<string, { error: unknown, kinds: DBCoreMutateRequest['type'][] | undefined }>()
  // A DBCore middleware sits between Dexie and IndexedDB: a rejected mutate is what a failing IndexedDB write looks like.
  db.use({
    stack: 'dbcore',
    name: 'test-faults',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (tableName) => {
        const table = down.table(tableName)
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) => {
            const fault = failing.get(tableName)
            return fault && (!fault.kinds || fault.kinds.includes(req.type)) ? Promise.reject(fault.error) : table.mutate(req)
          },
        }
      },
    }),
  })
  useDatabase(db)
  opened.push(db)
  return {
    db,
    faults: {
      failWrites: (table, error, kinds) => failing.set(table, { error, kinds }),
      clear: () => failing.clear(),
    },
  }
}

/** Register a database opened outside freshDatabase for deletion after the test. */
export function deleteAfterTest(db: BianminDb): void {
  opened.push(db)
}

export const STATION = 'station-jc-01'
export const DEVICE = 'device-a'
export const STAFF = 'staff-wang'

type Overrides = Partial<Omit<DomainEvent, 'payload'>>

function envelope(stream: string, type: string, payload: unknown, overrides: Overrides): DomainEvent {
  return { id: newEventId(), stream, type, v: 1, payload, stationId: STATION, deviceId: DEVICE, staffId: STAFF, occurredAt: '2026-03-02T09:00:00+08:00', ...overrides }
}

/** case.received for a walk-in 帮办 case; the applicant is personal data, inside the payload only. */
export function caseReceived(overrides: Overrides = {}): DomainEvent {
  return envelope(overrides.stream ?? newStreamId('case'), 'case.received', {
    kind: 'assisted',
    itemCode: 'SX-0001',
    itemName: '城乡居民基本养老保险参保登记',
    department: '人力资源和社会保障局',
    promisedLimitWorkdays: 5,
    channel: 'walkIn',
    applicant: { type: 'person', name: '张三', idNumber: '11010519491231002X', mobile: '13800138000' },
  }, overrides)
}

/** consultation.recorded, a walk-in question not yet answered. */
export function consultationRecorded(overrides: Overrides = {}): DomainEvent {
  return envelope(overrides.stream ?? newStreamId('consultation'), 'consultation.recorded', {
    channel: 'visit',
    contact: { name: '李四', phone: '13900139000' },
    question: '灵活就业人员如何缴纳养老保险？',
  }, overrides)
}

/** consultation.referred to a department, due at `dueAt`. */
export function consultationReferred(stream: string, dueAt: string, overrides: Overrides = {}): DomainEvent {
  return envelope(stream, 'consultation.referred', {
    department: '人力资源和社会保障局',
    personContacted: { name: '赵科长' },
    dueAt,
  }, { occurredAt: '2026-03-02T10:00:00+08:00', ...overrides })
}

/** A Blob that survives IndexedDB's structured clone in tests (happy-dom's Blob does not; browsers' does). */
export function testBlob(text: string, type = 'image/png'): Blob {
  return new NodeBlob([text], { type }) as unknown as Blob
}

/** SHA-256 of 'hello', from `printf hello | sha256sum`. */
export const HELLO_SHA256 = '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'

/** Row counts of every table that recording or pulling writes. */
export async function counts(db: BianminDb): Promise<Record<string, number>> {
  const tables = ['events', 'outbox', 'blobs', 'cases', 'consultations', 'meta', 'staff'] as const
  return Object.fromEntries(await Promise.all(tables.map(async t => [t, await db.table(t).count()] as const)))
}
