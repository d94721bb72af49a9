/**
 * The office's service-item catalog (issue 8 item 4; 5.2.2, 5.2.4, 6.2.2) under /api/office/catalog: the item
 * as the office reads it, the division's stations, the import plan, and the request bodies beside the notice
 * schemas of domain/catalogNotice.ts (new item, notice).
 */
import { z } from 'zod'
import { catalogCodeSchema, materialForms, noticeFieldsSchema } from '../catalogNotice'

const cell = z.union([z.string().max(10_000, '单元格内容过长'), z.number(), z.boolean(), z.null()])
const sheetRows = (max: number) => z.array(z.array(cell).max(60, '列数过多'), { message: '应为表格行' }).max(max, `最多 ${max - 1} 行`)

/** POST /api/office/catalog/import: the workbook's two sheets as rows (catalogSheet.ts reads them). */
export const catalogImportBodySchema = z.object({
  items: sheetRows(5001),
  materials: sheetRows(50_001),
  /** Validate and plan only; write nothing. */
  dryRun: z.boolean().default(false),
}).strict()

/** PUT /api/office/catalog/:code/stations: offer (or withdraw) the item at these stations. */
export const catalogOffersBodySchema = z.object({
  stationIds: z.array(z.string().min(1).max(64), { message: '应为便民服务站列表' }).min(1, '至少选择一个便民服务站').max(1000)
    .refine(ids => new Set(ids).size === ids.length, '便民服务站不能重复'),
  offered: z.boolean({ message: '应为 true 或 false' }),
}).strict()

/** PUT /api/office/catalog/:code: the notice; a `code` given must be the URL's. */
export const catalogUpdateBodySchema = z.intersection(z.object({ code: catalogCodeSchema.optional() }), noticeFieldsSchema)

/**
 * A stored notice as it is read back: the shape of NoticeFields without the editor's limits, so a legacy
 * entry the editor would refuse (a blank name, a lone 择一 material) is still shown (and fixed by the next save).
 * The server fills a missing notice field with its empty value (noticeOf); a legacy material may lack its
 * optional members, read here as the editor writes them (null, required).
 */
const absentIsNull = <T extends z.ZodType>(schema: T) => schema.nullish().transform(v => v ?? null)

const noticeMaterialAnswerSchema = z.object({
  name: z.string(),
  form: absentIsNull(z.enum(materialForms)),
  copies: absentIsNull(z.number()),
  format: absentIsNull(z.string()),
  issuer: absentIsNull(z.string()),
  howToGet: absentIsNull(z.string()),
  required: z.boolean().default(true),
  alternativeGroup: absentIsNull(z.string()),
  note: absentIsNull(z.string()),
})

const noticeAnswerShape = {
  name: z.string(),
  department: z.string(),
  itemType: z.string().nullable(),
  legalBasis: z.array(z.string()),
  conditions: z.array(z.string()),
  materials: z.array(noticeMaterialAnswerSchema),
  process: z.array(z.string()),
  promisedLimitWorkdays: z.number().nullable(),
  legalLimitWorkdays: z.number().nullable(),
  limitNote: z.string().nullable(),
  fee: z.string().nullable(),
  resultDelivery: z.string().nullable(),
  eLicence: z.string().nullable(),
  place: z.string().nullable(),
  contact: z.string().nullable(),
  remarks: z.string().nullable(),
  aliases: z.array(z.string()),
}

/** An item as GET /api/office/catalog answers it (server/catalog/officeCatalog.ts). */
export const officeCatalogItemSchema = z.object({
  ...noticeAnswerShape,
  code: z.string(),
  active: z.boolean(),
  revision: z.number(),
  /** 6.2.2: all six parts of the guide are there. */
  complete: z.boolean(),
  /** 6.2.2: the parts missing, in Chinese (申请条件 …). */
  missing: z.array(z.string()),
  /** Stations of the office's division offering the item. */
  offeredStationIds: z.array(z.string()),
  offeredBy: z.number().int(),
  /** Staff research notes, never on citizen papers. */
  provenance: z.object({
    sourceDepartment: z.string().nullable(),
    sourceRegion: z.string().nullable(),
    sources: z.array(z.string()),
    catalogNote: z.string().nullable(),
  }),
})
export type OfficeCatalogItem = z.infer<typeof officeCatalogItemSchema>

/** One station of the office's division, by name. */
export const officeCatalogStationSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  address: z.string(),
  contactPhone: z.string().nullable(),
  state: z.string(),
})
export type OfficeCatalogStation = z.infer<typeof officeCatalogStationSchema>

/** GET /api/office/catalog. */
export const catalogListAnswerSchema = z.object({
  items: z.array(officeCatalogItemSchema),
  stations: z.array(officeCatalogStationSchema),
})
export type CatalogListAnswer = z.infer<typeof catalogListAnswerSchema>

/** GET /api/office/catalog/:code: the item and the division's stations, each saying whether it offers it. */
export const catalogItemDetailAnswerSchema = z.object({
  item: officeCatalogItemSchema,
  stations: z.array(officeCatalogStationSchema.extend({ offered: z.boolean() })),
})
export type CatalogItemDetailAnswer = z.infer<typeof catalogItemDetailAnswerSchema>

/** The answer of every item write (POST, PUT, activate/deactivate, offers). */
export const catalogItemAnswerSchema = z.object({ item: officeCatalogItemSchema })
export type CatalogItemAnswer = z.infer<typeof catalogItemAnswerSchema>

/** One line of an import plan: which item is new and which replaces an existing one. */
export const importPlanRowSchema = z.object({
  row: z.number().int(),
  code: z.string(),
  name: z.string(),
  materials: z.number().int(),
  active: z.boolean(),
  action: z.enum(['create', 'update']),
})
export type ImportPlanRow = z.infer<typeof importPlanRowSchema>

/** POST /api/office/catalog/import → the plan (dry run) or what was applied. */
export const catalogImportAnswerSchema = z.object({
  applied: z.boolean(),
  rows: z.array(importPlanRowSchema),
})
export type CatalogImportAnswer = z.infer<typeof catalogImportAnswerSchema>
