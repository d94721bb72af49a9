/**
 * The catalog editor's form state (issue 8 item 4): every one-time-notice field as the inputs hold it (lists
 * as one entry per line, numbers as typed text), and the conversions to and from the notice the shared
 * schema (src/domain/catalogNotice.ts) validates. Pure, so tests check them without mounting anything.
 */
import type { MaterialForm, NoticeFields, NoticeFieldsInput, NoticeMaterial } from '../../domain/catalogNotice'
import { emptyNotice } from '../../domain/catalogNotice'

export interface MaterialDraft {
  name: string
  form: MaterialForm | ''
  copies: string
  format: string
  issuer: string
  howToGet: string
  required: boolean
  alternativeGroup: string
  note: string
}

export interface NoticeDraft {
  code: string
  name: string
  department: string
  itemType: string
  legalBasis: string
  conditions: string
  process: string
  promisedLimitWorkdays: string
  legalLimitWorkdays: string
  limitNote: string
  fee: string
  resultDelivery: string
  eLicence: string
  place: string
  contact: string
  remarks: string
  aliases: string
  materials: MaterialDraft[]
}

export function emptyMaterial(): MaterialDraft {
  return { name: '', form: '原件', copies: '1', format: '', issuer: '', howToGet: '', required: true, alternativeGroup: '', note: '' }
}

const text = (v: string | null | undefined): string => v ?? ''
const num = (v: number | null | undefined): string => (v === null || v === undefined ? '' : String(v))

function materialDraft(m: NoticeMaterial): MaterialDraft {
  return {
    name: m.name,
    form: m.form ?? '',
    copies: num(m.copies),
    format: text(m.format),
    issuer: text(m.issuer),
    howToGet: text(m.howToGet),
    required: m.required,
    alternativeGroup: text(m.alternativeGroup),
    note: text(m.note),
  }
}

/** The form state of a stored item (or of a new, empty one). */
export function draftOf(item: NoticeFields & { code: string } = { ...emptyNotice(), code: '' }): NoticeDraft {
  return {
    code: item.code,
    name: item.name,
    department: item.department,
    itemType: text(item.itemType),
    legalBasis: item.legalBasis.join('\n'),
    conditions: item.conditions.join('\n'),
    process: item.process.join('\n'),
    promisedLimitWorkdays: num(item.promisedLimitWorkdays),
    legalLimitWorkdays: num(item.legalLimitWorkdays),
    limitNote: text(item.limitNote),
    fee: text(item.fee),
    resultDelivery: text(item.resultDelivery),
    eLicence: text(item.eLicence),
    place: text(item.place),
    contact: text(item.contact),
    remarks: text(item.remarks),
    aliases: item.aliases.join('\n'),
    materials: item.materials.map(materialDraft),
  }
}

const lines = (v: string): string[] => v.split(/\r?\n/).map(s => s.trim()).filter(s => s !== '')
/** '' → null; anything else → a number (NaN or 2.5 left for the schema to refuse with its message). */
const toNumber = (v: string): number | null => (v.trim() === '' ? null : Number(v.trim()))

/** What the editor sends: the notice for the schema (and the server) to check. */
export function noticeOf(draft: NoticeDraft): NoticeFieldsInput & { code: string } {
  return {
    code: draft.code.trim(),
    name: draft.name,
    department: draft.department,
    itemType: draft.itemType,
    legalBasis: lines(draft.legalBasis),
    conditions: lines(draft.conditions),
    process: lines(draft.process),
    promisedLimitWorkdays: toNumber(draft.promisedLimitWorkdays),
    legalLimitWorkdays: toNumber(draft.legalLimitWorkdays),
    limitNote: draft.limitNote,
    fee: draft.fee,
    resultDelivery: draft.resultDelivery,
    eLicence: draft.eLicence,
    place: draft.place,
    contact: draft.contact,
    remarks: draft.remarks,
    aliases: lines(draft.aliases),
    materials: draft.materials.map(m => ({
      name: m.name,
      form: m.form === '' ? null : m.form,
      copies: toNumber(m.copies),
      format: m.format,
      issuer: m.issuer,
      howToGet: m.howToGet,
      required: m.required,
      alternativeGroup: m.alternativeGroup,
      note: m.note,
    })),
  }
}
