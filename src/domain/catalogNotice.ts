/**
 * DOMAIN.md "Intake and the one-time notice" (一次性告知单): the service-item catalog entry as the office
 * writes it (issue 8 item 4). One schema for the office editor (app) and for the server's writes, so a
 * field the editor accepts is a field the server accepts, with the same Chinese messages.
 *
 * Glossary: 设定依据 legal basis, 申请条件 conditions, 申请材料 materials (原件 original / 复印件 copy,
 * 份数 copies, 择一 alternatives), 办理流程 process, 承诺时限 promised limit in working days (0 = 即办,
 * done on the spot), 收费标准 fees, 办理地点 place, 咨询电话 contact, 备注 the office's internal note.
 *
 * Citizen-facing papers never print `remarks`, a material's `note`, nor the provenance fields
 * (`sources`, `sourceRegion`, `sourceDepartment`, `catalogNote`): they are staff research notes.
 */
import { z } from 'zod'

/** 原件 / 复印件 / 原件及复印件: what the one-time notice says to bring. */
export const materialForms = ['原件', '复印件', '原件及复印件'] as const
export type MaterialForm = typeof materialForms[number]

/** A catalog code: letters, digits and - _ . (e.g. 'hukou-idcard-renew'), as receipts and tablets key items by it. */
export const catalogCodeSchema = z.string().trim()
  .min(1, '事项编码不能为空')
  .max(64, '事项编码不能超过 64 个字符')
  .regex(/^[\w.-]+$/, '事项编码只能包含字母、数字和 - _ .')
  // The office editor's address for a new item is /office/catalog/new.
  .refine(code => code !== 'new', '事项编码不能为 new')

const required = (label: string, max: number) => z.string({ message: `${label}不能为空` }).trim()
  .min(1, `${label}不能为空`).max(max, `${label}不能超过 ${max} 个字符`)
/** Optional text: blank is null. */
const optional = (label: string, max: number) => z.string({ message: `${label}应为文字` }).trim()
  .max(max, `${label}不能超过 ${max} 个字符`).nullish().transform(v => (v ? v : null))
/** A list of entries (one per line in the editor): blanks dropped. */
const lines = (label: string, maxEntries: number) => z.array(z.string({ message: `${label}的每一项应为文字` }).trim().max(2000, `${label}的每一项不能超过 2000 个字符`), { message: `${label}应为列表` })
  .max(maxEntries, `${label}最多 ${maxEntries} 项`)
  .default([])
  .transform(v => v.filter(s => s !== ''))
const workdays = (label: string) => z.number({ message: `${label}应为工作日天数` })
  .int(`${label}应为整数个工作日`).min(0, `${label}不能为负数`).max(365, `${label}不能超过 365 个工作日`)
  .nullish().transform(v => v ?? null)

/** One line of the notice's material list. */
export const noticeMaterialSchema = z.object({
  name: required('材料名称', 200),
  /** 原件 / 复印件 / 原件及复印件; null when the guide does not say. */
  form: z.enum(materialForms, { message: '原件或复印件应为 原件、复印件 或 原件及复印件' }).nullish().transform(v => v ?? null),
  copies: z.number({ message: '份数应为数字' }).int('份数应为整数').min(0, '份数不能为负数').max(99, '份数不能超过 99').nullish().transform(v => v ?? null),
  /** 纸质 / 电子 … */
  format: optional('材料形式', 100),
  issuer: optional('出具单位', 200),
  howToGet: optional('获取方式', 500),
  required: z.boolean({ message: '是否必需应为 是 或 否' }).default(true),
  /** Materials sharing a group are alternatives (择一): at least one of them is needed. */
  alternativeGroup: optional('择一组', 100),
  /** Staff note on the material (internal: not printed on citizen papers). */
  note: optional('材料说明', 500),
})
export type NoticeMaterial = z.output<typeof noticeMaterialSchema>
export type NoticeMaterialInput = z.input<typeof noticeMaterialSchema>

/** The editable one-time notice of an item; `code` is the URL's (PUT) or given on create (POST). */
export const noticeFieldsSchema = z.object({
  name: required('事项名称', 200),
  department: required('实施部门', 100),
  itemType: optional('事项类型', 50),
  legalBasis: lines('设定依据', 50),
  conditions: lines('申请条件', 50),
  materials: z.array(noticeMaterialSchema, { message: '申请材料应为列表' }).max(100, '申请材料最多 100 项').default([]),
  process: lines('办理流程', 30),
  /** 承诺时限 in working days; 0 = 即办. */
  promisedLimitWorkdays: workdays('承诺时限'),
  legalLimitWorkdays: workdays('法定时限'),
  limitNote: optional('时限说明', 1000),
  fee: optional('收费标准', 500),
  resultDelivery: optional('结果送达', 200),
  eLicence: optional('电子证照', 200),
  place: optional('办理地点', 300),
  contact: optional('咨询电话', 100),
  /** The office's internal note (备注): never printed on citizen papers. */
  remarks: optional('备注', 2000),
  /** Extra words staff search the item by. */
  aliases: lines('别名', 20),
}).superRefine((item, ctx) => {
  // 择一 means one of several: a group with a single material is a typo in the group name.
  const counts = new Map<string, number>()
  for (const m of item.materials) {
    if (m.alternativeGroup)
      counts.set(m.alternativeGroup, (counts.get(m.alternativeGroup) ?? 0) + 1)
  }
  item.materials.forEach((m, i) => {
    if (m.alternativeGroup && counts.get(m.alternativeGroup) === 1)
      ctx.addIssue({ code: 'custom', path: ['materials', i, 'alternativeGroup'], message: '择一组至少要有两项材料' })
  })
})
export type NoticeFields = z.output<typeof noticeFieldsSchema>
export type NoticeFieldsInput = z.input<typeof noticeFieldsSchema>

/** POST /api/office/catalog: a new item with its code. */
export const newCatalogItemSchema = z.intersection(z.object({ code: catalogCodeSchema }), noticeFieldsSchema)
export type NewCatalogItem = z.output<typeof newCatalogItemSchema>

/** A notice with nothing filled in yet (the editor's starting point for a new item). */
export function emptyNotice(): NoticeFields {
  return {
    name: '',
    department: '',
    itemType: null,
    legalBasis: [],
    conditions: [],
    materials: [],
    process: [],
    promisedLimitWorkdays: null,
    legalLimitWorkdays: null,
    limitNote: null,
    fee: null,
    resultDelivery: null,
    eLicence: null,
    place: null,
    contact: null,
    remarks: null,
    aliases: [],
  }
}

/** The notice fields of a stored catalog entry (fields it lacks come back empty; provenance is left out). */
export function noticeOf(item: Record<string, unknown>): NoticeFieldsInput {
  const base = emptyNotice()
  const picked: Record<string, unknown> = {}
  for (const key of Object.keys(base) as (keyof NoticeFields)[])
    picked[key] = item[key] ?? base[key]
  return picked as NoticeFieldsInput
}
