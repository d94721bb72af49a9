/**
 * What the citizen-facing catalog papers print (5.2.2 事项清单 on display; 5.2.4 公示牌: item names, process,
 * time limits, fees, contact), as plain data so the print views only lay it out and tests check every value.
 *
 * Only public guide fields are taken. Never the office's internal notes: `remarks`, a material's `note`,
 * `limitNote` (the seed's carry the compilers' research), nor provenance (`sources`, `sourceRegion`, …).
 */
import type { OfficeCatalogItem, OfficeCatalogStation } from '../stores/officeCatalog'

/** 承诺时限 as printed: 即办 (0), n working days, or not stated. */
export type PrintTimeLimit = { kind: 'immediate' } | { kind: 'workdays', n: number } | { kind: 'unstated' }

export interface CatalogPrintRow {
  no: number
  code: string
  name: string
  department: string
  process: string[]
  timeLimit: PrintTimeLimit
  fee: string | null
  place: string | null
  /** The item's own 咨询电话, else the station's. */
  contact: string | null
  materials: number
}

function timeLimitOf(item: Pick<OfficeCatalogItem, 'promisedLimitWorkdays' | 'legalLimitWorkdays'>): PrintTimeLimit {
  const n = item.promisedLimitWorkdays ?? item.legalLimitWorkdays
  if (n === null)
    return { kind: 'unstated' }
  return n === 0 ? { kind: 'immediate' } : { kind: 'workdays', n }
}

/**
 * The active items to print, in catalog order: a station's offered ones when a station is given (its papers),
 * else the whole catalog (the office's own list).
 */
export function catalogPrintRows(items: readonly OfficeCatalogItem[], station: OfficeCatalogStation | null): CatalogPrintRow[] {
  return items
    .filter(i => i.active && (!station || i.offeredStationIds.includes(station.id)))
    .map((item, i) => ({
      no: i + 1,
      code: item.code,
      name: item.name,
      department: item.department,
      process: item.process,
      timeLimit: timeLimitOf(item),
      fee: item.fee,
      place: item.place ?? null,
      contact: item.contact ?? station?.contactPhone ?? null,
      materials: item.materials.length,
    }))
}
