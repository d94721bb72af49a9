/**
 * 6.2.2 信息公开透明度: the share of the station's offered items whose guide (办事指南) is complete.
 *
 * A guide is complete when it gives all six parts the standard asks to disclose (5.2.2, 6.3.5): 申请条件
 * (conditions), 申请材料 (materials), 办理流程 (process), 办理时限 (a promised or legal limit in working
 * days, or a written note on the limit), 收费标准 (fee, '不收费' counts) and 设定依据 (legal basis). A
 * withdrawn item (active: false) is not offered. The catalog keeps no history, so the rate is a snapshot
 * of the catalog as it is now, not a per-period series.
 */

/** The parts of a catalog item's guide 6.2.2 reads; the app's CatalogItem fits this shape. */
export interface GuideItem {
  code: string
  name: string
  conditions?: readonly string[] | null
  materials?: readonly unknown[] | null
  process?: readonly string[] | null
  promisedLimitWorkdays?: number | null
  legalLimitWorkdays?: number | null
  limitNote?: string | null
  fee?: string | null
  legalBasis?: readonly string[] | null
  active?: boolean | null
}

/** 6.2.2: the six parts of a complete guide, with their Chinese names. */
export const guidePartLabels = {
  conditions: '申请条件',
  materials: '申请材料',
  process: '办理流程',
  timeLimit: '办理时限',
  fee: '收费标准',
  legalBasis: '设定依据',
} as const

export type GuidePart = keyof typeof guidePartLabels

const filled = (list: readonly unknown[] | null | undefined): boolean => !!list && list.some(v => typeof v !== 'string' || v.trim() !== '')
const text = (s: string | null | undefined): boolean => !!s && s.trim() !== ''

/** 6.2.2: the parts missing from an item's guide, in guidePartLabels order; [] when complete. */
export function missingGuideParts(item: GuideItem): GuidePart[] {
  const present: Record<GuidePart, boolean> = {
    conditions: filled(item.conditions),
    materials: filled(item.materials),
    process: filled(item.process),
    timeLimit: item.promisedLimitWorkdays != null || item.legalLimitWorkdays != null || text(item.limitNote),
    fee: text(item.fee),
    legalBasis: filled(item.legalBasis),
  }
  return (Object.keys(guidePartLabels) as GuidePart[]).filter(part => !present[part])
}

/** 6.2.2 drill-down: an offered item whose guide is incomplete, and what it lacks (Chinese). */
export interface IncompleteGuide {
  code: string
  name: string
  missing: string[]
}

/** 6.2.2: offered items, how many have a complete guide, the rate (null when none offered) and the incomplete ones. */
export interface DisclosureResult {
  offered: number
  complete: number
  rate: number | null
  /** '100%', '83.3%', or '无在办事项' when the station offers none. */
  display: string
  incomplete: IncompleteGuide[]
}

/** 6.2.2: the information-disclosure rate over the station's offered items (withdrawn ones left out). */
export function disclosureRate(offeredItems: readonly GuideItem[]): DisclosureResult {
  const offered = offeredItems.filter(i => i.active !== false)
  const incomplete: IncompleteGuide[] = []
  for (const item of offered) {
    const missing = missingGuideParts(item)
    if (missing.length > 0)
      incomplete.push({ code: item.code, name: item.name, missing: missing.map(p => guidePartLabels[p]) })
  }
  const complete = offered.length - incomplete.length
  const rate = offered.length === 0 ? null : complete / offered.length
  return { offered: offered.length, complete, rate, display: formatRate(rate, '无在办事项'), incomplete }
}

/**
 * 6.2: a rate as a percentage with at most one decimal, rounded down so that only a full score reads
 * '100%' (9999 of 10000 is '99.9%'); `empty` when there is nothing to rate (never '100%').
 */
export function formatRate(rate: number | null, empty: string): string {
  if (rate === null)
    return empty
  if (rate >= 1)
    return '100%'
  return `${Math.floor(rate * 1000 + 1e-9) / 10}%`
}
