import type { ConsultationEventInput, ConsultationState } from '../../src/domain/consultation'
import type { DomainEvent } from '../../src/domain/events'
import { describe, expect, it } from 'vitest'
import { consultationTransitionError, foldConsultation } from '../../src/domain/consultation'
import { CONSULTATION_STREAM, consultationEvent as q, makeEvent, REFERRAL_DUE_AT, scrambled } from './support/eventFactory'
import { builtinWorkCalendar } from '../../src/domain/calendar'

const B = { device: 'tablet-B', staff: 'staff-li' }

function fold(events: DomainEvent[]): ConsultationState {
  const state = foldConsultation(events, builtinWorkCalendar())
  if (!state)
    throw new Error('expected a consultation')
  return state
}

const recorded = () => q('consultation.recorded', '09:00')
const answered = () => q('consultation.recorded', '09:00', { answer: '可以在本站办理，请携带身份证原件', guideGiven: 'printed' })
const referred = () => q('consultation.referred', '09:10')
const replied = () => q('consultation.replied', '2026-03-03T10:00:00+08:00')

describe('foldConsultation: legal transitions (6.3.3.1)', () => {
  it.each<[string, () => DomainEvent[], Partial<ConsultationState>]>([
    ['answered on the spot', () => [answered()], {
      id: CONSULTATION_STREAM,
      status: 'answered',
      channel: 'phone',
      contact: { name: '李华', phone: '0351-1234567' },
      itemCode: 'sicard-lost-replace',
      question: '外地户口能在本站补办社保卡吗？',
      answer: '可以在本站办理，请携带身份证原件',
      recordedAt: '2026-03-02T09:00:00+08:00',
      staffId: 'staff-wang',
      stationId: 'station-TY01',
      dueAt: null,
      repliedOnTime: null,
    }],
    ['recorded without an answer, no item → open', () => [q('consultation.recorded', '09:00', { channel: 'visit', itemCode: null, itemName: null })], { status: 'open', channel: 'visit', itemCode: null, answer: null, dueAt: null }],
    ['referred → due 1 working day after recording (6.3.3.1.3)', () => [recorded(), referred()], {
      status: 'referred',
      dueAt: REFERRAL_DUE_AT,
      referrals: [{ department: '市人社局', personContacted: { name: '赵科员', phone: '0351-7654321' }, referredAt: '2026-03-02T09:10:00+08:00', dueAt: REFERRAL_DUE_AT }],
    }],
    ['replied within the working day → on time', () => [recorded(), referred(), replied()], { status: 'replied', answer: '可以，携带身份证原件到站办理', repliedAt: '2026-03-03T10:00:00+08:00', repliedOnTime: true }],
    ['replied at the last millisecond → on time', () => [recorded(), referred(), q('consultation.replied', '2026-03-04T09:00:00+08:00', { repliedAt: REFERRAL_DUE_AT })], { repliedOnTime: true }],
    ['replied the next morning → late', () => [recorded(), referred(), q('consultation.replied', '2026-03-04T09:00:00+08:00', { repliedAt: '2026-03-04T08:30:00+08:00' })], { status: 'replied', repliedOnTime: false }],
    ['replied without referral (answer found without a department) → no clock', () => [recorded(), q('consultation.replied', '11:00', { repliedAt: '2026-03-02T11:00:00+08:00' })], { status: 'replied', dueAt: null, repliedOnTime: null }],
    ['referred again to another department → the first due stays', () => [recorded(), referred(), q('consultation.referred', '10:00', { department: '市医保局' }, B)], { status: 'referred', dueAt: REFERRAL_DUE_AT, referrals: [expect.objectContaining({ department: '市人社局' }), expect.objectContaining({ department: '市医保局' })] }],
    ['the same reply recorded on two tablets', () => [recorded(), referred(), replied(), q('consultation.replied', '2026-03-03T10:01:00+08:00', {}, B)], { status: 'replied', repliedOnTime: true }],
  ])('%s', (_name, events, expected) => {
    const state = fold(events())
    expect(state).toMatchObject(expected)
    expect(state.needsAttention).toBe(false)
    expect(state.attentionReasons).toEqual([])
  })
})

describe('foldConsultation: illegal transitions and conflicts are kept, not applied, and flagged', () => {
  it.each<[string, () => DomainEvent[], Partial<ConsultationState>, string]>([
    ['referred after an on-the-spot answer', () => [answered(), referred()], { status: 'answered', dueAt: null, referrals: [] }, '转交部门未生效：咨询已当场答复'],
    ['replied after an on-the-spot answer', () => [answered(), replied()], { status: 'answered', answer: '可以在本站办理，请携带身份证原件', repliedAt: null }, '答复未生效：咨询已当场答复'],
    ['referred after the reply', () => [recorded(), referred(), replied(), q('consultation.referred', '2026-03-03T11:00:00+08:00', { department: '市医保局' })], { status: 'replied', referrals: [expect.objectContaining({ department: '市人社局' })] }, '转交部门未生效：咨询已答复'],
    ['two tablets record different replies → the first stands', () => [recorded(), referred(), replied(), q('consultation.replied', '2026-03-03T10:05:00+08:00', { reply: '不可以，须回户籍地办理', repliedAt: '2026-03-03T10:05:00+08:00' }, B)], { status: 'replied', answer: '可以，携带身份证原件到站办理', repliedAt: '2026-03-03T10:00:00+08:00' }, '两台设备记录了相互矛盾的事实：两次答复的内容不同（以时间在先的记录为准）'],
    ['one tablet records two different replies', () => [recorded(), referred(), replied(), q('consultation.replied', '2026-03-03T10:05:00+08:00', { reply: '补充：也可线上办理' })], { answer: '可以，携带身份证原件到站办理' }, '记录了相互矛盾的事实：两次答复的内容不同（以时间在先的记录为准）'],
    ['two registrations of one stream', () => [recorded(), q('consultation.recorded', '09:01', { question: '另一个问题' }, B)], { question: '外地户口能在本站补办社保卡吗？' }, '两台设备记录了相互矛盾的事实：同一咨询有两条登记记录（以时间在先的记录为准）'],
    ['referrals with different due times', () => [recorded(), referred(), q('consultation.referred', '10:00', { dueAt: '2026-03-04T23:59:59.999+08:00' }, B)], { dueAt: REFERRAL_DUE_AT }, '多次转交记录的答复期限不一致（以第一次转交为准）'],
    ['a reply stamped before the registration (slow tablet clock)', () => [recorded(), q('consultation.replied', '08:50', {}, B)], { status: 'open', answer: null }, '答复未生效：尚无咨询登记（记录时间早于登记，可能是设备时钟不准）'],
    ['an unknown consultation event type', () => [recorded(), makeEvent('consultation.escalated', '09:30', {})], { status: 'open' }, '无法识别的记录类型 consultation.escalated（可能需要更新应用）'],
    ['a referral without its due', () => [recorded(), makeEvent('consultation.referred', '09:10', { department: '市人社局', personContacted: { name: '赵科员' } })], { status: 'open', dueAt: null }, '转交部门记录的内容不符合格式，未生效'],
  ])('%s', (_name, events, expected, reason) => {
    const state = fold(events())
    expect(state).toMatchObject(expected)
    expect(state.needsAttention).toBe(true)
    expect(state.attentionReasons).toEqual([reason])
    expect(state.log).toHaveLength(events().length)
  })
})

describe('foldConsultation: delivery order and duplicates do not matter', () => {
  const journey = () => [recorded(), referred(), q('consultation.referred', '11:00', { department: '市医保局' }, B), replied()]

  it.each<[string, (events: DomainEvent[]) => DomainEvent[]]>([
    ['reversed', events => [...events].reverse()],
    ['scrambled', events => scrambled(events)],
    ['delivered twice', events => [...scrambled(events), ...events]],
  ])('%s → the same state', (_name, reorder) => {
    const events = journey()
    const expected = fold(events)
    expect(fold(reorder(events))).toEqual(expected)
    expect(expected).toMatchObject({ status: 'replied', eventCount: 4, lastOccurredAt: '2026-03-03T10:00:00+08:00', needsAttention: false })
    expect(JSON.stringify(expected.log)).not.toMatch(/李华|0351-1234567|赵科员/)
    expect(expected.log.map(e => e.summary)).toEqual(['咨询登记（来电）：社会保障卡挂失补办', '转交部门：市人社局', '转交部门：市医保局', '答复：可以，携带身份证原件到站办理'])
  })

  it.each<[string, () => DomainEvent[]]>([
    ['no events', () => []],
    ['only a reply', () => [replied()]],
  ])('null: %s', (_name, events) => {
    expect(foldConsultation(events(), builtinWorkCalendar())).toBeNull()
  })
})

describe('consultationTransitionError: the UI refuses illegal steps', () => {
  const states = {
    none: () => null,
    open: () => fold([recorded()]),
    answered: () => fold([answered()]),
    referred: () => fold([recorded(), referred()]),
    replied: () => fold([recorded(), referred(), replied()]),
  }
  const p = {
    referred: { type: 'consultation.referred', payload: { department: '市人社局', personContacted: { name: '赵科员' }, dueAt: REFERRAL_DUE_AT } },
    replied: { type: 'consultation.replied', payload: { reply: '可以', repliedAt: '2026-03-03T10:00:00+08:00' } },
  } satisfies Record<string, ConsultationEventInput>

  it.each<[keyof typeof states, keyof typeof p, string | null]>([
    ['none', 'replied', '答复未生效：尚无咨询登记（记录时间早于登记，可能是设备时钟不准）'],
    ['open', 'referred', null],
    ['open', 'replied', null],
    ['answered', 'referred', '转交部门未生效：咨询已当场答复'],
    ['answered', 'replied', '答复未生效：咨询已当场答复'],
    ['referred', 'referred', null],
    ['referred', 'replied', null],
    ['replied', 'replied', '答复未生效：咨询已答复'],
    ['replied', 'referred', '转交部门未生效：咨询已答复'],
  ])('%s + %s → %s', (state, event, expected) => {
    expect(consultationTransitionError(states[state](), p[event])).toBe(expected)
  })
})
