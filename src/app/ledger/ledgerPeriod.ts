/**
 * The period a ledger listing covers (issue 5 item 1): the presets staff pick (本月, 上月, 本周, 今天), the
 * half-open instant range the date index is asked for, and how the period is written in titles and file
 * names. Every day is a China Standard Time civil day, whatever zone the tablet is set to (DOMAIN.md).
 */
import type { CivilDate } from '../../domain/calendar'
import type { CaseStatus } from '../../domain/case'
import type { LedgerKind } from '../../domain/ledger'
import type { LedgerFilter } from '../../domain/ledgerFilter'
import { addCalendarDays, cstDayStartMs, toCivilDate } from '../../domain/calendar'
import { ledgerTitles } from '../../domain/ledger'
import { periodOf } from '../../domain/metricPeriods'

/** The date presets of the filter bar. */
export const LEDGER_PRESETS = ['thisMonth', 'lastMonth', 'thisWeek', 'today'] as const
export type LedgerPreset = typeof LEDGER_PRESETS[number]

/** An inclusive range of CST civil days. */
export interface LedgerPeriod {
  from: CivilDate
  to: CivilDate
}

/** 6.2.4: the CST days a preset covers at `now` (weeks are ISO weeks, Monday first). */
export function presetPeriod(preset: LedgerPreset, now: Date = new Date()): LedgerPeriod {
  const today = toCivilDate(now)
  switch (preset) {
    case 'today':
      return { from: today, to: today }
    case 'thisWeek': {
      const week = periodOf('week', today)
      return { from: week.from, to: week.to }
    }
    case 'lastMonth': {
      const last = periodOf('month', addCalendarDays(periodOf('month', today).from, -1))
      return { from: last.from, to: last.to }
    }
    case 'thisMonth': {
      const month = periodOf('month', today)
      return { from: month.from, to: month.to }
    }
  }
}

/** Which preset a period is at `now`, or null when it is a custom range. */
export function presetOf(period: LedgerPeriod, now: Date = new Date()): LedgerPreset | null {
  return LEDGER_PRESETS.find((p) => {
    const candidate = presetPeriod(p, now)
    return candidate.from === period.from && candidate.to === period.to
  }) ?? null
}

/** The half-open [fromMs, toMs) instant range of the period: from its first day's CST midnight to the midnight after its last day. */
export function periodRangeMs(period: LedgerPeriod): { fromMs: number, toMs: number } {
  return { fromMs: cstDayStartMs(period.from), toMs: cstDayStartMs(addCalendarDays(period.to, 1)) }
}

/** The period as a title or file name writes it: '2026-11' for a whole month, '2026-11-02' for a day, else '2026-11-02至2026-11-08'. */
export function periodText(period: LedgerPeriod): string {
  const month = periodOf('month', period.from)
  if (month.from === period.from && month.to === period.to)
    return month.key
  return period.from === period.to ? period.from : `${period.from}至${period.to}`
}

/** The file name stem of each ledger (e.g. 工作台账_2026-11.xlsx). */
export const ledgerFileBase: Readonly<Record<LedgerKind, string>> = {
  D: '工作台账',
  E: '帮办登记表',
  F: '代办登记表',
}

/** 'D' → '附录D 政务服务便民服务站工作台账': the annex heading printed and exported above the ledger. */
export function annexHeading(kind: LedgerKind): string {
  return `附录${kind} ${ledgerTitles[kind].title}`
}

/** What the filter bar holds: a period and at most one staff member, item and state ('' for all). */
export interface LedgerFilterForm extends LedgerPeriod {
  staffId: string
  itemCode: string
  status: CaseStatus | ''
}

/** The filter bar's form as a ledger filter (empty choices do not narrow); from and to swapped if reversed. */
export function toLedgerQuery(form: LedgerFilterForm): LedgerFilter & LedgerPeriod {
  const [from, to] = form.from <= form.to ? [form.from, form.to] : [form.to, form.from]
  return {
    from,
    to,
    staffIds: form.staffId ? [form.staffId] : [],
    itemCodes: form.itemCode ? [form.itemCode] : [],
    statuses: form.status ? [form.status] : [],
  }
}
