import { describe, expect, it } from 'vitest'
import { annexHeading, periodRangeMs, periodText, presetOf, presetPeriod, toLedgerQuery } from '../../../src/app/ledger/ledgerPeriod'

// The tests run in Los Angeles (vitest.config.ts): every day here must still be a CST day.
describe('ledger periods in China Standard Time', () => {
  // 2026-12-01 01:00 CST is still 30 November in Los Angeles and in UTC.
  const justIntoDecember = new Date('2026-11-30T17:00:00Z')

  it.each([
    ['thisMonth', '2026-12-01', '2026-12-31'],
    ['lastMonth', '2026-11-01', '2026-11-30'],
    // Tuesday 1 December: its ISO week starts Monday 30 November.
    ['thisWeek', '2026-11-30', '2026-12-06'],
    ['today', '2026-12-01', '2026-12-01'],
  ] as const)('%s just after CST midnight on 1 December → %s–%s', (preset, from, to) => {
    expect(presetPeriod(preset, justIntoDecember)).toEqual({ from, to })
    expect(presetOf({ from, to }, justIntoDecember)).toBe(preset === 'today' ? 'today' : preset)
  })

  it('last month across a year: January → December of the year before', () => {
    expect(presetPeriod('lastMonth', new Date('2027-01-15T12:00:00+08:00'))).toEqual({ from: '2026-12-01', to: '2026-12-31' })
  })

  it('a custom range is no preset', () => {
    expect(presetOf({ from: '2026-11-03', to: '2026-11-09' }, justIntoDecember)).toBeNull()
  })

  it('asks the index for [first day 00:00 CST, the day after the last 00:00 CST)', () => {
    expect(periodRangeMs({ from: '2026-11-01', to: '2026-11-30' })).toEqual({
      fromMs: Date.parse('2026-10-31T16:00:00Z'),
      toMs: Date.parse('2026-11-30T16:00:00Z'),
    })
  })

  it.each([
    [{ from: '2026-11-01', to: '2026-11-30' }, '2026-11'],
    [{ from: '2026-02-01', to: '2026-02-28' }, '2026-02'],
    [{ from: '2026-11-02', to: '2026-11-02' }, '2026-11-02'],
    [{ from: '2026-11-02', to: '2026-11-08' }, '2026-11-02至2026-11-08'],
    [{ from: '2026-11-01', to: '2026-11-29' }, '2026-11-01至2026-11-29'],
  ])('%j is written %s', (period, text) => {
    expect(periodText(period)).toBe(text)
  })

  it('turns the filter bar into a ledger filter: empty choices do not narrow, a reversed range is put right', () => {
    expect(toLedgerQuery({ from: '2026-11-30', to: '2026-11-01', staffId: '', itemCode: 'sicard-lost-replace', status: 'accepted' })).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      staffIds: [],
      itemCodes: ['sicard-lost-replace'],
      statuses: ['accepted'],
    })
  })

  it('heads each ledger with its annex', () => {
    expect(annexHeading('D')).toBe('附录D 政务服务便民服务站工作台账')
    expect(annexHeading('E')).toBe('附录E 政务服务便民服务站帮办登记表')
    expect(annexHeading('F')).toBe('附录F 政务服务便民服务站代办登记表')
  })
})
