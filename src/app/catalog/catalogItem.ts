/**
 * The service-item catalog as the tablet reads it from reference data (`serviceItems` rows, the shape
 * of the server's seed/service-items.json plus `code`, `active`, `revision`). Rows come from storage
 * and the network, so they are validated before use; fields a guide did not give are null.
 */
import { z } from 'zod'

const str = z.string().trim().min(1)
const optStr = z.string().nullish().transform(v => (v && v.trim() !== '' ? v.trim() : null))
const strList = z.array(z.string()).nullish().transform(v => (v ?? []).map(s => s.trim()).filter(s => s !== ''))
const optInt = z.number().int().min(0).nullish().transform(v => v ?? null)

/** 一次性告知单 material line: name, original/copy, copies, and what the catalog says about where it comes from. */
export const catalogMaterialSchema = z.object({
  name: str,
  /** 原件 / 复印件 / 原件及复印件. */
  form: optStr,
  copies: z.number().int().min(0).nullish().transform(v => v ?? null),
  required: z.boolean().nullish().transform(v => v ?? true),
  /** Materials of one group are alternatives (择一): at least one of them is needed. */
  alternativeGroup: optStr,
  note: optStr,
  /** Paper or electronic, if the catalog says (the seed does not). */
  format: optStr,
  /** Who issues it, if the catalog says. */
  issuer: optStr,
  /** How to get it, if the catalog says. */
  howToGet: optStr,
})
export type CatalogMaterial = z.infer<typeof catalogMaterialSchema>

export const catalogItemSchema = z.object({
  code: str,
  name: str,
  department: str,
  /** The guide's own department (with its source locality), kept beside the generic one. */
  sourceDepartment: optStr,
  itemType: optStr,
  legalBasis: strList,
  conditions: strList,
  materials: z.array(catalogMaterialSchema).nullish().transform(v => v ?? []),
  process: strList,
  legalLimitWorkdays: optInt,
  promisedLimitWorkdays: optInt,
  limitNote: optStr,
  fee: optStr,
  resultDelivery: optStr,
  eLicence: optStr,
  /** 办理地点 / 咨询电话 when the catalog gives them (the seed does not: the station's own are used). */
  place: optStr,
  contact: optStr,
  remarks: optStr,
  sourceRegion: optStr,
  sources: strList,
  aliases: strList,
  active: z.boolean().nullish().transform(v => v ?? true),
  revision: z.number().int().nullish().transform(v => v ?? 0),
})
export type CatalogItem = z.infer<typeof catalogItemSchema>

/** A reference row that could not be read (shown to staff, never silently dropped). */
export interface UnreadableItem {
  id: string
  reason: string
}

/** Read `serviceItems` rows: the valid items, and the ids of rows that failed validation. */
export function readCatalogRows(rows: readonly Record<string, unknown>[]): { items: CatalogItem[], unreadable: UnreadableItem[] } {
  const items: CatalogItem[] = []
  const unreadable: UnreadableItem[] = []
  for (const row of rows) {
    const parsed = catalogItemSchema.safeParse(row)
    if (parsed.success)
      items.push(parsed.data)
    else
      unreadable.push({ id: String(row.id ?? row.code ?? '?'), reason: parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`).join('; ') })
  }
  return { items, unreadable }
}

/** The station as the one-time notice names it (from the `stations` reference row). */
export interface StationInfo {
  id: string
  name: string
  address: string | null
  contactPhone: string | null
  /** China Standard Time; days 1 = Monday … 7 = Sunday. */
  openingHours: { days: number[], open: string, close: string }[]
}

const stationSchema = z.object({
  id: str,
  name: str,
  address: optStr,
  contactPhone: optStr,
  openingHours: z.array(z.object({ days: z.array(z.number().int()), open: z.string(), close: z.string() })).nullish().transform(v => v ?? []),
})

/** Read a `stations` reference row; null when it is not a usable station. */
export function readStationRow(row: Record<string, unknown> | undefined): StationInfo | null {
  if (!row)
    return null
  const parsed = stationSchema.safeParse(row)
  return parsed.success ? parsed.data : null
}

/** Departments in catalog order, each once. */
export function departmentsOf(items: readonly CatalogItem[]): string[] {
  return [...new Set(items.map(i => i.department))]
}
