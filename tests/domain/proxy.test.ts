import type { CaseEventInput, CaseState } from '../../src/domain/case'
import type { DomainEvent } from '../../src/domain/events'
import { describe, expect, it } from 'vitest'
import { caseTransitionError, foldCase } from '../../src/domain/case'
import { caseEvent as c, INCOMPLETE_CHECK, scrambled, SUPPLEMENTED_CHECK } from './support/eventFactory'
import { builtinWorkCalendar } from '../../src/domain/calendar'

// 代办 (6.3.4) and 帮办 (6.3.3.2) in the case fold; tablet A unless said, Monday 2026-03-02 for bare times.
const B = { device: 'tablet-B', staff: 'staff-li' }

function fold(events: DomainEvent[]): CaseState {
  const state = foldCase(events, builtinWorkCalendar())
  if (!state)
    throw new Error('expected a case')
  return state
}

const COMPLETED_AT = '2026-03-20T16:00:00+08:00'
const proxyReceived = () => c('case.received', '09:00', { kind: 'proxy' })
const assistedReceived = () => c('case.received', '09:00')
const complete = () => c('case.materialsChecked', '09:05')
const incomplete = () => c('case.materialsChecked', '09:05', INCOMPLETE_CHECK)
const entrusted = () => c('case.entrusted', '09:08')
const accepted = () => c('case.accepted', '09:10', { assistMode: null })
const inProgress = () => c('case.inProgress', '2026-03-03T09:00:00+08:00')
const supplementRequested = () => c('case.supplementRequested', '2026-03-05T10:00:00+08:00')
const supplementReceived = () => c('case.supplementReceived', '2026-03-06T10:00:00+08:00')
const suspended = (at = '2026-03-09T10:00:00+08:00') => c('case.suspended', at)
const resumed = () => c('case.resumed', '2026-03-10T10:00:00+08:00')
const completed = () => c('case.completed', COMPLETED_AT, { completedAt: COMPLETED_AT })
const terminated = (at = '2026-03-11T10:00:00+08:00') => c('case.terminated', at)
const renewed = () => c('case.renewed', '2026-04-28T10:00:00+08:00')
const postHandover = () => c('case.handedOver', '2026-03-21T10:00:00+08:00', {
  method: 'post',
  carrier: '中国邮政EMS',
  waybillNumber: '1234567890123',
  recipient: { name: '张小明', phone: '13812345678', address: '太原市小店区长风街1号' },
  eLicenceHintGiven: true,
})
/** A 代办 case accepted under its entrustment. */
const base = () => [proxyReceived(), complete(), entrusted(), accepted()]

describe('代办: legal transitions (6.3.4)', () => {
  it.each<[string, () => DomainEvent[], Partial<CaseState>]>([
    ['entrusted once the materials are complete', () => [proxyReceived(), complete(), entrusted()], {
      status: 'materialsComplete',
      entrustmentValidTo: '2026-04-30',
      entrustment: expect.objectContaining({ entrustmentNumber: 'TY01-WT-2026-A-0001', powers: ['submit', 'sign', 'collectResult'], entrustedAt: '2026-03-02T09:08:00+08:00', principal: expect.objectContaining({ name: '张小明' }) }),
    }],
    ['accepted under the entrustment', () => base(), { status: 'accepted', receiptNumber: 'TY01-2026-000001' }],
    ['handling started', () => [...base(), inProgress()], { status: 'inProgress', inProgressAt: '2026-03-03T09:00:00+08:00' }],
    ['supplement requested with the contact recorded', () => [...base(), inProgress(), supplementRequested()], {
      status: 'supplementRequested',
      supplements: [expect.objectContaining({ requestedBy: '公安机关', contact: { method: 'phone', contactedAt: '2026-03-05T10:00:00+08:00', reached: true }, receivedAt: null, statusBefore: 'inProgress' })],
    }],
    ['supplement received → back in progress', () => [...base(), inProgress(), supplementRequested(), supplementReceived()], {
      status: 'inProgress',
      supplements: [expect.objectContaining({ received: [{ name: '近期免冠照片', copies: 2, form: '原件' }], receivedAt: '2026-03-06T10:00:00+08:00' })],
    }],
    ['part of a supplement received → still waiting', () => [...base(), inProgress(), supplementRequested(), c('case.supplementReceived', '2026-03-06T10:00:00+08:00', { complete: false })], {
      status: 'supplementRequested',
      supplements: [expect.objectContaining({ receivedAt: null, received: [expect.objectContaining({ name: '近期免冠照片' })] })],
    }],
    ['supplement requested right after acceptance → back to accepted', () => [...base(), supplementRequested(), supplementReceived()], { status: 'accepted' }],
    ['a second supplement after the first was complete', () => [...base(), inProgress(), supplementRequested(), supplementReceived(), c('case.supplementRequested', '2026-03-12T10:00:00+08:00', { materials: [{ name: '单位证明' }] })], {
      status: 'supplementRequested',
      supplements: [expect.objectContaining({ receivedAt: '2026-03-06T10:00:00+08:00' }), expect.objectContaining({ materials: [{ name: '单位证明' }] })],
    }],
    ['suspended and resumed where it was', () => [...base(), inProgress(), suspended(), resumed()], {
      status: 'inProgress',
      suspensions: [{ suspendedAt: '2026-03-09T10:00:00+08:00', reason: '委托人住院，暂无法到场', expectedResumeDate: null, statusBefore: 'inProgress', resumedAt: '2026-03-10T10:00:00+08:00', resumeNote: '委托人已出院' }],
    }],
    ['suspended while waiting for a supplement, resumed to waiting', () => [...base(), inProgress(), supplementRequested(), suspended(), resumed()], { status: 'supplementRequested' }],
    ['suspended (open)', () => [...base(), inProgress(), c('case.suspended', '2026-03-09T10:00:00+08:00', { expectedResumeDate: '2026-03-20' })], {
      status: 'suspended',
      suspensions: [expect.objectContaining({ expectedResumeDate: '2026-03-20', resumedAt: null })],
    }],
    ['completed from in progress, on time', () => [...base(), inProgress(), completed()], { status: 'completed', onTime: true }],
    ['the whole 代办 journey to a posted result', () => [...base(), inProgress(), supplementRequested(), supplementReceived(), completed(), postHandover()], {
      status: 'handedOver',
      handover: expect.objectContaining({ method: 'post', waybillNumber: '1234567890123', eLicenceHintGiven: true }),
    }],
    ['terminated while in progress (终止单)', () => [...base(), inProgress(), terminated()], {
      status: 'terminated',
      termination: { terminatedAt: '2026-03-11T10:00:00+08:00', reason: '委托人撤回委托', initiatedBy: 'principal', materialsReturned: [{ name: '原居民身份证', copies: 1, form: '原件' }], signatureSha256: 'c'.repeat(64) },
    }],
    ['terminated while suspended', () => [...base(), inProgress(), suspended(), terminated()], { status: 'terminated' }],
    ['terminated before acceptance (entrusted only)', () => [proxyReceived(), complete(), entrusted(), terminated('10:00')], { status: 'terminated', receiptNumber: null }],
    ['renewed: the state stays, the validity is extended', () => [...base(), inProgress(), renewed()], {
      status: 'inProgress',
      entrustmentValidTo: '2026-06-30',
      entrustment: expect.objectContaining({ entrustmentNumber: 'TY01-WT-2026-A-0001', validTo: '2026-04-30' }),
      renewals: [{ entrustmentNumber: 'TY01-WT-2026-A-0002', validFrom: '2026-05-01', validTo: '2026-06-30', reason: '部门办理时间延长', signatureSha256: 'd'.repeat(64), renewedAt: '2026-04-28T10:00:00+08:00' }],
    }],
    ['renewed while suspended stays suspended (续办)', () => [...base(), inProgress(), suspended(), renewed()], { status: 'suspended', entrustmentValidTo: '2026-06-30' }],
    ['after a renewal the agent acts past the first validity', () => [...base(), renewed(), c('case.inProgress', '2026-05-06T09:00:00+08:00')], { status: 'inProgress' }],
    ['work log and notes on a terminated case', () => [...base(), terminated(), c('case.logged', '2026-03-12T10:00:00+08:00', { kind: 'note', department: null, text: '已退还原件' })], { status: 'terminated' }],
  ])('%s', (_name, events, expected) => {
    const state = fold(events())
    expect(state).toMatchObject(expected)
    expect(state.attentionReasons).toEqual([])
    expect(state.needsAttention).toBe(false)
    expect(state.log.every(e => e.applied)).toBe(true)
  })
})

describe('帮办: modes and conversion to 代办 (6.3.3.2)', () => {
  it.each<[string, () => DomainEvent[], Partial<CaseState>]>([
    ['accompanied once the materials are complete (陪同办理)', () => [assistedReceived(), complete(), c('case.accompanied', '09:07')], { kind: 'assisted', status: 'materialsComplete', assistMode: 'accompany', assistModes: ['accompany'] }],
    ['help filling in the form while materials are missing', () => [assistedReceived(), incomplete(), c('case.accompanied', '09:07', { mode: 'formFilling' })], { status: 'awaitingSupplement', assistMode: 'formFilling', assistModes: ['formFilling'] }],
    ['modes accumulate; the acceptance\'s mode is the case\'s', () => [assistedReceived(), c('case.accompanied', '09:02', { mode: 'guidance' }), complete(), c('case.accepted', '09:10')], { assistMode: 'accompany', assistModes: ['guidance', 'accompany'] }],
    ['the same mode twice is listed once', () => [assistedReceived(), complete(), c('case.accompanied', '09:07'), c('case.accompanied', '09:30', { note: '陪同至窗口' }), c('case.accepted', '09:40')], { assistModes: ['accompany'] }],
    ['converted while waiting for supplements, then entrusted and accepted: history kept', () => [
      assistedReceived(),
      incomplete(),
      c('case.accompanied', '09:06', { mode: 'materialPreparation' }),
      c('case.convertedToProxy', '09:20'),
      c('case.materialsChecked', '11:00', SUPPLEMENTED_CHECK),
      c('case.entrusted', '11:05'),
      c('case.accepted', '11:10', { assistMode: null }),
    ], {
      kind: 'proxy',
      status: 'accepted',
      convertedFromAssisted: { convertedAt: '2026-03-02T09:20:00+08:00', reason: '群众行动不便，申请改为代办' },
      assistModes: ['materialPreparation'],
      noticeIssued: true,
      eventCount: 7,
    }],
    ['converted after acceptance as 帮办, then entrusted and handled', () => [assistedReceived(), complete(), c('case.accepted', '09:10'), c('case.convertedToProxy', '10:00'), c('case.entrusted', '10:05'), c('case.inProgress', '10:30')], { kind: 'proxy', status: 'inProgress', receiptNumber: 'TY01-2026-000001' }],
  ])('%s', (_name, events, expected) => {
    const state = fold(events())
    expect(state).toMatchObject(expected)
    expect(state.attentionReasons).toEqual([])
    expect(state.log.every(e => e.applied)).toBe(true)
  })
})

describe('代办 and 帮办: illegal transitions are logged, not applied, and flagged', () => {
  it.each<[string, () => DomainEvent[], Partial<CaseState>, string]>([
    ['a 代办 case accepted without an entrustment', () => [proxyReceived(), complete(), accepted()], { status: 'materialsComplete', receiptNumber: null }, '受理未生效：代办办件须先签订委托书'],
    ['an entrustment on a 帮办 case', () => [assistedReceived(), complete(), entrusted()], { entrustment: null }, '签订委托书未生效：只有代办办件签订委托书（帮办办件应先转为代办）'],
    ['an entrustment before the materials check', () => [proxyReceived(), entrusted()], { entrustment: null }, '签订委托书未生效：尚未核验材料'],
    ['an entrustment while a required material is missing', () => [proxyReceived(), incomplete(), entrusted()], { entrustment: null, status: 'awaitingSupplement' }, '签订委托书未生效：材料不齐全，缺少：居民户口簿（应出具一次性告知单，材料齐全后再签订委托书）'],
    ['an entrustment for other items only', () => [proxyReceived(), complete(), c('case.entrusted', '09:08', { items: [{ itemCode: 'sicard-lost-replace', itemName: '社会保障卡挂失补办' }] })], { entrustment: null }, '签订委托书未生效：委托事项不包含本办件事项（居民身份证换领(有效期满)）'],
    ['an entrustment whose validity already ended', () => [proxyReceived(), complete(), c('case.entrusted', '09:08', { validFrom: '2026-02-01', validTo: '2026-03-01' })], { entrustment: null }, '签订委托书未生效：委托书有效期（至 2026-03-01）已过'],
    ['accepted under an entrustment without the power to submit', () => [proxyReceived(), complete(), c('case.entrusted', '09:08', { powers: ['collectResult'] }), accepted()], { status: 'materialsComplete' }, '受理未生效：委托书未授权递交材料'],
    ['accepted before the entrustment is valid', () => [proxyReceived(), complete(), c('case.entrusted', '09:08', { validFrom: '2026-03-05' }), accepted()], { receiptNumber: null }, '受理未生效：委托书尚未生效（自 2026-03-05 起）'],
    ['handling after the entrustment lapsed (needs 续办)', () => [...base(), c('case.inProgress', '2026-05-06T09:00:00+08:00')], { status: 'accepted', inProgressAt: null }, '代办办理未生效：委托书已过有效期（至 2026-04-30），应先续办'],
    ['handling on a 帮办 case', () => [assistedReceived(), complete(), c('case.accepted', '09:10'), inProgress()], { status: 'accepted' }, '代办办理未生效：只有代办办件有此步骤'],
    ['handling before acceptance', () => [proxyReceived(), complete(), entrusted(), c('case.inProgress', '09:20')], { status: 'materialsComplete' }, '代办办理未生效：办件尚未受理'],
    ['handling while suspended', () => [...base(), inProgress(), suspended(), c('case.inProgress', '2026-03-09T11:00:00+08:00')], { status: 'suspended' }, '代办办理未生效：办件已中止，应先恢复办理'],
    ['a supplement requested before acceptance', () => [proxyReceived(), complete(), entrusted(), c('case.supplementRequested', '09:20')], { supplements: [] }, '通知补充材料未生效：办件尚未受理'],
    ['a supplement requested on a 帮办 case', () => [assistedReceived(), complete(), c('case.accepted', '09:10'), supplementRequested()], { supplements: [] }, '通知补充材料未生效：只有代办办件有此步骤'],
    ['a supplement requested while suspended', () => [...base(), inProgress(), suspended(), c('case.supplementRequested', '2026-03-09T11:00:00+08:00')], { status: 'suspended', supplements: [] }, '通知补充材料未生效：办件已中止，应先恢复办理'],
    ['another supplement while one is still open', () => [...base(), supplementRequested(), c('case.supplementRequested', '2026-03-05T11:00:00+08:00', { materials: [{ name: '单位证明' }] })], { supplements: [expect.objectContaining({ materials: [expect.objectContaining({ name: '近期免冠照片' })] })] }, '通知补充材料未生效：已在等待群众补充材料（上一次通知尚未补齐）'],
    ['a supplement received with none requested', () => [...base(), inProgress(), supplementReceived()], { status: 'inProgress' }, '收到补充材料未生效：没有待补充的材料通知'],
    ['completed while waiting for a supplement', () => [...base(), supplementRequested(), completed()], { status: 'supplementRequested', completedAt: null }, '办结未生效：正在等待群众补充材料'],
    ['completed while suspended', () => [...base(), inProgress(), suspended(), completed()], { status: 'suspended', completedAt: null }, '办结未生效：办件已中止，应先恢复办理'],
    ['handed over before completion', () => [...base(), inProgress(), postHandover()], { status: 'inProgress', handover: null }, '交付未生效：办件尚未办结'],
    ['resumed when not suspended', () => [...base(), inProgress(), resumed()], { status: 'inProgress' }, '恢复办理未生效：办件未中止'],
    ['suspended before acceptance', () => [proxyReceived(), complete(), entrusted(), c('case.suspended', '09:30')], { suspensions: [] }, '中止未生效：办件尚未受理'],
    ['handling after termination (final)', () => [...base(), terminated(), c('case.inProgress', '2026-03-12T09:00:00+08:00')], { status: 'terminated' }, '代办办理未生效：办件已终止（终止为最终状态）'],
    ['handed over after termination', () => [...base(), terminated(), postHandover()], { status: 'terminated', handover: null }, '交付未生效：办件已终止（终止为最终状态）'],
    ['renewed after termination', () => [...base(), terminated(), renewed()], { renewals: [] }, '续办未生效：办件已终止（终止为最终状态）'],
    ['resumed after termination', () => [...base(), inProgress(), suspended(), terminated(), c('case.resumed', '2026-03-12T10:00:00+08:00')], { status: 'terminated' }, '恢复办理未生效：办件已终止（终止为最终状态）'],
    ['accepted after termination', () => [proxyReceived(), complete(), entrusted(), terminated('09:09'), accepted()], { status: 'terminated', receiptNumber: null }, '受理未生效：办件已终止（终止为最终状态）'],
    ['a 帮办 case terminated', () => [assistedReceived(), complete(), c('case.accepted', '09:10'), terminated()], { status: 'accepted', termination: null }, '终止未生效：只有代办办件可以终止（帮办或收件办件应退件）'],
    ['a 代办 case terminated without an entrustment', () => [proxyReceived(), complete(), terminated('09:20')], { termination: null }, '终止未生效：尚无委托书（未签订委托书的办件应退件）'],
    ['a renewal that does not extend the validity', () => [...base(), c('case.renewed', '2026-04-28T10:00:00+08:00', { validFrom: '2026-04-28', validTo: '2026-04-30' })], { renewals: [], entrustmentValidTo: '2026-04-30' }, '续办未生效：续办后的有效期（至 2026-04-30）应晚于当前有效期（至 2026-04-30）'],
    ['a renewal reusing the entrustment\'s number', () => [...base(), c('case.renewed', '2026-04-28T10:00:00+08:00', { entrustmentNumber: 'TY01-WT-2026-A-0001' })], { renewals: [] }, '续办未生效：续办委托书应使用新的编号'],
    ['a renewal without an entrustment', () => [proxyReceived(), complete(), renewed()], { renewals: [] }, '续办未生效：代办办件须先签订委托书'],
    ['a plain intake converted to 代办', () => [c('case.received', '09:00', { kind: 'intake' }), c('case.convertedToProxy', '09:10')], { kind: 'intake', convertedFromAssisted: null }, '帮办转代办未生效：只有帮办办件可以转为代办'],
    ['a 代办 case converted to 代办', () => [proxyReceived(), c('case.convertedToProxy', '09:10')], { convertedFromAssisted: null }, '帮办转代办未生效：办件已是代办'],
    ['converted after completion', () => [assistedReceived(), complete(), c('case.accepted', '09:10'), completed(), c('case.convertedToProxy', '2026-03-21T09:00:00+08:00')], { kind: 'assisted' }, '帮办转代办未生效：办件已办结'],
    ['accompanied (陪同办理) while a material is missing', () => [assistedReceived(), incomplete(), c('case.accompanied', '09:07')], { assistModes: [] }, '帮办未生效：材料齐全后才能陪同办理'],
    ['a 帮办 mode on a 代办 case', () => [proxyReceived(), complete(), c('case.accompanied', '09:07')], { assistModes: [] }, '帮办未生效：只有帮办办件记录帮办方式'],
    ['a 帮办 mode after conversion to 代办', () => [assistedReceived(), complete(), c('case.convertedToProxy', '09:06'), c('case.accompanied', '09:07')], { assistModes: [] }, '帮办未生效：只有帮办办件记录帮办方式'],
    ['a supplement received recorded before its request by a tablet with a slow clock', () => [...base(), inProgress(), supplementRequested(), c('case.supplementReceived', '2026-03-05T09:50:00+08:00', {}, B)], { status: 'supplementRequested' }, '收到补充材料未生效：没有待补充的材料通知'],
  ])('%s', (_name, events, expected, reason) => {
    const state = fold(events())
    expect(state).toMatchObject(expected)
    expect(state.needsAttention).toBe(true)
    expect(state.attentionReasons).toEqual([reason])
    expect(state.log.filter(e => !e.applied)).toHaveLength(1)
  })
})

describe('代办: two tablets\' incompatible facts → first in fold order wins, flagged', () => {
  it.each<[string, () => DomainEvent[], Partial<CaseState>, string]>([
    ['A completes, B terminates later', () => [...base(), inProgress(), completed(), c('case.terminated', '2026-03-20T17:00:00+08:00', {}, B)], { status: 'completed', termination: null }, '两台设备记录了相互矛盾的事实：办结与终止（以时间在先的记录为准）'],
    ['B terminates, A completes later', () => [...base(), inProgress(), c('case.terminated', '2026-03-20T15:00:00+08:00', {}, B), completed()], { status: 'terminated', completedAt: null }, '两台设备记录了相互矛盾的事实：终止与办结（以时间在先的记录为准）'],
    ['two different entrustments', () => [proxyReceived(), complete(), entrusted(), c('case.entrusted', '09:09', { entrustmentNumber: 'TY01-WT-2026-B-0001' }, B)], { entrustment: expect.objectContaining({ entrustmentNumber: 'TY01-WT-2026-A-0001' }) }, '两台设备记录了相互矛盾的事实：两份不同的委托书（TY01-WT-2026-A-0001、TY01-WT-2026-B-0001；变更有效期应续办）（以时间在先的记录为准）'],
    ['two terminations with different reasons', () => [...base(), terminated(), c('case.terminated', '2026-03-11T10:05:00+08:00', { reason: '部门不予受理', initiatedBy: 'department' }, B)], { termination: expect.objectContaining({ reason: '委托人撤回委托' }) }, '两台设备记录了相互矛盾的事实：两次终止的原因不同（以时间在先的记录为准）'],
    ['one renewal number with two validities', () => [...base(), renewed(), c('case.renewed', '2026-04-28T10:05:00+08:00', { validTo: '2026-07-31' }, B)], { entrustmentValidTo: '2026-06-30', renewals: [expect.objectContaining({ validTo: '2026-06-30' })] }, '两台设备记录了相互矛盾的事实：续办委托书 TY01-WT-2026-A-0002 记录了两个不同的有效期（以时间在先的记录为准）'],
    ['A suspends, B (not yet synced) asks for a supplement', () => [...base(), inProgress(), suspended(), c('case.supplementRequested', '2026-03-09T11:00:00+08:00', {}, B)], { status: 'suspended', supplements: [] }, '通知补充材料未生效：办件已中止，应先恢复办理'],
  ])('%s', (_name, events, expected, reason) => {
    const state = fold(events())
    expect(state).toMatchObject(expected)
    expect(state.attentionReasons).toEqual([reason])
    expect(state.log).toHaveLength(events().length)
  })

  it.each<[string, () => DomainEvent[]]>([
    ['the same entrustment recorded on two tablets', () => [proxyReceived(), complete(), entrusted(), c('case.entrusted', '09:09', {}, B)]],
    ['the same conversion on two tablets', () => [assistedReceived(), c('case.convertedToProxy', '09:01'), c('case.convertedToProxy', '09:02', {}, B)]],
    ['handling started on two tablets', () => [...base(), inProgress(), c('case.inProgress', '2026-03-03T09:05:00+08:00', {}, B)]],
    ['the same supplement request on two tablets', () => [...base(), supplementRequested(), c('case.supplementRequested', '2026-03-05T10:01:00+08:00', {}, B)]],
    ['the same suspension on two tablets', () => [...base(), suspended(), c('case.suspended', '2026-03-09T10:01:00+08:00', {}, B)]],
    ['the same termination on two tablets', () => [...base(), terminated(), c('case.terminated', '2026-03-11T10:01:00+08:00', {}, B)]],
    ['the same renewal on two tablets', () => [...base(), renewed(), c('case.renewed', '2026-04-28T10:01:00+08:00', {}, B)]],
  ])('no conflict: %s', (_name, events) => {
    const once = fold(events().slice(0, -1))
    const twice = fold(events())
    expect(twice.needsAttention).toBe(false)
    expect(twice.log.every(e => e.applied)).toBe(true)
    expect({ ...twice, log: [], eventCount: 0, lastOccurredAt: '' }).toEqual({ ...once, log: [], eventCount: 0, lastOccurredAt: '' })
  })
})

describe('代办: delivery order and duplicates do not matter', () => {
  const journey = () => [
    proxyReceived(),
    incomplete(),
    c('case.materialsChecked', '11:00', SUPPLEMENTED_CHECK, B),
    c('case.entrusted', '11:05', {}, B),
    c('case.accepted', '11:10', { assistMode: null }, B),
    inProgress(),
    supplementRequested(),
    c('case.supplementReceived', '2026-03-06T10:00:00+08:00', {}, B),
    suspended(),
    resumed(),
    c('case.renewed', '2026-03-10T11:00:00+08:00'),
    completed(),
    postHandover(),
  ]

  it.each<[string, (events: DomainEvent[]) => DomainEvent[]]>([
    ['reversed', events => [...events].reverse()],
    ['scrambled', events => scrambled(events)],
    ['every event delivered twice', events => [...events, ...scrambled(events)]],
  ])('%s → the same state', (_name, reorder) => {
    const events = journey()
    const expected = fold(events)
    expect(expected).toMatchObject({ status: 'handedOver', needsAttention: false, eventCount: 13, entrustmentValidTo: '2026-06-30' })
    expect(fold(reorder(events))).toEqual(expected)
  })
})

describe('staff resolve flagged conflicts (case.attentionResolved)', () => {
  const conflict = '两台设备记录了相互矛盾的事实：受理与退件（以时间在先的记录为准）'
  const conflicted = () => [assistedReceived(), complete(), c('case.accepted', '09:10'), c('case.returned', '09:20', {}, B)]
  const resolve = (at: string, reasons: string[] = [conflict]) => c('case.attentionResolved', at, { reasons })

  it('clears the listed reasons raised before it, and records who and why', () => {
    const state = fold([...conflicted(), resolve('10:00')])
    expect(state).toMatchObject({ status: 'accepted', needsAttention: false, attentionReasons: [] })
    expect(state.attentionResolutions).toEqual([{ resolvedAt: '2026-03-02T10:00:00+08:00', staffId: 'staff-wang', note: '已与同事核实，以在先的记录为准', cleared: [conflict] }])
    // The refused event stays in the timeline as refused.
    expect(state.log.filter(e => !e.applied).map(e => e.type)).toEqual(['case.returned'])
  })

  it('a later conflict flags again', () => {
    const state = fold([...conflicted(), resolve('10:00'), c('case.returned', '10:30', { reason: '又一次退件' }, B)])
    expect(state.needsAttention).toBe(true)
    expect(state.attentionReasons).toEqual([conflict])
  })

  it('a reason staff did not see (synced later, earlier in time) stays flagged', () => {
    const unseen = c('case.handedOver', '09:30', {}, B)
    const state = fold([...conflicted(), unseen, resolve('10:00')])
    expect(state.attentionReasons).toEqual(['交付未生效：办件尚未办结'])
    expect(state.attentionResolutions[0]?.cleared).toEqual([conflict])
  })

  it('a resolution of reasons already cleared changes nothing and flags nothing (two tablets resolving)', () => {
    const state = fold([...conflicted(), resolve('10:00'), c('case.attentionResolved', '10:01', { reasons: [conflict] }, B)])
    expect(state.needsAttention).toBe(false)
    expect(state.attentionResolutions.map(r => r.cleared)).toEqual([[conflict], []])
  })

  it('an acceptance recorded without a due (the schedule was missing) is counted now and flags nothing to clear', () => {
    const state = fold([assistedReceived(), complete(), c('case.accepted', '09:10', { dueAt: null })])
    expect(state.needsAttention).toBe(false)
    expect(state.dueAt).toBe('2026-03-23T23:59:59.999+08:00')
  })
})

describe('the 代办 timeline keeps principal, agent and signatures out', () => {
  it('logs the entrustment and termination without personal data; the state holds it', () => {
    const state = fold([...base(), terminated()])
    const entrustedEntry = state.log.find(e => e.type === 'case.entrusted')
    expect(entrustedEntry?.summary).toBe('签订委托书：编号 TY01-WT-2026-A-0001，有效期 2026-03-02 至 2026-04-30，权限 递交材料、签署文书、领取结果')
    expect(entrustedEntry?.details).not.toHaveProperty('principal')
    expect(entrustedEntry?.details).not.toHaveProperty('agent')
    expect(entrustedEntry?.details).not.toHaveProperty('signatureSha256')
    expect(entrustedEntry?.details).toMatchObject({ entrustmentNumber: 'TY01-WT-2026-A-0001', validTo: '2026-04-30' })
    expect(state.log.find(e => e.type === 'case.terminated')?.details).not.toHaveProperty('signatureSha256')
    const logText = JSON.stringify(state.log)
    for (const pii of ['张小明', '11010519491231002X', '王芳', 'b'.repeat(64), 'c'.repeat(64)])
      expect(logText).not.toContain(pii)
    expect(state.entrustment?.principal).toMatchObject({ name: '张小明' })
  })

  it('summarises each 代办 step in Chinese', () => {
    const state = fold([...base(), inProgress(), supplementRequested(), c('case.supplementReceived', '2026-03-06T10:00:00+08:00', { complete: false }), suspended(), renewed()])
    expect(state.log.slice(4).map(e => e.summary)).toEqual([
      '代办办理：已向 小店区公安分局户政科 递交',
      '通知补充材料：1 项（近期免冠照片），已电话联系',
      '收到补充材料：近期免冠照片，尚未补齐',
      '中止：委托人住院，暂无法到场',
      '续办：委托书 TY01-WT-2026-A-0002，有效期至 2026-06-30',
    ])
  })
})

describe('caseTransitionError for 代办 and 帮办 steps', () => {
  const states = {
    proxyComplete: () => fold([proxyReceived(), complete()]),
    proxyEntrusted: () => fold([proxyReceived(), complete(), entrusted()]),
    proxyAccepted: () => fold(base()),
    inProgress: () => fold([...base(), inProgress()]),
    supplementRequested: () => fold([...base(), supplementRequested()]),
    suspended: () => fold([...base(), suspended()]),
    terminated: () => fold([...base(), terminated()]),
    proxyCompleted: () => fold([...base(), completed()]),
    assistedComplete: () => fold([assistedReceived(), complete()]),
    converted: () => fold([assistedReceived(), c('case.convertedToProxy', '09:01')]),
    conflicted: () => fold([assistedReceived(), complete(), c('case.accepted', '09:10'), c('case.returned', '09:20', {}, B)]),
  }
  const t = {
    entrusted: { type: 'case.entrusted', payload: { entrustmentNumber: 'TY01-WT-2026-A-0009', principal: { type: 'person', name: '张三', idNumber: '1', mobile: '1' }, agent: { staffId: 'staff-wang', name: '王芳' }, items: [{ itemCode: 'hukou-idcard-renew', itemName: 'x' }], powers: ['submit'], validFrom: '2026-03-01', validTo: '2026-12-31', materials: [], signatureSha256: 'b'.repeat(64) } },
    accepted: { type: 'case.accepted', payload: { receiptNumber: 'TY01-2026-A-0009', dueAt: null } },
    inProgress: { type: 'case.inProgress', payload: {} },
    supplementRequested: { type: 'case.supplementRequested', payload: { materials: [{ name: '单位证明' }], contact: { method: 'sms', contactedAt: '2026-03-05T10:00:00+08:00', reached: true } } },
    supplementReceived: { type: 'case.supplementReceived', payload: { materials: [{ name: '单位证明', copies: 1, form: '原件' }], complete: true } },
    suspended: { type: 'case.suspended', payload: { reason: '等待部门答复' } },
    resumed: { type: 'case.resumed', payload: {} },
    terminated: { type: 'case.terminated', payload: { reason: '撤回', initiatedBy: 'principal', materialsReturned: [] } },
    renewed: { type: 'case.renewed', payload: { entrustmentNumber: 'TY01-WT-2026-A-0010', validFrom: '2026-05-01', validTo: '2026-08-31', signatureSha256: 'd'.repeat(64) } },
    converted: { type: 'case.convertedToProxy', payload: { reason: '申请代办' } },
    accompanied: { type: 'case.accompanied', payload: { mode: 'accompany' } },
    completed: { type: 'case.completed', payload: { completedAt: '2026-03-20T16:00:00+08:00' } },
    resolve: { type: 'case.attentionResolved', payload: { note: '已核实', reasons: ['两台设备记录了相互矛盾的事实：受理与退件（以时间在先的记录为准）'] } },
    resolveOther: { type: 'case.attentionResolved', payload: { note: '已核实', reasons: ['别的提示'] } },
  } satisfies Record<string, CaseEventInput>
  const AT = '2026-03-05T12:00:00+08:00'

  it.each<[keyof typeof states, keyof typeof t, string | null]>([
    ['proxyComplete', 'entrusted', null],
    ['proxyComplete', 'accepted', '受理未生效：代办办件须先签订委托书'],
    ['proxyComplete', 'terminated', '终止未生效：尚无委托书（未签订委托书的办件应退件）'],
    ['proxyEntrusted', 'entrusted', '签订委托书未生效：已签订委托书（编号 TY01-WT-2026-A-0001），变更有效期请续办'],
    ['proxyEntrusted', 'accepted', null],
    ['proxyEntrusted', 'inProgress', '代办办理未生效：办件尚未受理'],
    ['proxyEntrusted', 'renewed', null],
    ['proxyAccepted', 'inProgress', null],
    ['proxyAccepted', 'supplementRequested', null],
    ['proxyAccepted', 'suspended', null],
    ['proxyAccepted', 'completed', null],
    ['proxyAccepted', 'resumed', '恢复办理未生效：办件未中止'],
    ['proxyAccepted', 'accompanied', '帮办未生效：只有帮办办件记录帮办方式'],
    ['inProgress', 'inProgress', '代办办理未生效：办件已在办理中'],
    ['inProgress', 'supplementReceived', '收到补充材料未生效：没有待补充的材料通知'],
    ['inProgress', 'terminated', null],
    ['supplementRequested', 'supplementRequested', '通知补充材料未生效：已在等待群众补充材料'],
    ['supplementRequested', 'supplementReceived', null],
    ['supplementRequested', 'completed', '办结未生效：正在等待群众补充材料'],
    ['suspended', 'suspended', '中止未生效：办件已中止'],
    ['suspended', 'resumed', null],
    ['suspended', 'renewed', null],
    ['suspended', 'completed', '办结未生效：办件已中止，应先恢复办理'],
    ['terminated', 'terminated', '终止未生效：办件已终止'],
    ['terminated', 'completed', '记录了相互矛盾的事实：终止与办结'],
    ['terminated', 'resumed', '恢复办理未生效：办件已终止（终止为最终状态）'],
    ['terminated', 'supplementRequested', '通知补充材料未生效：办件已终止（终止为最终状态）'],
    ['proxyCompleted', 'terminated', '记录了相互矛盾的事实：办结与终止'],
    ['proxyCompleted', 'suspended', '中止未生效：办件已办结'],
    ['assistedComplete', 'converted', null],
    ['assistedComplete', 'accompanied', null],
    ['assistedComplete', 'entrusted', '签订委托书未生效：只有代办办件签订委托书（帮办办件应先转为代办）'],
    ['converted', 'converted', '帮办转代办未生效：办件已转为代办'],
    ['conflicted', 'resolve', null],
    ['conflicted', 'resolveOther', '处理提示未生效：所列提示不在当前提示中（可能已被处理）'],
    ['proxyAccepted', 'resolve', '处理提示未生效：没有需要处理的提示'],
  ])('%s + %s → %s', (state, event, expected) => {
    expect(caseTransitionError(states[state](), t[event], AT)).toBe(expected)
  })

  it('judges validity on the CST day of `at`', () => {
    const accepted = states.proxyAccepted()
    expect(caseTransitionError(accepted, t.inProgress, '2026-04-30T15:59:59Z')).toBeNull() // 23:59:59 CST on the last valid day
    expect(caseTransitionError(accepted, t.inProgress, '2026-04-30T16:00:00Z')).toBe('代办办理未生效：委托书已过有效期（至 2026-04-30），应先续办')
  })
})
