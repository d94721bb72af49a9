/**
 * The catalog workbook (issue 8 item 4: import and export as xlsx, nothing half-imported): the layout both
 * the export writes and the import reads, so export → import round-trips.
 *
 * Sheet 「事项」: a header row, then one row per item (columns by title, any order). List fields (设定依据,
 * 申请条件, 办理流程, 别名) hold one entry per line of the cell. 承诺时限/法定时限 are working days (0 or
 * 即办 = done on the spot, empty = not stated). 状态 is 在用 or 停用 (empty = 在用).
 * Sheet 「材料」: a header row, then one row per material, keyed by 事项编码, in the order of the notice.
 * An imported item's materials are exactly its rows here (none = no materials).
 *
 * Parsing is pure: the browser runs it for the preview, the server runs it again before writing anything.
 */
import type { z } from 'zod'
import type { NewCatalogItem, NoticeFields } from './catalogNotice'
import type { FieldIssue } from './fieldIssue'
import { newCatalogItemSchema } from './catalogNotice'
import { issueParams } from './fieldIssue'

export type SheetCell = string | number | boolean | null
export type SheetRows = SheetCell[][]

export const ITEM_SHEET = '事项'
export const MATERIAL_SHEET = '材料'
export const GUIDE_SHEET = '填写说明'

type Kind = 'text' | 'lines' | 'workdays' | 'count' | 'active' | 'yesNo'

interface Column<K extends string> { key: K, title: string, kind: Kind, width: number }

type ItemKey = 'code' | 'active' | Exclude<keyof NoticeFields, 'materials'>
type MaterialKey = 'itemCode' | keyof NoticeFields['materials'][number]

export const itemColumns: readonly Column<ItemKey>[] = [
  { key: 'code', title: '事项编码', kind: 'text', width: 24 },
  { key: 'name', title: '事项名称', kind: 'text', width: 30 },
  { key: 'department', title: '实施部门', kind: 'text', width: 16 },
  { key: 'itemType', title: '事项类型', kind: 'text', width: 10 },
  { key: 'legalBasis', title: '设定依据', kind: 'lines', width: 40 },
  { key: 'conditions', title: '申请条件', kind: 'lines', width: 40 },
  { key: 'process', title: '办理流程', kind: 'lines', width: 16 },
  { key: 'promisedLimitWorkdays', title: '承诺时限（工作日）', kind: 'workdays', width: 12 },
  { key: 'legalLimitWorkdays', title: '法定时限（工作日）', kind: 'workdays', width: 12 },
  { key: 'limitNote', title: '时限说明', kind: 'text', width: 30 },
  { key: 'fee', title: '收费标准', kind: 'text', width: 24 },
  { key: 'resultDelivery', title: '结果送达', kind: 'text', width: 20 },
  { key: 'eLicence', title: '电子证照', kind: 'text', width: 16 },
  { key: 'place', title: '办理地点', kind: 'text', width: 24 },
  { key: 'contact', title: '咨询电话', kind: 'text', width: 16 },
  { key: 'aliases', title: '别名', kind: 'lines', width: 16 },
  { key: 'remarks', title: '备注（内部）', kind: 'text', width: 30 },
  { key: 'active', title: '状态', kind: 'active', width: 8 },
]

export const materialColumns: readonly Column<MaterialKey>[] = [
  { key: 'itemCode', title: '事项编码', kind: 'text', width: 24 },
  { key: 'name', title: '材料名称', kind: 'text', width: 36 },
  { key: 'form', title: '原件或复印件', kind: 'text', width: 14 },
  { key: 'copies', title: '份数', kind: 'count', width: 6 },
  { key: 'format', title: '材料形式', kind: 'text', width: 10 },
  { key: 'issuer', title: '出具单位', kind: 'text', width: 20 },
  { key: 'howToGet', title: '获取方式', kind: 'text', width: 24 },
  { key: 'required', title: '是否必需', kind: 'yesNo', width: 10 },
  { key: 'alternativeGroup', title: '择一组', kind: 'text', width: 20 },
  { key: 'note', title: '说明（内部）', kind: 'text', width: 30 },
]

/** The lines of the template's 填写说明 sheet. */
export const sheetGuide: readonly string[] = [
  `「${ITEM_SHEET}」每行一个事项；「${MATERIAL_SHEET}」每行一项材料，用事项编码对应事项，按告知单上的顺序填写。`,
  '设定依据、申请条件、办理流程、别名：一个单元格内每行一项（Alt+Enter 换行）。',
  '承诺时限、法定时限：工作日天数，0 或“即办”表示即办；不填表示指南未载明。',
  '状态：在用 或 停用（不填为在用）。是否必需：是 或 否（不填为是）。原件或复印件：原件、复印件 或 原件及复印件。',
  '同一“择一组”的材料提供其一即可，一组至少两项。',
  '事项编码已存在的事项整体更新（其材料以本文件为准），新编码新增；文件中没有的事项不变。',
  '有任何一行出错则整个文件都不导入，请按提示改正后重新导入。',
  '备注（内部）与说明（内部）只给工作人员看，不印在公示材料上。',
]

/** One error of an import, by the sheet row the user sees in the spreadsheet (header = row 1). */
export interface SheetError extends FieldIssue {
  sheet: string
  row: number
  column: string
  message: string
}

/** An imported item, validated, with the row it came from. */
export interface ImportedItem {
  row: number
  item: NewCatalogItem
  active: boolean
}

export interface ParsedWorkbook {
  items: ImportedItem[]
  errors: SheetError[]
}

class CellError extends Error {}

// A spreadsheet cell written with a leading apostrophe to keep it from running as a formula (export guard).
const GUARDED = /^'(?=[=+\-@\t\r])/

function asText(cell: SheetCell): string | null {
  if (cell === null)
    return null
  const text = String(cell).replace(GUARDED, '').trim()
  return text === '' ? null : text
}

function readCell(kind: Kind, cell: SheetCell): unknown {
  const text = asText(cell)
  switch (kind) {
    case 'text':
      return text
    case 'lines':
      return text === null ? [] : text.split(/\r?\n/).map(s => s.trim()).filter(s => s !== '')
    case 'workdays':
    case 'count': {
      if (typeof cell === 'number')
        return cell
      if (text === null)
        return null
      if (kind === 'workdays' && text === '即办')
        return 0
      if (/^\d+$/.test(text))
        return Number(text)
      throw new CellError(kind === 'workdays' ? '应为工作日天数（即办填 0）' : '份数应为整数')
    }
    case 'active':
      if (cell === true || text === null || text === '在用')
        return true
      if (cell === false || text === '停用')
        return false
      throw new CellError('状态应为 在用 或 停用')
    case 'yesNo':
      if (cell === true || text === null || text === '是')
        return true
      if (cell === false || text === '否')
        return false
      throw new CellError('是否必需应为 是 或 否')
  }
}

const blank = (row: readonly SheetCell[]): boolean => row.every(c => asText(c) === null)

/** Column index by title for a sheet's header row; missing columns as errors on row 1. */
function headerIndex<K extends string>(sheet: string, rows: SheetRows, columns: readonly Column<K>[], errors: SheetError[]): Map<K, number> | null {
  const header = (rows[0] ?? []).map(c => asText(c) ?? '')
  const index = new Map<K, number>()
  for (const column of columns) {
    const at = header.indexOf(column.title)
    if (at < 0)
      errors.push({ sheet, row: 1, column: column.title, message: `缺少“${column.title}”列`, code: 'missing-column' })
    else
      index.set(column.key, at)
  }
  return index.size === columns.length ? index : null
}

function readRow<K extends string>(sheet: string, rowNo: number, row: readonly SheetCell[], columns: readonly Column<K>[], index: Map<K, number>, errors: SheetError[]): Record<K, unknown> {
  const out = {} as Record<K, unknown>
  for (const column of columns) {
    try {
      out[column.key] = readCell(column.kind, row[index.get(column.key) ?? -1] ?? null)
    }
    catch (error) {
      if (!(error instanceof CellError))
        throw error
      errors.push({ sheet, row: rowNo, column: column.title, message: error.message, code: 'custom' })
    }
  }
  return out
}

const itemTitle = new Map<string, string>(itemColumns.map(c => [c.key, c.title]))
const materialTitle = new Map<string, string>(materialColumns.map(c => [c.key, c.title]))

/** Issue 8 item 4: the two sheets' rows → validated items, or the errors of every row (never part of a file). */
export function parseCatalogWorkbook(sheets: { items: SheetRows, materials: SheetRows }): ParsedWorkbook {
  const errors: SheetError[] = []
  const itemIndex = headerIndex(ITEM_SHEET, sheets.items, itemColumns, errors)
  const materialIndex = headerIndex(MATERIAL_SHEET, sheets.materials, materialColumns, errors)
  if (!itemIndex || !materialIndex)
    return { items: [], errors }

  const drafts: { row: number, fields: Record<ItemKey, unknown>, materials: { row: number, fields: Record<string, unknown> }[] }[] = []
  const byCode = new Map<string, typeof drafts[number]>()
  sheets.items.slice(1).forEach((cells, i) => {
    const row = i + 2
    if (blank(cells))
      return
    const fields = readRow(ITEM_SHEET, row, cells, itemColumns, itemIndex, errors)
    const draft = { row, fields, materials: [] }
    const code = typeof fields.code === 'string' ? fields.code : null
    if (code && byCode.has(code))
      errors.push({ sheet: ITEM_SHEET, row, column: '事项编码', message: `事项编码 ${code} 与第 ${byCode.get(code)?.row} 行重复`, code: 'duplicate' })
    else if (code)
      byCode.set(code, draft)
    drafts.push(draft)
  })
  sheets.materials.slice(1).forEach((cells, i) => {
    const row = i + 2
    if (blank(cells))
      return
    const { itemCode, ...fields } = readRow(MATERIAL_SHEET, row, cells, materialColumns, materialIndex, errors)
    const owner = typeof itemCode === 'string' ? byCode.get(itemCode) : undefined
    if (!owner)
      errors.push({ sheet: MATERIAL_SHEET, row, column: '事项编码', message: itemCode ? `「${ITEM_SHEET}」中没有事项编码 ${String(itemCode)}` : '事项编码不能为空', ...(itemCode ? { code: 'unknown-item' } : { code: 'too_small', origin: 'string', minimum: 1 }) })
    else
      owner.materials.push({ row, fields })
  })

  const items: ImportedItem[] = []
  for (const draft of drafts) {
    const { active, ...notice } = draft.fields
    const parsed = newCatalogItemSchema.safeParse({ ...notice, materials: draft.materials.map(m => m.fields) })
    if (parsed.success) {
      items.push({ row: draft.row, item: parsed.data, active: active !== false })
      continue
    }
    for (const issue of parsed.error.issues)
      errors.push(issueAt(issue, draft))
  }
  errors.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : a.sheet === ITEM_SHEET ? -1 : 1))
  return { items: errors.length === 0 ? items : [], errors }
}

function issueAt(issue: z.core.$ZodIssue, draft: { row: number, materials: { row: number }[] }): SheetError {
  const [first, index, field] = issue.path
  if (first === 'materials' && typeof index === 'number') {
    const title = typeof field === 'string' ? materialTitle.get(field) : undefined
    return { sheet: MATERIAL_SHEET, row: draft.materials[index]?.row ?? draft.row, column: title ?? '材料名称', message: issue.message, ...issueParams(issue) }
  }
  return { sheet: ITEM_SHEET, row: draft.row, column: (typeof first === 'string' ? itemTitle.get(first) : undefined) ?? '事项编码', message: issue.message, ...issueParams(issue) }
}

/** A catalog entry as the workbook writes it: any value of a layout column (unchecked: the import checks). */
export interface WorkbookItem extends Partial<Record<Exclude<ItemKey, 'code' | 'name'>, unknown>> {
  code: string
  name: string
  materials?: readonly Partial<Record<MaterialKey, unknown>>[]
}

function writeCell(kind: Kind, value: unknown): SheetCell {
  if (kind === 'lines')
    return Array.isArray(value) && value.length > 0 ? value.join('\n') : null
  if (kind === 'active')
    return value === false ? '停用' : '在用'
  if (kind === 'yesNo')
    return value === false ? '否' : '是'
  if (typeof value === 'number' || typeof value === 'string')
    return value === '' ? null : value
  return null
}

/** Issue 8 item 4: the items (and their materials) as the two sheets' rows, header first; [] gives the template. */
export function catalogWorkbookRows(items: readonly WorkbookItem[]): { items: SheetRows, materials: SheetRows } {
  const itemRows: SheetRows = [itemColumns.map(c => c.title)]
  const materialRows: SheetRows = [materialColumns.map(c => c.title)]
  for (const item of items) {
    const record = item as unknown as Record<string, unknown>
    itemRows.push(itemColumns.map(c => writeCell(c.kind, record[c.key])))
    for (const m of item.materials ?? []) {
      const material = { ...m, itemCode: item.code } as Record<string, unknown>
      materialRows.push(materialColumns.map(c => writeCell(c.kind, material[c.key])))
    }
  }
  return { items: itemRows, materials: materialRows }
}
