/**
 * The catalog workbook as a real .xlsx file (issue 8 item 4): export and the template are written with
 * write-excel-file, an import is read with read-excel-file; both libraries are loaded with import() only
 * when used, so neither is in the shell. The layout (sheets 事项, 材料, and 填写说明 in the template) is
 * src/domain/catalogSheet.ts, so what the export writes the import reads back.
 *
 * read-excel-file's "universal" entry takes a Blob (a picked File is one) and runs without a Web Worker,
 * the same code in the browser and in the app tests.
 */
import type { SheetCell, SheetRows, WorkbookItem } from '../../domain/catalogSheet'
import type { Cell, SheetData } from 'write-excel-file/universal'
import { catalogWorkbookRows, GUIDE_SHEET, ITEM_SHEET, itemColumns, MATERIAL_SHEET, materialColumns, sheetGuide } from '../../domain/catalogSheet'
import { AppError } from '../appError'
import { guardFormula } from '../export/table'
import { XLSX_MIME } from '../export/xlsxExport'

/** The file could not be read as the catalog workbook (its code says why). */
export class WorkbookError extends AppError {
  override readonly name = 'WorkbookError'
}

function cellOf(value: SheetCell, header: boolean): Cell {
  if (header)
    return { value: String(value), fontWeight: 'bold', backgroundColor: '#EDF2FA', borderStyle: 'thin', wrap: true }
  if (value === null)
    return null
  if (typeof value === 'string')
    return { value: guardFormula(value), wrap: value.includes('\n') }
  return typeof value === 'boolean' ? String(value) : value
}

function sheetData(rows: SheetRows): SheetData {
  return rows.map((row, i) => row.map(v => cellOf(v, i === 0)))
}

/** The items (or none: the template) as an .xlsx Blob in the import layout. */
export async function writeCatalogWorkbook(items: readonly WorkbookItem[], options: { guide?: boolean } = {}): Promise<Blob> {
  const library = import('write-excel-file/universal')
  const rows = catalogWorkbookRows(items)
  const sheets = [
    { sheet: ITEM_SHEET, data: sheetData(rows.items), columns: itemColumns.map(c => ({ width: c.width })), stickyRowsCount: 1 },
    { sheet: MATERIAL_SHEET, data: sheetData(rows.materials), columns: materialColumns.map(c => ({ width: c.width })), stickyRowsCount: 1 },
  ]
  if (options.guide)
    sheets.push({ sheet: GUIDE_SHEET, data: sheetGuide.map(line => [{ value: line }]), columns: [{ width: 100 }], stickyRowsCount: 0 })
  const { default: writeExcelFile } = await library
  const blob = await writeExcelFile(sheets).toBlob()
  return blob.type === XLSX_MIME ? blob : new Blob([blob], { type: XLSX_MIME })
}

function plain(cell: unknown): SheetCell {
  if (cell === null || cell === undefined)
    return null
  if (typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'boolean')
    return cell
  return cell instanceof Date ? cell.toISOString() : String(cell)
}

/** The two sheets of a picked .xlsx file as plain rows (what POST /api/office/catalog/import takes). */
export async function readCatalogWorkbook(file: Blob): Promise<{ items: SheetRows, materials: SheetRows }> {
  const { default: readXlsxFile } = await import('read-excel-file/universal')
  let sheets: { sheet: string, data: unknown[][] }[]
  try {
    sheets = await readXlsxFile(file)
  }
  catch {
    throw new WorkbookError('workbook.unreadable')
  }
  const find = (name: string) => sheets.find(s => s.sheet.trim() === name)?.data.map(row => row.map(plain))
  const items = find(ITEM_SHEET)
  const materials = find(MATERIAL_SHEET)
  if (!items || !materials)
    throw new WorkbookError('workbook.sheets', { items: ITEM_SHEET, materials: MATERIAL_SHEET })
  return { items, materials }
}
