import { describe, expect, it } from 'vitest'
import { checkLedgerRow, incompleteLedgerRows } from '../../src/domain/ledgerCompleteness'
import { ledgerDRow } from '../../src/domain/ledgerD'
import { ledgerERow } from '../../src/domain/ledgerE'
import { ledgerFRow } from '../../src/domain/ledgerF'
import { ledgerRows, matchesLedgerFilter } from '../../src/domain/ledgerFilter'
import { assistedConverted, assistedWithModes, buildCase, ctx, intakeAccepted, intakeAwaitingSupplement, intakeReturned, step, steps } from './support/ledgerFixtures'

const { rowNumber: _n, ...context } = ctx()

describe('ledger filter (CST received date, staff, item, state)', () => {
  const lateNight = buildCase(60, steps.received('intake', '2026-03-31T23:30:00+08:00'))
  const nextMonth = buildCase(61, steps.received('intake', '2026-04-01T00:10:00+08:00'))

  it.each([
    ['a case received at 23:30 CST on 3/31 is in March', lateNight, { from: '2026-03-01', to: '2026-03-31' }, true],
    ['a case received at 00:10 CST on 4/1 is not in March (it is still 3/31 in UTC and in the test zone)', nextMonth, { from: '2026-03-01', to: '2026-03-31' }, false],
    ['both ends are inclusive', intakeAccepted(), { from: '2026-03-02', to: '2026-03-02' }, true],
    ['an open end is unbounded', nextMonth, { from: '2026-03-01' }, true],
    ['staff: who accepted it', intakeAccepted(), { staffIds: ['staff-li'] }, true],
    ['staff: who received it', intakeAccepted(), { staffIds: ['staff-wang'] }, true],
    ['staff: neither', intakeAccepted(), { staffIds: ['staff-zhao'] }, false],
    ['item code', intakeAccepted(), { itemCodes: ['sicard-lost-replace'] }, false],
    ['status', intakeReturned(), { statuses: ['returned'] }, true],
    ['status not in the list', intakeReturned(), { statuses: ['accepted', 'completed'] }, false],
    ['empty lists do not filter', intakeReturned(), { staffIds: [], itemCodes: [], statuses: [] }, true],
  ] as const)('%s', (_name, state, filter, expected) => {
    expect(matchesLedgerFilter(state, filter)).toBe(expected)
  })
})

describe('ledgerRows', () => {
  it('chooses the ledger\'s cases, sorts by time received then id, and numbers from 1', () => {
    const later = buildCase(70, steps.received('intake', '11:00'))
    const cases = [later, assistedWithModes(71), intakeAccepted(72), assistedConverted(73), intakeReturned(74)]
    const d = ledgerRows('D', cases, {}, context)
    expect(d.map(r => [r.seq, r.caseId])).toEqual([[1, cases[1]?.id], [2, cases[2]?.id], [3, cases[3]?.id], [4, cases[4]?.id], [5, later.id]])
    expect(ledgerRows('E', cases, {}, context).map(r => r.caseId)).toEqual([cases[1]?.id, cases[3]?.id])
    expect(ledgerRows('F', cases, {}, context).map(r => [r.seq, r.caseId])).toEqual([[1, cases[3]?.id]])
  })

  it('filters before numbering', () => {
    const rows = ledgerRows('D', [intakeAccepted(80), intakeReturned(81)], { statuses: ['returned'] }, context)
    expect(rows.map(r => [r.seq, r.acceptance])).toEqual([[1, '不予受理（退件）']])
  })
})

describe('completeness (6.2.4)', () => {
  it('complete rows have nothing missing', () => {
    expect(checkLedgerRow('D', ledgerDRow(intakeAccepted(), ctx()))).toEqual([])
    expect(checkLedgerRow('D', ledgerDRow(intakeReturned(), ctx()))).toEqual([])
    expect(checkLedgerRow('D', ledgerDRow(intakeAwaitingSupplement(), ctx()))).toEqual([])
    expect(checkLedgerRow('E', ledgerERow(assistedWithModes(), ctx()))).toEqual([])
  })

  it('D: flags the station name, the handler and a due that could not be computed, in column order', () => {
    // A projection stored before 暂定 dues existed: accepted, no due.
    const noDue = { ...buildCase(90, step('case.received', '09:00', { kind: 'intake' }, null), steps.checked(), step('case.accepted', '09:10', { dueAt: null }, null)), dueAt: null }
    expect(checkLedgerRow('D', ledgerDRow(noDue, ctx({ stationName: '' })))).toEqual(['便民服务站名称', '办理时限', '受理人员'])
  })

  it('D: 办理时限 is required only once accepted, 退件原因 only when returned', () => {
    const row = ledgerDRow(intakeAccepted(), ctx())
    expect(checkLedgerRow('D', { ...row, timeLimit: '' })).toEqual(['办理时限'])
    expect(checkLedgerRow('D', { ...row, receiptNumber: null, acceptance: '待受理', timeLimit: '' })).toEqual([])
    const returned = ledgerDRow(intakeReturned(), ctx())
    expect(checkLedgerRow('D', { ...returned, returnReason: ' ' })).toEqual(['退件原因'])
  })

  it('E: a 帮办 case with no 帮办方式 recorded is flagged', () => {
    const state = buildCase(91, steps.received('assisted'), steps.checked(), steps.accepted('09:10', { assistMode: null }))
    expect(checkLedgerRow('E', ledgerERow(state, ctx()))).toEqual(['帮办方式'])
  })

  it('F: the 委托书 columns are required once accepted or terminated, not while the case waits for one', () => {
    expect(checkLedgerRow('F', ledgerFRow(assistedConverted(), ctx()))).toEqual([])
    const row = ledgerFRow(buildCase(92, steps.received('proxy'), steps.checked(), steps.entrusted(), steps.accepted()), ctx())
    expect(checkLedgerRow('F', row)).toEqual([])
    expect(checkLedgerRow('F', { ...row, entrustedDate: '', entrustmentNumber: '', materials: '' })).toEqual(['委托日期', '委托书编号', '材料交接清单'])
  })

  it('F: 办结日期 when 办结, 领取人签字 when handed over in person (无 is missing), 中止或终止原因 when stopped', () => {
    const handed = buildCase(93, steps.received('proxy'), steps.checked(), steps.entrusted(), steps.accepted(), step('case.completed', '2026-03-20T15:10:00+08:00'), step('case.handedOver', '2026-03-21T10:00:00+08:00', { method: 'inPerson', recipient: { name: '张小明', identityChecked: true }, eLicenceHintGiven: false }))
    const row = ledgerFRow(handed, ctx())
    expect(checkLedgerRow('F', row)).toEqual(['领取人签字'])
    expect(checkLedgerRow('F', { ...row, completedDate: '', recipientSignature: '签字已存' })).toEqual(['办结日期'])
    expect(checkLedgerRow('F', { ...row, recipientSignature: '签字已存', status: '续办（中止）' })).toEqual(['中止或终止原因'])
  })

  it('incompleteLedgerRows lists only the flagged rows, with their 序号', () => {
    const rows = ledgerRows('D', [intakeAccepted(94), buildCase(95, step('case.received', '10:00', { kind: 'intake' }, null))], {}, context)
    expect(incompleteLedgerRows('D', rows)).toEqual([{ caseId: rows[1]?.caseId, seq: 2, missing: ['受理人员'] }])
  })
})
