/**
 * Ledger fixtures for the app tests: cases recorded through the data layer (the same validation, projection
 * and outbox path as the counter) on a signed-in tablet of station 站 'station-jc-01' (staff 王晓燕, 李建军).
 */
import type { CaseEventPayloads } from '../../../src/domain/case'
import type { DomainEvent } from '../../../src/domain/events'
import { recordEvents } from '../../../src/app/data'
import { ratingStreamFor } from '../../../src/domain/rating'
import { caseEvent, ratingEvent } from '../../domain/support/eventFactory'

/** A distinct case stream per n. */
export function caseStream(n: number): string {
  return `case:01960000-0000-7000-8000-${(0xA000 + n).toString(16).padStart(12, '0')}`
}

type Kind = CaseEventPayloads['case.received']['kind']

export interface CaseSpec {
  n: number
  /** ISO instant of receipt (with offset). */
  at: string
  kind?: Kind
  /** Accept it (staff-li) with a receipt number; `dueAt: null` (as recorded before 暂定) is counted by the fold from the acceptance. */
  accept?: { dueAt?: string | null } | false
  /** Who received it (null: nobody recorded, 受理人员 incomplete when not accepted by someone). */
  staff?: string | null
  applicant?: { name: string, idNumber: string, mobile: string }
}

const DEFAULT_APPLICANT = { type: 'person' as const, name: '张小明', idNumber: '11010519491231002X', mobile: '13812345678' }

/** The events of one case: received (+ materials checked + accepted). */
export function caseEvents(spec: CaseSpec): DomainEvent[] {
  const stream = caseStream(spec.n)
  const later = (minutes: number) => new Date(Date.parse(spec.at) + minutes * 60_000).toISOString()
  const staff = spec.staff === undefined ? 'staff-wang' : spec.staff
  const events = [caseEvent('case.received', spec.at, { kind: spec.kind ?? 'intake', applicant: { ...DEFAULT_APPLICANT, ...spec.applicant } }, { stream, staff, device: 'device-a' })]
  if (spec.accept !== false && spec.accept !== undefined) {
    events.push(caseEvent('case.materialsChecked', later(5), {}, { stream, staff, device: 'device-a' }))
    events.push(caseEvent('case.accepted', later(10), {
      receiptNumber: `JC01-2026-${String(spec.n).padStart(6, '0')}`,
      dueAt: spec.accept.dueAt === undefined ? '2026-12-09T23:59:59.999+08:00' : spec.accept.dueAt,
      assistMode: spec.kind === 'assisted' ? 'accompany' : null,
    }, { stream, staff: staff === null ? null : 'staff-li', device: 'device-a' }))
  }
  return events
}

/** Record the cases, each in its own transaction as the counter would. */
export async function recordCases(specs: readonly CaseSpec[]): Promise<void> {
  for (const spec of specs)
    await recordEvents(caseEvents(spec))
}

/** The citizen rated case n 满意 or 非常满意 at `at` (prompted first, as at the counter; the default reasons are a good rating's). */
export async function recordRating(n: number, level: 4 | 5, at: string): Promise<void> {
  const subject = caseStream(n)
  const stream = ratingStreamFor(subject)
  await recordEvents([
    ratingEvent('rating.prompted', at, { subject }, { stream, device: 'device-a' }),
    ratingEvent('rating.given', new Date(Date.parse(at) + 60_000).toISOString(), { subject, level }, { stream, device: 'device-a' }),
  ])
}

/** RFC 4180 CSV → records (quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i)
    if (quoted) {
      if (ch === '"' && text.charAt(i + 1) === '"') {
        field += '"'
        i++
      }
      else if (ch === '"') {
        quoted = false
      }
      else {
        field += ch
      }
    }
    else if (ch === '"') {
      quoted = true
    }
    else if (ch === ',') {
      record.push(field)
      field = ''
    }
    else if (ch === '\r' && text.charAt(i + 1) === '\n') {
      record.push(field)
      records.push(record)
      record = []
      field = ''
      i++
    }
    else {
      field += ch
    }
  }
  return records
}
