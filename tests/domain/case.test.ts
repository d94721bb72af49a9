import type { CaseEventInput, CaseState } from '../../src/domain/case'
import type { DomainEvent } from '../../src/domain/events'
import { describe, expect, it } from 'vitest'
import { caseTransitionError, foldCase } from '../../src/domain/case'
import { CASE_STREAM, caseEvent as c, DUE_AT, eventId, INCOMPLETE_CHECK, makeEvent, OTHER_CASE_STREAM, scrambled, SUPPLEMENTED_CHECK } from './support/eventFactory'
import { builtinWorkCalendar } from '../../src/domain/calendar'

const B = { device: 'tablet-B', staff: 'staff-li' }

function fold(events: DomainEvent[]): CaseState {
  const state = foldCase(events, builtinWorkCalendar())
  if (!state)
    throw new Error('expected a case')
  return state
}

const received = () => c('case.received', '09:00')
const complete = () => c('case.materialsChecked', '09:05')
const accepted = () => c('case.accepted', '09:10')
const COMPLETED_AT = '2026-03-20T16:00:00+08:00'
const completed = () => c('case.completed', COMPLETED_AT, { completedAt: COMPLETED_AT })

describe('foldCase: legal transitions (6.3.2–6.3.4)', () => {
  it.each<[string, () => DomainEvent[], Partial<CaseState>]>([
    ['received: a new 帮办 case', () => [received()], {
      id: CASE_STREAM,
      status: 'received',
      kind: 'assisted',
      stationId: 'station-TY01',
      staffId: 'staff-wang',
      itemCode: 'hukou-idcard-renew',
      itemName: '居民身份证换领(有效期满)',
      receivedAt: '2026-03-02T09:00:00+08:00',
      applicant: { type: 'person', name: '张小明', idNumber: '11010519491231002X', mobile: '13812345678' },
      receiptNumber: null,
      dueAt: null,
      onTime: null,
    }],
    ['materials complete → ready to accept', () => [received(), complete()], { status: 'materialsComplete', missingMaterials: [] }],
    ['materials incomplete → waits for supplements, the missing listed', () => [received(), c('case.materialsChecked', '09:05', INCOMPLETE_CHECK)], {
      status: 'awaitingSupplement',
      missingMaterials: ['居民户口簿'],
      noticeIssued: true,
    }],
    ['supplemented later → complete, the notice still on record', () => [received(), c('case.materialsChecked', '09:05', INCOMPLETE_CHECK), c('case.materialsChecked', '11:00', SUPPLEMENTED_CHECK)], {
      status: 'materialsComplete',
      missingMaterials: [],
      noticeIssued: true,
    }],
    ['accepted with receipt and due', () => [received(), complete(), accepted()], {
      status: 'accepted',
      receiptNumber: 'TY01-2026-000001',
      acceptedAt: '2026-03-02T09:10:00+08:00',
      dueAt: DUE_AT,
      assistMode: 'accompany',
    }],
    ['accepted after a supplement', () => [received(), c('case.materialsChecked', '09:05', INCOMPLETE_CHECK), c('case.materialsChecked', '11:00', SUPPLEMENTED_CHECK), c('case.accepted', '11:01')], { status: 'accepted' }],
    ['completed before due → on time', () => [received(), complete(), accepted(), completed()], { status: 'completed', completedAt: '2026-03-20T16:00:00+08:00', onTime: true }],
    ['completed exactly at due → on time', () => [received(), complete(), accepted(), c('case.completed', '2026-03-24T09:00:00+08:00', { completedAt: DUE_AT })], { onTime: true }],
    ['completed after due → late, fixed at completion', () => [received(), complete(), accepted(), c('case.completed', '2026-03-24T09:00:00+08:00', { completedAt: '2026-03-24T08:30:00+08:00' })], { status: 'completed', onTime: false }],
    ['completion instant in another offset compares as an instant', () => [received(), complete(), accepted(), c('case.completed', '2026-03-24T09:00:00+08:00', { completedAt: '2026-03-23T15:59:59Z' })], { onTime: true }],
    ['no promised limit → no due, no on-time flag', () => [c('case.received', '09:00', { promisedLimitWorkdays: null }), complete(), c('case.accepted', '09:10', { dueAt: null }), completed()], { status: 'completed', dueAt: null, onTime: null }],
    ['handed over in person', () => [received(), complete(), accepted(), completed(), c('case.handedOver', '2026-03-21T10:00:00+08:00')], {
      status: 'handedOver',
      handedOverAt: '2026-03-21T10:00:00+08:00',
      handover: { method: 'inPerson', recipient: { name: '张小明', identityChecked: true, signatureSha256: 'a'.repeat(64) }, eLicenceHintGiven: true },
      onTime: true,
    }],
    ['handed over by post', () => [received(), complete(), accepted(), completed(), c('case.handedOver', '2026-03-21T10:00:00+08:00', {
      method: 'post',
      carrier: '中国邮政EMS',
      waybillNumber: '1234567890123',
      recipient: { name: '张小明', phone: '13812345678', address: '太原市小店区长风街1号' },
      eLicenceHintGiven: false,
    })], { status: 'handedOver', handover: expect.objectContaining({ method: 'post', waybillNumber: '1234567890123' }) }],
    ['returned at receipt', () => [received(), c('case.returned', '09:03')], { status: 'returned', returnReason: '不属于本站受理范围', returnedAt: '2026-03-02T09:03:00+08:00' }],
    ['returned while waiting for supplements', () => [received(), c('case.materialsChecked', '09:05', INCOMPLETE_CHECK), c('case.returned', '09:30', { reason: '申请人放弃办理' })], { status: 'returned', returnReason: '申请人放弃办理' }],
    ['work log in every state leaves the status alone', () => [received(), c('case.logged', '09:01'), complete(), accepted(), c('case.logged', '12:00', { kind: 'note', department: null, text: '群众来电询问进度' }), completed(), c('case.handedOver', '2026-03-21T10:00:00+08:00'), c('case.logged', '2026-03-22T10:00:00+08:00')], { status: 'handedOver', eventCount: 8 }],
    ['work log after a return', () => [received(), c('case.returned', '09:03'), c('case.logged', '09:04', { kind: 'note', department: null, text: '已告知群众退件原因' })], { status: 'returned' }],
    ['an organisation 代办 case from an appointment', () => [c('case.received', '09:00', {
      kind: 'proxy',
      channel: 'appointment',
      appointmentId: 'appointment:01950000-0000-7000-8000-0000000000aa',
      applicant: { type: 'organisation', name: '太原某某商贸有限公司', uscc: '91140100MA0KXXXX1X', usccWarningOverridden: true, contactName: '王经理', contactPhone: '13900001111' },
    })], { kind: 'proxy', channel: 'appointment', appointmentId: 'appointment:01950000-0000-7000-8000-0000000000aa', applicant: expect.objectContaining({ type: 'organisation', uscc: '91140100MA0KXXXX1X' }) }],
  ])('%s', (_name, events, expected) => {
    const state = fold(events())
    expect(state).toMatchObject(expected)
    expect(state.needsAttention).toBe(false)
    expect(state.attentionReasons).toEqual([])
    expect(state.log.every(entry => entry.applied)).toBe(true)
  })
})

describe('foldCase: illegal transitions are kept in the log, not applied, and flagged', () => {
  it.each<[string, () => DomainEvent[], Partial<CaseState>, string]>([
    ['accepted without a materials check', () => [received(), accepted()], { status: 'received', receiptNumber: null }, '受理未生效：尚未核验材料'],
    ['accepted while a required material is missing', () => [received(), c('case.materialsChecked', '09:05', INCOMPLETE_CHECK), accepted()], { status: 'awaitingSupplement', receiptNumber: null, dueAt: null }, '受理未生效：材料不齐全，缺少：居民户口簿（应出具一次性告知单并等待补正）'],
    ['completed before acceptance', () => [received(), complete(), completed()], { status: 'materialsComplete', completedAt: null, onTime: null }, '办结未生效：办件尚未受理'],
    ['handed over before completion', () => [received(), complete(), accepted(), c('case.handedOver', '10:00')], { status: 'accepted', handover: null }, '交付未生效：办件尚未办结'],
    ['handed over right after receipt', () => [received(), c('case.handedOver', '10:00')], { status: 'received', handover: null }, '交付未生效：办件尚未办结'],
    ['materials re-checked after acceptance', () => [received(), complete(), accepted(), c('case.materialsChecked', '10:00', INCOMPLETE_CHECK)], { status: 'accepted', missingMaterials: [] }, '材料核验未生效：办件已受理，收件材料不能再核验'],
    ['materials checked after a return', () => [received(), c('case.returned', '09:03'), complete()], { status: 'returned', materials: null }, '材料核验未生效：办件已退件'],
    ['completed after a return', () => [received(), c('case.returned', '09:03'), completed()], { status: 'returned', completedAt: null }, '办结未生效：办件已退件'],
    ['recorded before the receipt by a tablet with a slow clock', () => [received(), c('case.logged', '08:55', {}, B)], { status: 'received' }, '工作日志未生效：尚无收件记录（记录时间早于收件，可能是设备时钟不准）'],
    ['an event type this build does not know', () => [received(), makeEvent('case.teleported', '09:30', { to: 'x' })], { status: 'received' }, '无法识别的记录类型 case.teleported（可能需要更新应用）'],
    ['a payload version this build does not know', () => [received(), complete(), c('case.accepted', '09:10', {}, { v: 2 })], { status: 'materialsComplete' }, '受理记录的版本 v2 无法识别（可能需要更新应用）'],
    ['a payload that does not match its schema', () => [received(), makeEvent('case.returned', '09:10', { reason: '' })], { status: 'received', returnReason: null }, '退件记录的内容不符合格式，未生效'],
  ])('%s', (_name, events, expected, reason) => {
    const state = fold(events())
    expect(state).toMatchObject(expected)
    expect(state.needsAttention).toBe(true)
    expect(state.attentionReasons).toEqual([reason])
  })

  it('keeps the refused event in the timeline with its reason', () => {
    const events = [received(), complete(), completed()]
    const state = fold(events)
    expect(state.log.map(e => [e.type, e.applied, e.rejection])).toEqual([
      ['case.received', true, null],
      ['case.materialsChecked', true, null],
      ['case.completed', false, '办结未生效：办件尚未受理'],
    ])
    expect(state.eventCount).toBe(3)
    expect(state.lastOccurredAt).toBe('2026-03-20T16:00:00+08:00')
  })
})

describe('foldCase: two tablets\' incompatible facts → first in fold order wins, flagged', () => {
  it.each<[string, () => DomainEvent[], Partial<CaseState>, string]>([
    ['A accepts, B returns later', () => [received(), complete(), accepted(), c('case.returned', '09:20', {}, B)], { status: 'accepted', receiptNumber: 'TY01-2026-000001', returnReason: null }, '两台设备记录了相互矛盾的事实：受理与退件（以时间在先的记录为准）'],
    ['B returns, A accepts later', () => [received(), complete(), c('case.returned', '09:08', {}, B), accepted()], { status: 'returned', receiptNumber: null, returnReason: '不属于本站受理范围' }, '两台设备记录了相互矛盾的事实：退件与受理（以时间在先的记录为准）'],
    ['one tablet accepts then returns', () => [received(), complete(), accepted(), c('case.returned', '09:20')], { status: 'accepted' }, '记录了相互矛盾的事实：受理与退件（以时间在先的记录为准）'],
    ['two acceptances with different receipt numbers', () => [received(), complete(), accepted(), c('case.accepted', '09:12', { receiptNumber: 'TY01-2026-000002' }, B)], { status: 'accepted', receiptNumber: 'TY01-2026-000001', acceptedAt: '2026-03-02T09:10:00+08:00' }, '两台设备记录了相互矛盾的事实：两次受理的回执编号或期限不同（TY01-2026-000001、TY01-2026-000002）（以时间在先的记录为准）'],
    ['two handovers', () => [received(), complete(), accepted(), completed(), c('case.handedOver', '2026-03-21T10:00:00+08:00'), c('case.handedOver', '2026-03-21T10:02:00+08:00', { method: 'post', carrier: 'EMS', waybillNumber: '99', recipient: { name: '张小明', phone: '13812345678', address: '太原' }, eLicenceHintGiven: false }, B)], { status: 'handedOver', handover: expect.objectContaining({ method: 'inPerson' }), handedOverAt: '2026-03-21T10:00:00+08:00' }, '两台设备记录了相互矛盾的事实：同一结果交付了两次（以时间在先的记录为准）'],
    ['two completions at different times', () => [received(), complete(), accepted(), completed(), c('case.completed', '2026-03-25T09:00:00+08:00', { completedAt: '2026-03-25T09:00:00+08:00' }, B)], { status: 'completed', completedAt: '2026-03-20T16:00:00+08:00', onTime: true }, '两台设备记录了相互矛盾的事实：两次办结的时间不同（以时间在先的记录为准）'],
    ['two receipts of the same stream', () => [received(), c('case.received', '09:02', { itemName: '另一事项' }, B)], { status: 'received', itemName: '居民身份证换领(有效期满)' }, '两台设备记录了相互矛盾的事实：同一办件有两条收件记录（以时间在先的记录为准）'],
    ['two returns with different reasons', () => [received(), c('case.returned', '09:03'), c('case.returned', '09:04', { reason: '材料虚假' }, B)], { status: 'returned', returnReason: '不属于本站受理范围' }, '两台设备记录了相互矛盾的事实：两次退件的原因不同（以时间在先的记录为准）'],
  ])('%s', (_name, events, expected, reason) => {
    const state = fold(events())
    expect(state).toMatchObject(expected)
    expect(state.needsAttention).toBe(true)
    expect(state.attentionReasons).toEqual([reason])
    // Every fact stays in the timeline, the losing one marked as not applied.
    expect(state.log).toHaveLength(events().length)
    expect(state.log.filter(e => !e.applied)).toHaveLength(1)
  })

  it.each<[string, () => DomainEvent[]]>([
    ['the same acceptance recorded on two tablets', () => [received(), complete(), accepted(), c('case.accepted', '09:11', {}, B)]],
    ['the same completion recorded on two tablets', () => [received(), complete(), accepted(), completed(), c('case.completed', '2026-03-21T09:00:00+08:00', { completedAt: COMPLETED_AT }, B)]],
  ])('no conflict: %s', (_name, events) => {
    const state = fold(events())
    expect(state.needsAttention).toBe(false)
    expect(state.receiptNumber).toBe('TY01-2026-000001')
  })

  it('at the same instant the smaller event id is first', () => {
    const same = '2026-03-21T10:00:00+08:00'
    const base = [received(), complete(), accepted(), completed()]
    const post = c('case.handedOver', same, { method: 'post', carrier: 'EMS', waybillNumber: '1', recipient: { name: '张小明', phone: '13812345678', address: '太原' }, eLicenceHintGiven: false }, { ...B, id: eventId(0x200) })
    const inPerson = c('case.handedOver', same, {}, { id: eventId(0x100) })
    expect(fold([...base, post, inPerson]).handover?.method).toBe('inPerson')
    const inPersonLater = c('case.handedOver', same, {}, { id: eventId(0x300) })
    expect(fold([...base, inPersonLater, post]).handover?.method).toBe('post')
  })
})

describe('foldCase: delivery order and duplicates do not matter', () => {
  const journey = () => [
    received(),
    c('case.materialsChecked', '09:05', INCOMPLETE_CHECK),
    c('case.logged', '10:00', { kind: 'note', department: null, text: '群众回家取户口簿' }),
    c('case.materialsChecked', '11:00', SUPPLEMENTED_CHECK, B),
    c('case.accepted', '11:01', {}, B),
    completed(),
    c('case.handedOver', '2026-03-21T10:00:00+08:00'),
  ]

  it.each<[string, (events: DomainEvent[]) => DomainEvent[]]>([
    ['reversed', events => [...events].reverse()],
    ['scrambled', events => scrambled(events)],
    ['every event delivered twice', events => [...events, ...scrambled(events)]],
    ['pulled back after push (server seq and receivedAt added)', events => events.map((e, i) => ({ ...e, seq: i + 1, receivedAt: '2026-03-22T00:00:00Z' }))],
  ])('%s → the same state', (_name, reorder) => {
    const events = journey()
    const expected = fold(events)
    expect(fold(reorder(events))).toEqual(expected)
    expect(expected).toMatchObject({ status: 'handedOver', eventCount: 7, needsAttention: false, onTime: true })
  })

  it('orders by instant across offsets, not by the text', () => {
    // 09:30 CST is 01:30Z: before the UTC-written 02:00Z check, although '2026-03-02T01…' sorts first as text.
    const events = [
      c('case.received', '2026-03-02T09:30:00+08:00'),
      c('case.materialsChecked', '2026-03-02T02:00:00Z'),
      c('case.accepted', '2026-03-02T02:05:00Z'),
    ]
    expect(fold(events)).toMatchObject({ status: 'accepted', needsAttention: false, receivedAt: '2026-03-02T09:30:00+08:00', lastOccurredAt: '2026-03-02T02:05:00Z' })
  })

  it.each<[string, () => DomainEvent[]]>([
    ['no events', () => []],
    ['no case.received', () => [complete(), accepted()]],
    ['only an unreadable case.received', () => [makeEvent('case.received', '09:00', { kind: 'assisted' })]],
  ])('null: %s', (_name, events) => {
    expect(foldCase(events(), builtinWorkCalendar())).toBeNull()
  })

  it('folds only the stream of its case.received', () => {
    const state = fold([received(), complete(), c('case.accepted', '09:10', {}, { stream: OTHER_CASE_STREAM })])
    expect(state).toMatchObject({ status: 'materialsComplete', eventCount: 2, needsAttention: false })
  })
})

describe('foldCase: the timeline (工作日志)', () => {
  it('has one entry per event, in order, with who and where, without the applicant\'s personal data in summaries', () => {
    const state = fold(scrambled([received(), complete(), c('case.logged', '09:20', {}, B), accepted()]))
    expect(state.log.map(e => ({ type: e.type, staffId: e.staffId, deviceId: e.deviceId, summary: e.summary }))).toEqual([
      { type: 'case.received', staffId: 'staff-wang', deviceId: 'tablet-A', summary: '收件（帮办）：居民身份证换领(有效期满)' },
      { type: 'case.materialsChecked', staffId: 'staff-wang', deviceId: 'tablet-A', summary: '材料核验：材料齐全' },
      { type: 'case.accepted', staffId: 'staff-wang', deviceId: 'tablet-A', summary: '受理：回执 TY01-2026-000001' },
      { type: 'case.logged', staffId: 'staff-li', deviceId: 'tablet-B', summary: '工作日志（联络 公安机关）：已电话联系派出所确认材料' },
    ])
    for (const entry of state.log) {
      expect(entry.summary).not.toContain('张小明')
      expect(entry.summary).not.toContain('11010519491231002X')
    }
    expect(state.log[0]?.details).toEqual({ kind: 'assisted', itemCode: 'hukou-idcard-renew', itemName: '居民身份证换领(有效期满)', department: '公安机关', promisedLimitWorkdays: 15, channel: 'walkIn' })
  })

  it('keeps the recipient out of the timeline; the state holds it', () => {
    const state = fold([received(), complete(), accepted(), completed(), c('case.handedOver', '2026-03-21T10:00:00+08:00')])
    expect(state.log[4]?.details).toEqual({ method: 'inPerson', eLicenceHintGiven: true })
    expect(JSON.stringify(state.log)).not.toContain('张小明')
    expect(state.handover).toMatchObject({ recipient: { name: '张小明' } })
  })

  it('summarises a check with what is missing', () => {
    const state = fold([received(), c('case.materialsChecked', '09:05', INCOMPLETE_CHECK)])
    expect(state.log[1]?.summary).toBe('材料核验：缺少 1 项（居民户口簿）')
  })
})

describe('caseTransitionError: the UI refuses illegal steps before recording them', () => {
  const states = {
    none: () => null,
    received: () => fold([received()]),
    awaitingSupplement: () => fold([received(), c('case.materialsChecked', '09:05', INCOMPLETE_CHECK)]),
    materialsComplete: () => fold([received(), complete()]),
    accepted: () => fold([received(), complete(), accepted()]),
    returned: () => fold([received(), c('case.returned', '09:03')]),
    completed: () => fold([received(), complete(), accepted(), completed()]),
    handedOver: () => fold([received(), complete(), accepted(), completed(), c('case.handedOver', '2026-03-21T10:00:00+08:00')]),
  }
  const p = {
    received: { type: 'case.received', payload: { kind: 'intake', itemCode: 'x', itemName: 'x', department: 'x', promisedLimitWorkdays: 1, channel: 'walkIn', applicant: { type: 'person', name: '张三', idNumber: '1', mobile: '1' } } },
    complete: { type: 'case.materialsChecked', payload: { materials: [], complete: true } },
    accepted: { type: 'case.accepted', payload: { receiptNumber: 'TY01-2026-000009', dueAt: DUE_AT } },
    returned: { type: 'case.returned', payload: { reason: '不符合条件' } },
    logged: { type: 'case.logged', payload: { kind: 'note', text: '备注' } },
    completed: { type: 'case.completed', payload: { completedAt: '2026-03-20T16:00:00+08:00' } },
    handedOver: { type: 'case.handedOver', payload: { method: 'inPerson', recipient: { name: '张三', identityChecked: true }, eLicenceHintGiven: true } },
  } satisfies Record<string, CaseEventInput>

  it.each<[keyof typeof states, keyof typeof p, string | null]>([
    ['none', 'received', null],
    ['none', 'accepted', '受理未生效：尚无收件记录（记录时间早于收件，可能是设备时钟不准）'],
    ['received', 'received', '记录了相互矛盾的事实：同一办件有两条收件记录'],
    ['received', 'complete', null],
    ['received', 'accepted', '受理未生效：尚未核验材料'],
    ['received', 'returned', null],
    ['received', 'logged', null],
    ['received', 'completed', '办结未生效：办件尚未受理'],
    ['received', 'handedOver', '交付未生效：办件尚未办结'],
    ['awaitingSupplement', 'complete', null],
    ['awaitingSupplement', 'accepted', '受理未生效：材料不齐全，缺少：居民户口簿（应出具一次性告知单并等待补正）'],
    ['awaitingSupplement', 'returned', null],
    ['materialsComplete', 'accepted', null],
    ['materialsComplete', 'complete', null],
    ['materialsComplete', 'completed', '办结未生效：办件尚未受理'],
    ['accepted', 'accepted', '受理未生效：办件已受理（回执 TY01-2026-000001）'],
    ['accepted', 'returned', '记录了相互矛盾的事实：受理与退件'],
    ['accepted', 'complete', '材料核验未生效：办件已受理，收件材料不能再核验'],
    ['accepted', 'logged', null],
    ['accepted', 'completed', null],
    ['accepted', 'handedOver', '交付未生效：办件尚未办结'],
    ['returned', 'accepted', '记录了相互矛盾的事实：退件与受理'],
    ['returned', 'returned', '退件未生效：办件已退件'],
    ['returned', 'completed', '办结未生效：办件已退件'],
    ['returned', 'logged', null],
    ['completed', 'completed', '办结未生效：办件已办结'],
    ['completed', 'handedOver', null],
    ['completed', 'returned', '记录了相互矛盾的事实：受理与退件'],
    ['handedOver', 'handedOver', '记录了相互矛盾的事实：同一结果交付了两次'],
    ['handedOver', 'logged', null],
  ])('%s + %s → %s', (state, event, expected) => {
    expect(caseTransitionError(states[state](), p[event])).toBe(expected)
  })
})
