/**
 * 6.3.2 completeness check at the counter, as data: the item's material list from the catalog becomes
 * a checklist; each row is provided (原件/复印件, copies), missing, or supplemented on the spot; rows of
 * an alternative group (择一) need at least one of the group. From the checklist come the
 * `case.materialsChecked` rows and, when incomplete, the one-time notice's missing list (art. 32:
 * every missing material at once, with how to supply it).
 */
import type { MaterialCheck, MaterialForm } from '../../domain/case'
import type { CatalogItem, CatalogMaterial } from '../catalog/catalogItem'
import type { MissingMaterial } from '../catalog/oneTimeNotice'
import { materialFormSchema } from '../../domain/case'

export type MaterialStatus = MaterialCheck['status']

/** One row of the checklist as staff fill it in. */
export interface MaterialDraft {
  name: string
  /** Required by the catalog on its own (not counting alternative groups). */
  required: boolean
  /** 择一 group name; null when the material stands alone. */
  group: string | null
  /** null until staff decide. */
  status: MaterialStatus | null
  form: MaterialForm
  copies: number
  /** How to supply it if it is missing (printed on the notice). */
  howToSupply: string
  /** A new photo taken now (compressed), stored with the event. */
  photo: Blob | null
  /** A photo stored at an earlier check (kept on a supplement check). */
  photoSha256: string | null
}

export const MATERIAL_FORMS: readonly MaterialForm[] = materialFormSchema.options

function formOf(m: CatalogMaterial): MaterialForm {
  const parsed = materialFormSchema.safeParse(m.form)
  return parsed.success ? parsed.data : '原件'
}

/** What the catalog says about getting a material, else a plain instruction. */
export function defaultHowToSupply(m: Pick<CatalogMaterial, 'howToGet' | 'issuer'>): string {
  if (m.howToGet)
    return m.howToGet
  if (m.issuer)
    return `向${m.issuer}申请开具后，携带到本站补交`
  // A material's note is the catalog's research note for staff: never on the citizen's notice.
  return '携带到本站补交'
}

/** The item's checklist, nothing decided yet. */
export function checklistFor(item: Pick<CatalogItem, 'materials'>): MaterialDraft[] {
  return item.materials.map(m => ({
    name: m.name,
    required: m.alternativeGroup ? false : m.required,
    group: m.alternativeGroup,
    status: null,
    form: formOf(m),
    copies: Math.max(1, m.copies ?? 1),
    howToSupply: defaultHowToSupply(m),
    photo: null,
    photoSha256: null,
  }))
}

/**
 * The checklist again for a 补正 (supplement) check: the last check's rows as they were, the catalog's
 * groups and instructions re-attached by name; missing rows stay missing until staff mark them supplied.
 */
export function checklistFromCheck(previous: readonly MaterialCheck[], item: Pick<CatalogItem, 'materials'> | null): MaterialDraft[] {
  const catalog = new Map((item?.materials ?? []).map(m => [m.name, m]))
  return previous.map((p) => {
    const m = catalog.get(p.name)
    return {
      name: p.name,
      required: m ? (m.alternativeGroup ? false : m.required) : p.required,
      group: m?.alternativeGroup ?? (p.note?.startsWith(GROUP_NOTE) ? p.note.slice(GROUP_NOTE.length) : null),
      status: p.status,
      form: p.form,
      copies: Math.max(1, p.copies),
      howToSupply: p.howToSupply ?? (m ? defaultHowToSupply(m) : '携带到本站补交'),
      photo: null,
      photoSha256: p.photoSha256 ?? null,
    }
  })
}

const GROUP_NOTE = '择一：'
const supplied = (s: MaterialStatus | null) => s === 'provided' || s === 'supplemented'

/** Alternative groups in checklist order, with whether one of them is supplied. */
export function groupsOf(rows: readonly MaterialDraft[]): { name: string, rows: number[], satisfied: boolean }[] {
  const groups = new Map<string, number[]>()
  rows.forEach((r, i) => {
    if (r.group)
      groups.set(r.group, [...groups.get(r.group) ?? [], i])
  })
  return [...groups].map(([name, idx]) => ({ name, rows: idx, satisfied: idx.some(i => supplied(rows[i]?.status ?? null)) }))
}

/** Rows staff still have to decide: a standalone required row with no status, or an unsatisfied group with undecided rows. */
export function undecidedRows(rows: readonly MaterialDraft[]): number[] {
  const out = rows.flatMap((r, i) => (!r.group && r.required && r.status === null ? [i] : []))
  for (const g of groupsOf(rows)) {
    if (!g.satisfied && g.rows.every(i => rows[i]?.status === null))
      out.push(...g.rows)
  }
  return out.sort((a, b) => a - b)
}

/** Whether a row counts as required at this check: standalone required, or in a group none of which is supplied. */
function requiredNow(row: MaterialDraft, satisfiedGroups: ReadonlySet<string>): boolean {
  return row.group ? !satisfiedGroups.has(row.group) : row.required
}

/** The result of a check: the event rows, whether it is complete, and every missing material for the notice. */
export interface ChecklistResult {
  /** Every required material (and one of each group) is provided or supplemented. */
  complete: boolean
  /** The rows of `case.materialsChecked` (photos by their SHA-256, from `photoSha256s` by row). */
  checks: MaterialCheck[]
  /** 一次性告知: each missing material (a whole unsatisfied group as one line) and how to supply it. */
  missing: MissingMaterial[]
}

/** Evaluate the checklist; `photoSha256s[i]` is the hash of row i's new photo, if any. */
export function evaluateChecklist(rows: readonly MaterialDraft[], photoSha256s: readonly (string | null)[] = []): ChecklistResult {
  const groups = groupsOf(rows)
  const satisfied = new Set(groups.filter(g => g.satisfied).map(g => g.name))
  const checks: MaterialCheck[] = rows.map((r, i) => {
    const status = r.status ?? 'missing'
    return {
      name: r.name,
      required: requiredNow(r, satisfied),
      status,
      form: r.form,
      copies: supplied(status) ? Math.max(1, r.copies) : r.copies,
      howToSupply: status === 'missing' ? r.howToSupply.trim() || null : null,
      photoSha256: photoSha256s[i] ?? r.photoSha256 ?? null,
      note: r.group ? `${GROUP_NOTE}${r.group}` : null,
    }
  })
  const missing: MissingMaterial[] = []
  const listedGroups = new Set<string>()
  rows.forEach((r, i) => {
    if (!checks[i]?.required || checks[i]?.status !== 'missing')
      return
    if (!r.group) {
      missing.push({ name: r.name, form: r.form, copies: r.copies, howToSupply: r.howToSupply.trim() || '携带到本站补交' })
      return
    }
    if (listedGroups.has(r.group))
      return
    listedGroups.add(r.group)
    const members = rows.filter(x => x.group === r.group)
    missing.push({
      name: `${members.map(x => x.name).join(' / ')}（${r.group}）`,
      form: r.form,
      copies: r.copies,
      howToSupply: `以上材料提供其中任意一项即可：${members.map(x => `${x.name}——${x.howToSupply}`).join('；')}`,
    })
  })
  return { complete: missing.length === 0, checks, missing }
}

/** The notice's missing list from a recorded check (for a reprint from the case). */
export function missingFromChecks(checks: readonly MaterialCheck[]): MissingMaterial[] {
  const rows: MaterialDraft[] = checks.map(c => ({
    name: c.name,
    required: c.note?.startsWith(GROUP_NOTE) ? false : c.required,
    group: c.note?.startsWith(GROUP_NOTE) ? c.note.slice(GROUP_NOTE.length) : null,
    status: c.status,
    form: c.form,
    copies: c.copies,
    howToSupply: c.howToSupply ?? '携带到本站补交',
    photo: null,
    photoSha256: c.photoSha256 ?? null,
  }))
  return evaluateChecklist(rows).missing
}

/** The materials received, for the 收件回执: name, copies, original or copy. */
export function receivedMaterials(checks: readonly MaterialCheck[]): { name: string, copies: number, form: MaterialForm }[] {
  return checks.filter(c => supplied(c.status)).map(c => ({ name: c.name, copies: c.copies, form: c.form }))
}
