/**
 * The office's service-item catalog (issue 8 item 4) on top of the office session (stores/office.ts):
 * the list with 6.2.2 completeness and offered-by counts, one item with its station offers, saves of the
 * one-time notice (checked first with the domain schema the server uses), and the xlsx import (file → rows
 * → server dry run → confirm) and export. Online only, nothing kept in Dexie.
 */
import type { z } from 'zod'
import type { NewCatalogItem, NoticeFields, NoticeFieldsInput } from '../../domain/catalogNotice'
import type { CatalogItemDetailAnswer, ImportPlanRow, OfficeCatalogItem, OfficeCatalogStation } from '../../domain/protocol'
import type { SheetError, SheetRows } from '../../domain/catalogSheet'
import type { OfficeCallOptions, OfficeFieldError } from '../office/officeClient'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { newCatalogItemSchema, noticeFieldsSchema } from '../../domain/catalogNotice'
import { parseCatalogWorkbook } from '../../domain/catalogSheet'
import { fieldErrorOf } from '../../domain/fieldIssue'
import { catalogImportAnswerSchema, catalogItemAnswerSchema, catalogItemDetailAnswerSchema, catalogListAnswerSchema } from '../../domain/protocol'
import { readCatalogWorkbook, writeCatalogWorkbook } from '../office/catalogWorkbook'
import { AppError } from '../appError'
import { OfficeError } from '../office/officeClient'
import { useOfficeStore } from './office'

export type { ImportPlanRow, OfficeCatalogItem, OfficeCatalogStation } from '../../domain/protocol'

/** A picked file, read and checked: its rows (sent on confirm), the server's plan, or every row error. */
export interface ImportPreview {
  fileName: string
  rows: { items: SheetRows, materials: SheetRows }
  plan: ImportPlanRow[]
  errors: SheetError[]
}

/** A save refused: why (a code, and the server's own words if it gave some) and the field errors by path ('materials.0.form'). */
export class CatalogSaveError extends AppError {
  override readonly name = 'CatalogSaveError'
  constructor(readonly fields: OfficeFieldError[], from?: OfficeError) {
    super(from?.code ?? 'office.invalid', {}, { serverText: from?.serverText ?? null, cause: from })
  }
}

/** Server field paths of an import ('事项.3.事项名称') back to row errors. */
function rowErrors(fields: readonly OfficeFieldError[]): SheetError[] {
  return fields.map((f) => {
    const [sheet = '', row = '0', ...column] = f.path.split('.')
    const { path: _path, ...issue } = f
    return { ...issue, sheet, row: Number(row), column: column.join('.') }
  })
}

export const useOfficeCatalogStore = defineStore('officeCatalog', () => {
  // The office store is reached per call, never read in setup (STYLE: stores do not read each other in setup).
  const request = <T>(path: string, options: OfficeCallOptions, schema: z.ZodType<T>): Promise<T> => useOfficeStore().request(path, options, schema)
  const items = shallowRef<OfficeCatalogItem[]>([])
  const stations = shallowRef<OfficeCatalogStation[]>([])

  async function load(): Promise<OfficeCatalogItem[]> {
    const answer = await request('/api/office/catalog', {}, catalogListAnswerSchema)
    items.value = answer.items
    stations.value = answer.stations
    return answer.items
  }

  async function loadItem(code: string): Promise<CatalogItemDetailAnswer> {
    return request(`/api/office/catalog/${encodeURIComponent(code)}`, {}, catalogItemDetailAnswerSchema)
  }

  /** Validates with the shared schema, then creates (code given, new) or replaces the notice. */
  async function save(notice: NoticeFieldsInput & { code: string }, isNew: boolean): Promise<OfficeCatalogItem> {
    const checked = (isNew ? newCatalogItemSchema : noticeFieldsSchema).safeParse(notice)
    if (!checked.success)
      throw new CatalogSaveError(checked.error.issues.map(i => fieldErrorOf(i)))
    try {
      const path = isNew ? '/api/office/catalog' : `/api/office/catalog/${encodeURIComponent(notice.code)}`
      const body: NewCatalogItem | NoticeFields = checked.data
      const answer = await request(path, { method: isNew ? 'POST' : 'PUT', body }, catalogItemAnswerSchema)
      return answer.item
    }
    catch (error) {
      if (error instanceof OfficeError && (error.kind === 'invalid' || error.kind === 'conflict'))
        throw new CatalogSaveError(error.fields, error)
      throw error
    }
  }

  async function setActive(code: string, active: boolean): Promise<OfficeCatalogItem> {
    const answer = await request(`/api/office/catalog/${encodeURIComponent(code)}/${active ? 'activate' : 'deactivate'}`, { method: 'POST' }, catalogItemAnswerSchema)
    return answer.item
  }

  async function setOffers(code: string, stationIds: string[], offered: boolean): Promise<OfficeCatalogItem> {
    const answer = await request(`/api/office/catalog/${encodeURIComponent(code)}/stations`, { method: 'PUT', body: { stationIds, offered } }, catalogItemAnswerSchema)
    return answer.item
  }

  async function postImport(rows: ImportPreview['rows'], dryRun: boolean): Promise<{ plan: ImportPlanRow[], errors: SheetError[] }> {
    try {
      const answer = await request('/api/office/catalog/import', { method: 'POST', body: { ...rows, dryRun } }, catalogImportAnswerSchema)
      return { plan: answer.rows, errors: [] }
    }
    catch (error) {
      if (error instanceof OfficeError && error.kind === 'invalid' && error.fields.length > 0)
        return { plan: [], errors: rowErrors(error.fields) }
      throw error
    }
  }

  /** Reads the file, checks every row here (same rules as the server), then asks the server's dry run for the plan. */
  async function previewImport(file: File): Promise<ImportPreview> {
    const rows = await readCatalogWorkbook(file)
    const local = parseCatalogWorkbook(rows)
    if (local.errors.length > 0)
      return { fileName: file.name, rows, plan: [], errors: local.errors }
    return { fileName: file.name, rows, ...await postImport(rows, true) }
  }

  /** Applies a previewed file: all its items in one server transaction, or none. */
  async function confirmImport(preview: ImportPreview): Promise<{ plan: ImportPlanRow[], errors: SheetError[] }> {
    const answer = await postImport(preview.rows, false)
    if (answer.errors.length === 0)
      await load()
    return answer
  }

  /** The whole catalog (or none: the template) as an .xlsx Blob. */
  async function exportWorkbook(template = false): Promise<Blob> {
    const list = template ? [] : (items.value.length > 0 ? items.value : await load())
    return writeCatalogWorkbook(list, { guide: template })
  }

  return { items, stations, load, loadItem, save, setActive, setOffers, previewImport, confirmImport, exportWorkbook }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useOfficeCatalogStore, import.meta.hot))
