import type { DomainEvent } from '../../../src/domain/events'
import { describe, expect, it } from 'vitest'
import { actionEvent, actionProblem, availableCaseActions, defaultActionFields } from '../../../src/app/case/caseActions'
import { foldCase } from '../../../src/domain/case'
import { builtinWorkCalendar } from '../../../src/domain/calendar'

const AT = '2026-09-30T10:00:00.000+08:00'
// Ids give the fold order of events recorded in the same instant: `seq` in the order of the case.
const ev = (seq: number, type: string, payload: unknown): DomainEvent => ({ id: `0190a000-0000-7000-8000-${String(seq).padStart(12, '0')}`, stream: 'case:0190a000-0000-7000-8000-000000000000', type, v: 1, payload, stationId: 's', deviceId: 'd', staffId: 'staff', occurredAt: AT })
const applicant = { type: 'person', name: '张三丰', idNumber: '11010519491231002X', mobile: '13800138000' }
const received = (kind: string) => ev(1, 'case.received', { kind, itemCode: 'x', itemName: '事项', department: '部门', promisedLimitWorkdays: 5, channel: 'walkIn', applicant })
const checked = ev(2, 'case.materialsChecked', { materials: [], complete: true })
const accepted = ev(4, 'case.accepted', { receiptNumber: 'JC01-2026-A-0001', dueAt: null })
const entrusted = ev(3, 'case.entrusted', { entrustmentNumber: 'JC01-WT-2026-A-0001', principal: applicant, agent: { staffId: 'staff', name: '王' }, items: [{ itemCode: 'x', itemName: '事项' }], powers: ['submit'], validFrom: '2026-09-30', validTo: '2026-10-30', materials: [], signatureSha256: 'a'.repeat(64) })

function state(...events: DomainEvent[]) {
  const s = foldCase(events, builtinWorkCalendar())
  if (!s)
    throw new Error('no case')
  return s
}

describe('帮办/代办 actions offered on the detail view are exactly those the domain allows', () => {
  it('an accepted 帮办 case: accompany, other 帮办方式, work log, convert — no 代办 steps', () => {
    expect(availableCaseActions(state(received('assisted'), checked, accepted), AT)).toEqual(['accompany', 'assistMode', 'log', 'convert'])
  })

  it('an accepted 代办 case: start, supplement request, suspend, terminate, renew — no 帮办 steps', () => {
    expect(availableCaseActions(state(received('proxy'), checked, entrusted, accepted), AT)).toEqual(['log', 'inProgress', 'requestSupplement', 'suspend', 'terminate', 'renew'])
  })

  it('a suspended case can only be resumed, terminated, renewed or logged; a terminated one only logged', () => {
    const suspended = ev(5, 'case.suspended', { reason: '等待部门回复' })
    expect(availableCaseActions(state(received('proxy'), checked, entrusted, accepted, suspended), AT)).toEqual(['log', 'resume', 'terminate', 'renew'])
    const terminated = ev(5, 'case.terminated', { reason: '委托人撤回', initiatedBy: 'principal', materialsReturned: [] })
    expect(availableCaseActions(state(received('proxy'), checked, entrusted, accepted, terminated), AT)).toEqual(['log'])
  })

  it('builds the events staff fill in, and says what is missing', () => {
    const s = state(received('proxy'), checked, entrusted, accepted)
    const f = { ...defaultActionFields('requestSupplement', s), materials: '户口簿\n户口簿、结婚证', contactMethod: 'sms' as const, reached: false }
    expect(actionEvent('requestSupplement', f, s, AT)).toEqual({ type: 'case.supplementRequested', payload: { materials: [{ name: '户口簿' }, { name: '结婚证' }], requestedBy: '部门', contact: { method: 'sms', contactedAt: AT, reached: false, note: null } } })
    expect(actionProblem('terminate', defaultActionFields('terminate', s))).toBe('reasonRequired')
    expect(actionProblem('log', { ...defaultActionFields('log', s), text: '电话联系', logKind: 'liaison' })).toBe('departmentRequired')
    expect(actionProblem('receiveSupplement', defaultActionFields('receiveSupplement', s))).toBe('materialsRequired')
  })
})
