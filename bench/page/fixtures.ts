/**
 * Realistic case events for the benchmarks: every payload is typed by the domain and every event passes
 * validateDomainEvent, and a seeded stream folds to an accepted case with no attention flag (checked once,
 * so a schema change fails the bench loudly instead of timing the error path).
 */
import type { CaseEventPayloads, CaseEventType, CaseStatus } from '../../src/domain/case'
import type { DomainEvent } from '../../src/domain/events'
import { builtinWorkCalendar } from '../../src/domain/calendar'
import { foldCase } from '../../src/domain/case'
import { validateDomainEvent } from '../../src/domain/eventTypes'
import { newEventId, newStreamId } from '../../src/domain/events'

export const STATION_ID = 'station-TY01'
export const DEVICE_ID = 'tablet-bench'
const STAFF = ['staff-wang', 'staff-li', 'staff-zhao'] as const

const ITEMS = [
  { itemCode: 'hukou-idcard-renew', itemName: '居民身份证换领(有效期满)', department: '公安机关', promisedLimitWorkdays: 15 },
  { itemCode: 'sicard-lost-replace', itemName: '社会保障卡挂失补办', department: '市人社局', promisedLimitWorkdays: 5 },
  { itemCode: 'pension-certify', itemName: '城乡居民养老保险待遇资格认证', department: '市人社局', promisedLimitWorkdays: 0 },
  { itemCode: 'medical-reimburse', itemName: '异地就医费用手工报销', department: '医疗保障局', promisedLimitWorkdays: 20 },
] as const

const SURNAMES = '王李张刘陈杨赵黄周吴'
const GIVEN = ['小明', '秀英', '建国', '桂兰', '志强', '丽华', '海燕', '国庆']

const HOUR = 3_600_000
const CST = 8 * HOUR

/** An epoch instant as ISO 8601 in China Standard Time, as a tablet writes occurredAt. */
export function cst(ms: number): string {
  return new Date(ms + CST).toISOString().replace('Z', '+08:00')
}

function pick<T>(items: readonly T[], n: number): T {
  return items[n % items.length] as T
}

function envelope<K extends CaseEventType>(stream: string, type: K, payload: CaseEventPayloads[K], staffId: string, at: number): DomainEvent<CaseEventPayloads[K]> {
  return { id: newEventId(), stream, type, v: 1, payload, stationId: STATION_ID, deviceId: DEVICE_ID, staffId, occurredAt: cst(at) }
}

/** The `case.received` of case number `n`: a walk-in 帮办 with a person applicant (personal data included, as at the counter). */
export function receivedPayload(n: number): CaseEventPayloads['case.received'] {
  const item = pick(ITEMS, n)
  return {
    kind: 'assisted',
    itemCode: item.itemCode,
    itemName: item.itemName,
    department: item.department,
    promisedLimitWorkdays: item.promisedLimitWorkdays,
    channel: 'walkIn',
    applicant: {
      type: 'person',
      name: `${pick([...SURNAMES], n)}${pick(GIVEN, Math.floor(n / 10))}`,
      idNumber: `140105${String(19500101 + (n % 50) * 10000).slice(0, 8)}${String(n % 1000).padStart(3, '0')}X`,
      mobile: `138${String(n).padStart(8, '0')}`,
    },
  }
}

function materialsCheckedPayload(): CaseEventPayloads['case.materialsChecked'] {
  return {
    materials: [
      { name: '原居民身份证', required: true, status: 'provided', form: '原件', copies: 1 },
      { name: '居民户口簿', required: true, status: 'provided', form: '原件', copies: 1 },
      { name: '近期免冠照片', required: false, status: 'provided', form: '原件', copies: 2 },
    ],
    complete: true,
  }
}

/** One new `case.received` on a new stream, occurring at `at` (epoch ms). */
export function receivedEvent(n: number, at: number): DomainEvent {
  return envelope(newStreamId('case'), 'case.received', receivedPayload(n), pick(STAFF, n), at)
}

/** The three events of an intake saved together at the counter (received, checklist, accepted), as the cases store records them. */
export function intakeEvents(n: number, at: number): DomainEvent[] {
  const stream = newStreamId('case')
  const staff = pick(STAFF, n)
  return [
    envelope(stream, 'case.received', receivedPayload(n), staff, at),
    envelope(stream, 'case.materialsChecked', materialsCheckedPayload(), staff, at),
    envelope(stream, 'case.accepted', { receiptNumber: `TY01-2026-${String(n).padStart(6, '0')}`, dueAt: cst(at + 21 * 24 * HOUR), assistMode: 'accompany' }, staff, at),
  ]
}

/** A case stream of four events spread over its first days: intake (3 events) and a liaison log entry. */
export function caseStream(n: number, at: number): DomainEvent[] {
  const [received, checked, accepted] = intakeEvents(n, at)
  if (!received || !checked || !accepted)
    throw new Error('intakeEvents returned fewer than three events')
  const logged = envelope(received.stream, 'case.logged', { kind: 'liaison', department: pick(ITEMS, n).department, text: '已电话联系部门确认材料已收到' }, received.staffId ?? pick(STAFF, n), at + 26 * HOUR)
  return [
    received,
    { ...checked, occurredAt: cst(at + 5 * 60_000) },
    { ...accepted, occurredAt: cst(at + 6 * 60_000) },
    logged,
  ]
}

/** Case streams `from`…`from + count - 1`, one every 7 minutes of station time ending now. */
export function caseStreams(from: number, count: number, end: number = Date.now()): DomainEvent[] {
  const events: DomainEvent[] = []
  for (let i = 0; i < count; i++)
    events.push(...caseStream(from + i, end - (count - i) * 7 * 60_000))
  return events
}

/** Throws unless every event passes the domain's validation and the first stream folds cleanly to `status`. */
export function checkFixtures(events: readonly DomainEvent[], status: CaseStatus = 'accepted'): void {
  for (const e of events) {
    const result = validateDomainEvent(e)
    if (!result.ok)
      throw new Error(`bench fixture ${e.type} is invalid: ${JSON.stringify(result.errors)}`)
  }
  const first = events[0]
  if (first === undefined)
    return
  const state = foldCase(events.filter(e => e.stream === first.stream), builtinWorkCalendar())
  if (state?.status !== status || state.needsAttention)
    throw new Error(`bench fixture stream folds to ${state?.status ?? 'nothing'}${state?.needsAttention ? ` (attention: ${state.attentionReasons.join('; ')})` : ''}, expected a clean ${status} case`)
}
