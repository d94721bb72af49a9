import type { DomainEvent } from '../../src/domain/events'
import type { RatingEventInput, RatingState } from '../../src/domain/rating'
import { describe, expect, it } from 'vitest'
import { builtinWorkCalendar, createWorkCalendar } from '../../src/domain/calendar'
import { validateDomainEvent } from '../../src/domain/eventTypes'
import { BAD_RATING_FOLLOW_UP_WORKDAYS, foldRating, isBadRating, ratingFollowUpDueAt, ratingReasonsByLevel, ratingStreamFor, ratingTransitionError } from '../../src/domain/rating'
import { CASE_STREAM, CONSULTATION_STREAM, FOLLOW_UP_DUE_AT, makeEvent, RATING_STREAM, ratingEvent as r, scrambled, TOKEN_SHA256 } from './support/eventFactory'

// 好差评 (6.3.3.4, 7.1; DOMAIN.md). The tablet's customer-facing screen writes with the logged-in staff in the
// envelope; the phone page (QR) writes with none.
const B = { device: 'tablet-B', staff: 'staff-li' }
const PHONE = { device: 'public-web', staff: null }

function fold(events: DomainEvent[]): RatingState {
  const state = foldRating(events, builtinWorkCalendar())
  if (!state)
    throw new Error('expected a rating')
  return state
}

const prompted = () => r('rating.prompted', '10:00')
const given = () => r('rating.given', '10:01')
const minted = () => r('rating.tokenMinted', '10:00')
const qrGiven = (at = '2026-03-02T20:00:00+08:00') => r('rating.given', at, { channel: 'qr', tokenSha256: TOKEN_SHA256 }, PHONE)
const bad = { level: 2 as const, dimensions: { attitude: 2 as const, quality: 3 as const, efficiency: 1 as const }, reasons: ['slowOrOverdue', 'notToldAtOnce'], comment: null, followUpDueAt: FOLLOW_UP_DUE_AT }

describe('foldRating: legal (一次一评, voluntary, citizen-entered)', () => {
  it.each<[string, () => DomainEvent[], Partial<RatingState>]>([
    ['prompted: the customer-facing screen is open', () => [prompted()], { id: RATING_STREAM, subject: CASE_STREAM, subjectKind: 'case', staffId: 'staff-wang', status: 'prompted', promptedAt: '2026-03-02T10:00:00+08:00', level: null }],
    ['rated on the screen', () => [prompted(), given()], {
      status: 'rated',
      channel: 'counter',
      level: 5,
      dimensions: { attitude: 5, quality: 5, efficiency: 4 },
      reasons: ['warmService', 'doneInOneVisit'],
      comment: '王老师很耐心',
      ratedAt: '2026-03-02T10:01:00+08:00',
      isBad: false,
      followUpDueAt: null,
      dueAt: null,
    }],
    ['a 差评 carries its call-back due', () => [prompted(), r('rating.given', '10:01', bad)], { status: 'rated', level: 2, isBad: true, followUpDueAt: FOLLOW_UP_DUE_AT, dueAt: FOLLOW_UP_DUE_AT }],
    ['declined on the screen', () => [prompted(), r('rating.declined', '10:01')], { status: 'declined', declinedAt: '2026-03-02T10:01:00+08:00', level: null }],
    ['declined, noted by staff (the citizen left)', () => [r('rating.declined', '10:01', { enteredBy: 'staff', note: '群众未评价即离开' })], { status: 'declined' }],
    ['QR token minted, rated later on the phone', () => [minted(), qrGiven()], {
      status: 'rated',
      channel: 'qr',
      tokens: [{ tokenSha256: TOKEN_SHA256, mintedAt: '2026-03-02T10:00:00+08:00', expiresAt: '2026-03-09T09:00:00+08:00', usedAt: '2026-03-02T20:00:00+08:00' }],
    }],
    ['QR token minted, not used yet', () => [minted()], { status: 'awaitingQr', tokens: [expect.objectContaining({ usedAt: null })] }],
    ['declined at the counter, rated later with the QR the citizen took', () => [minted(), r('rating.declined', '10:02'), qrGiven()], { status: 'rated', declinedAt: '2026-03-02T10:02:00+08:00' }],
    ['a consultation rated', () => [
      r('rating.prompted', '10:00', { subject: CONSULTATION_STREAM }, { stream: ratingStreamFor(CONSULTATION_STREAM) }),
      r('rating.given', '10:01', { subject: CONSULTATION_STREAM, level: 3, reasons: ['waitSomewhatLong'], dimensions: { attitude: 4, quality: 3, efficiency: 3 } }, { stream: ratingStreamFor(CONSULTATION_STREAM) }),
    ], { subjectKind: 'consultation', subject: CONSULTATION_STREAM, level: 3 }],
  ])('%s', (_name, events, expected) => {
    const state = fold(events())
    expect(state).toMatchObject(expected)
    expect(state.attentionReasons).toEqual([])
    expect(state.log.every(e => e.applied)).toBe(true)
  })
})

describe('foldRating: refused and flagged', () => {
  it.each<[string, () => DomainEvent[], Partial<RatingState>, string]>([
    ['entered by staff on the citizen\'s behalf', () => [prompted(), r('rating.given', '10:01', { enteredBy: 'staff' })], { status: 'prompted', level: null }, '评价未生效：工作人员不能代替群众评价（须由群众在评价屏或扫码填写）'],
    ['a counter rating with no prompt (the screen was never opened)', () => [given()], { status: 'none', level: null, promptedAt: null }, '评价未生效：没有邀请评价的记录（评价屏未打开）'],
    ['a QR rating with an unknown token', () => [minted(), r('rating.given', '20:00', { channel: 'qr', tokenSha256: 'f'.repeat(64) }, PHONE)], { status: 'awaitingQr', level: null }, '评价未生效：评价凭证无效'],
    ['a QR rating after the token expired', () => [minted(), qrGiven('2026-03-09T09:00:01+08:00')], { status: 'awaitingQr' }, '评价未生效：评价凭证已过期'],
    ['a QR rating carrying a staff member', () => [minted(), r('rating.given', '20:00', { channel: 'qr', tokenSha256: TOKEN_SHA256 })], { status: 'awaitingQr' }, '评价未生效：扫码评价不应带有工作人员身份'],
    ['prompted again after the citizen declined (voluntary)', () => [r('rating.declined', '10:01'), r('rating.prompted', '10:05')], { status: 'declined', promptedAt: null }, '邀请评价未生效：群众已表示不评价，不应再次邀请（评价自愿）'],
    ['prompted after rating', () => [prompted(), given(), r('rating.prompted', '10:05', {}, B)], { status: 'rated' }, '邀请评价未生效：已评价（一次一评）'],
    ['a token minted already expired', () => [r('rating.tokenMinted', '10:00', { expiresAt: '2026-03-02T09:00:00+08:00' })], { status: 'none', tokens: [] }, '生成评价二维码未生效：凭证的有效期已过'],
    ['declined after rating', () => [prompted(), given(), r('rating.declined', '10:05')], { status: 'rated', declinedAt: null }, '不评价未生效：已评价'],
    ['an event about another subject on this stream', () => [prompted(), r('rating.given', '10:01', { subject: CONSULTATION_STREAM })], { status: 'prompted' }, '评价未生效：评价记录与评价对象不符'],
    ['a 差评 whose call-back due could not be computed', () => [prompted(), r('rating.given', '10:01', { ...bad, followUpDueAt: null })], { status: 'rated', isBad: true, dueAt: null }, '差评的回访期限未能计算（节假日安排可能未发布）'],
    ['a payload version this build does not know', () => [prompted(), r('rating.given', '10:01', {}, { v: 2 })], { status: 'prompted' }, '评价记录的版本 v2 无法识别（可能需要更新应用）'],
  ])('%s', (_name, events, expected, reason) => {
    const state = fold(events())
    expect(state).toMatchObject(expected)
    expect(state.needsAttention).toBe(true)
    expect(state.attentionReasons).toEqual([reason])
  })

  it('two tablets each record a rating for the same case: the first stands, flagged (一次一评)', () => {
    const state = fold([prompted(), given(), r('rating.prompted', '10:00', {}, B), r('rating.given', '10:02', bad, B)])
    expect(state).toMatchObject({ level: 5, isBad: false, ratedAt: '2026-03-02T10:01:00+08:00' })
    expect(state.attentionReasons).toEqual(['两台设备记录了相互矛盾的事实：同一事项评价了两次（一次一评）（以时间在先的记录为准）'])
  })

  it('a counter rating and a QR rating of the same case: the earlier wins, flagged', () => {
    const state = fold([minted(), prompted(), qrGiven('2026-03-02T10:00:30+08:00'), r('rating.given', '10:01', bad)])
    expect(state).toMatchObject({ channel: 'qr', level: 5 })
    expect(state.attentionReasons).toEqual(['两台设备记录了相互矛盾的事实：同一事项评价了两次（一次一评）（以时间在先的记录为准）'])
  })

  it('the same rating delivered twice is one rating', () => {
    const events = [prompted(), given()]
    expect(fold([...events, ...events])).toEqual(fold(events))
  })

  it('delivery order does not matter', () => {
    const events = [minted(), prompted(), r('rating.declined', '10:02'), qrGiven()]
    expect(fold(scrambled(events))).toEqual(fold(events))
    expect(fold([...events].reverse())).toMatchObject({ status: 'rated', needsAttention: false })
  })

  it('keeps the citizen\'s comment out of the timeline', () => {
    const state = fold([prompted(), given()])
    expect(JSON.stringify(state.log)).not.toContain('王老师很耐心')
    expect(state.log.map(e => e.summary)).toEqual(['邀请评价', '评价（评价屏）：非常满意'])
  })

  it('null without any event', () => {
    expect(foldRating([], builtinWorkCalendar())).toBeNull()
    expect(foldRating([makeEvent('rating.given', '10:00', { level: 9 })], builtinWorkCalendar())).toBeNull()
    expect(foldRating([r('rating.prompted', '10:00', { subject: CONSULTATION_STREAM })], builtinWorkCalendar())).toBeNull() // not this stream's subject
  })
})

describe('rating payloads (validateDomainEvent)', () => {
  const event = (payload: unknown) => ({ ...r('rating.given', '10:01'), payload })
  const base = { subject: CASE_STREAM, staffId: 'staff-wang', channel: 'counter', enteredBy: 'citizen', level: 4, dimensions: { attitude: 4, quality: 4, efficiency: 4 }, reasons: [] }
  const messages = (payload: unknown) => {
    const result = validateDomainEvent(event(payload))
    return result.ok ? [] : result.errors.map(e => `${e.path}: ${e.message}`)
  }

  it.each<[string, unknown, string[]]>([
    ['a good rating without reasons', base, []],
    ['a reason of another level', { ...base, reasons: ['poorAttitude'] }, ['payload.reasons.0: 原因“poorAttitude”不适用于“满意”']],
    ['a 差评 without a reason', { ...base, level: 1, reasons: [] }, ['payload.reasons: 不满意时请至少选择一项原因']],
    ['"other" without a comment', { ...base, reasons: ['other'] }, ['payload.comment: 选择“其他”时请填写具体意见']],
    ['a call-back due on a good rating', { ...base, followUpDueAt: FOLLOW_UP_DUE_AT }, ['payload.followUpDueAt: 只有差评需要回访期限']],
    ['a QR rating without its token', { ...base, channel: 'qr' }, ['payload.tokenSha256: 扫码评价须附评价凭证']],
    ['a dimension out of 1–5', { ...base, dimensions: { attitude: 6, quality: 4, efficiency: 4 } }, ['payload.dimensions.attitude: 评价等级应为 1–5']],
    ['a repeated reason', { ...base, reasons: ['warmService', 'warmService'] }, ['payload.reasons: 原因不能重复']],
  ])('%s', (_name, payload, expected) => {
    expect(messages(payload)).toEqual(expected)
  })
})

describe('the reason catalogue (DOMAIN.md: reasons depend on the level)', () => {
  it('offers Chinese reasons for every level, good ones for 4–5, bad ones for 1–2, "other" everywhere', () => {
    for (const level of [1, 2, 3, 4, 5] as const) {
      const reasons = ratingReasonsByLevel[level]
      expect(reasons.length).toBeGreaterThan(3)
      expect(reasons.map(x => x.code)).toContain('other')
      for (const reason of reasons)
        expect(reason.label).toMatch(/[\u4E00-\u9FFF]/)
      expect(new Set(reasons.map(x => x.code)).size).toBe(reasons.length)
    }
    expect(ratingReasonsByLevel[5].map(x => x.code)).toContain('warmService')
    expect(ratingReasonsByLevel[1].map(x => x.code)).toContain('poorAttitude')
    expect(ratingReasonsByLevel[5].map(x => x.code)).not.toContain('poorAttitude')
    expect([1, 2, 3, 4, 5].map(l => isBadRating(l as 1))).toEqual([true, true, false, false, false])
  })

  it('the 差评 call-back is due 15 working days later, across 国庆 (caller → payload)', () => {
    // 9/28 + 15 working days: 9/29, 9/30, 10/8, 10/9, 10/10 (worked), 10/12 … 10/16, 10/19 … 10/23 → 10/23.
    expect(ratingFollowUpDueAt('2026-09-28T10:00:00+08:00', BAD_RATING_FOLLOW_UP_WORKDAYS, builtinWorkCalendar())).toBe('2026-10-23T23:59:59.999+08:00')
    expect(ratingFollowUpDueAt('2026-09-28T10:00:00+08:00', 5, createWorkCalendar())).toBe('2026-10-10T23:59:59.999+08:00')
    expect(ratingFollowUpDueAt('2026-12-25T10:00:00+08:00', BAD_RATING_FOLLOW_UP_WORKDAYS, builtinWorkCalendar())).toBeNull() // 2027 not published
  })
})

describe('ratingTransitionError: the app refuses before recording', () => {
  const states = {
    none: () => null,
    prompted: () => fold([prompted()]),
    rated: () => fold([prompted(), given()]),
    declined: () => fold([r('rating.declined', '10:01')]),
  }
  const e = {
    prompt: { type: 'rating.prompted', payload: { subject: CASE_STREAM, staffId: 'staff-wang' } },
    give: { type: 'rating.given', payload: { subject: CASE_STREAM, staffId: 'staff-wang', channel: 'counter', enteredBy: 'citizen', level: 4, dimensions: { attitude: 4, quality: 4, efficiency: 4 }, reasons: [] } },
    giveByStaff: { type: 'rating.given', payload: { subject: CASE_STREAM, staffId: 'staff-wang', channel: 'counter', enteredBy: 'staff', level: 5, dimensions: { attitude: 5, quality: 5, efficiency: 5 }, reasons: [] } },
    decline: { type: 'rating.declined', payload: { subject: CASE_STREAM, staffId: 'staff-wang', channel: 'counter', enteredBy: 'citizen' } },
    mint: { type: 'rating.tokenMinted', payload: { subject: CASE_STREAM, staffId: 'staff-wang', tokenSha256: TOKEN_SHA256, expiresAt: '2026-03-09T09:00:00+08:00' } },
    promptOther: { type: 'rating.prompted', payload: { subject: CONSULTATION_STREAM, staffId: 'staff-wang' } },
  } satisfies Record<string, RatingEventInput>
  const ctx = { occurredAt: '2026-03-02T10:30:00+08:00', staffId: 'staff-wang' }

  it.each<[keyof typeof states, keyof typeof e, string | null]>([
    ['none', 'prompt', null],
    ['none', 'mint', null],
    ['none', 'decline', null],
    ['none', 'give', '评价未生效：没有邀请评价的记录（评价屏未打开）'],
    ['prompted', 'give', null],
    ['prompted', 'giveByStaff', '评价未生效：工作人员不能代替群众评价（须由群众在评价屏或扫码填写）'],
    ['prompted', 'promptOther', '邀请评价未生效：评价对象不符'],
    ['rated', 'give', '评价未生效：已评价（一次一评）'],
    ['rated', 'prompt', '邀请评价未生效：已评价（一次一评）'],
    ['rated', 'mint', '生成评价二维码未生效：已评价（一次一评）'],
    ['declined', 'decline', '不评价未生效：已记录不评价'],
    ['declined', 'prompt', '邀请评价未生效：群众已表示不评价，不应再次邀请（评价自愿）'],
  ])('%s + %s → %s', (state, event, expected) => {
    expect(ratingTransitionError(states[state](), e[event], ctx)).toBe(expected)
  })
})
