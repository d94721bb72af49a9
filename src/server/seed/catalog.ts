/**
 * The seed service-item catalog (../shared/data/service-items.json, copied here): 12 common items
 * compiled from official guides of other provinces' counties. Their departments name the source
 * locality, so a Shanxi station shows the generic department (data/README.md); the original stays
 * in `sourceDepartment` beside the guide's `sourceRegion` and `sources`.
 */
import { readFileSync } from 'node:fs'

export interface CatalogMaterial {
  name: string
  /** 原件 / 复印件 / … */
  form: string
  copies: number
  required: boolean
  note?: string | null
  /** Materials of one group are alternatives (择一): at least one of them is needed. */
  alternativeGroup?: string | null
  [field: string]: unknown
}

export interface CatalogItem {
  code: string
  name: string
  department: string
  materials: CatalogMaterial[]
  process: string[]
  legalLimitWorkdays: number | null
  promisedLimitWorkdays: number | null
  [field: string]: unknown
}

interface CatalogFile {
  note: string
  compiledOn: string
  items: CatalogItem[]
}

/** '公安机关(户口所在地公安派出所;…)' → '公安机关'. */
export function genericDepartment(department: string): string {
  return (department.split(/[(（]/)[0] ?? department).trim()
}

/** The catalog as a Shanxi station presents it. */
export function loadSeedCatalog(): CatalogItem[] {
  const file = JSON.parse(readFileSync(new URL('./service-items.json', import.meta.url), 'utf8')) as CatalogFile
  return file.items.map(item => ({
    ...item,
    department: genericDepartment(item.department),
    sourceDepartment: item.department,
    catalogNote: file.note,
  }))
}
