/**
 * 6.3.5 / DOMAIN.md "Intake and the one-time notice": what the 一次性告知单 prints for an item, as plain
 * data, so the print view only lays it out and tests can check every field without mounting anything.
 */
import type { CatalogItem, CatalogMaterial, StationInfo } from './catalogItem'

/** For an incomplete intake: one material still missing and how to supply it. */
export interface MissingMaterial {
  name: string
  form?: string | null
  copies?: number | null
  /** How to supply it (where to get it, by when, in what form). */
  howToSupply: string
}

/** A material's requirement: required, one of a group (择一), or only in some situations. */
export type MaterialRequirement = { kind: 'required' } | { kind: 'alternative', group: string } | { kind: 'optional' }

export function materialRequirement(m: CatalogMaterial): MaterialRequirement {
  if (m.alternativeGroup)
    return { kind: 'alternative', group: m.alternativeGroup }
  return m.required ? { kind: 'required' } : { kind: 'optional' }
}

/**
 * Which optional material columns the catalog fills for this item (a column nobody fills is not printed empty).
 * A material's `note` is never one: it is the office's internal note (the seed's are research notes).
 */
export function materialColumns(item: CatalogItem): { format: boolean, issuer: boolean, howToGet: boolean } {
  const has = (k: 'format' | 'issuer' | 'howToGet') => item.materials.some(m => m[k] !== null)
  return { format: has('format'), issuer: has('issuer'), howToGet: has('howToGet') }
}

/** Opening hours grouped for print, e.g. [{ days: [1..5], open: '09:00', close: '17:00' }]. */
export type HoursLine = { kind: 'weekdays' | 'weekend' | 'days', days: number[], open: string, close: string }

export function hoursLines(station: StationInfo | null): HoursLine[] {
  return (station?.openingHours ?? []).map((h) => {
    const days = [...h.days].sort()
    const kind = days.join() === '1,2,3,4,5' ? 'weekdays' : days.join() === '6,7' ? 'weekend' : 'days'
    return { kind, days, open: h.open, close: h.close }
  })
}
