/**
 * Station lifecycle (5.4.1): the opening (Annex A 开设申请表), change (Annex B 变更申请表) and closing
 * (Annex C 注销申请表) applications a station makes to the supervising office, with exactly the annexes'
 * fields, and the tablet's events that draft a change or a closing offline.
 *
 * - Annex A: 申请单位, 联系人电话, 所在县(市、区), 便民服务站选址, 申请条件, 主管部门审核意见, 备注.
 * - Annex B: before (申请单位, 联系电话, 便民服务站地址, 所在县(市、区), 便民服务站原有功能) and after
 *   (变更后便民服务站情况: 申请单位, 联系电话, 便民服务站地址, 所在县(市、区), 便民服务站功能变更内容),
 *   主管部门审核意见 with 年 月 日, 备注.
 * - Annex C: 申请人姓名, 联系人电话, 所在县(市、区), 便民服务站地址, 便民服务站注销原因, 主管部门审核意见 with
 *   年 月 日, 备注.
 *
 * Tablet events (a stream of their own per application, 'stationApplication:<uuid>'; the uuid is the
 * application's id on the server): `stationApplication.changeRequested` (Annex B; the "before" values are
 * the station's as the office knows them when the application arrives) and `stationApplication.closeRequested`
 * (Annex C). Syncing them is submitting them: the server turns each into an application (sync/push.ts).
 *
 * PERSONAL DATA: Annex C's 申请人姓名 and the contact phones (of the station's lead, not of citizens).
 */
import { z } from 'zod'
import { isCivilDate } from './calendar'
import { findDivision } from './divisions'
import { newStreamId, streamUuid } from './events'

export const STATION_APPLICATION_STREAM_KIND = 'stationApplication'

/** 'open' Annex A, 'change' Annex B, 'close' Annex C. */
export const applicationKinds = ['open', 'change', 'close'] as const
export type ApplicationKind = typeof applicationKinds[number]
export const applicationKindAnnex: Record<ApplicationKind, 'A' | 'B' | 'C'> = { open: 'A', change: 'B', close: 'C' }

export const applicationStatuses = ['draft', 'submitted', 'approved', 'rejected'] as const
export type ApplicationStatus = typeof applicationStatuses[number]
export type ApplicationDecision = 'approved' | 'rejected'

/** 3.1 and the office's API contract: 银行网点, 商场, 邮政网点, 楼宇, 其他. */
export const stationHostTypes = ['bank', 'mall', 'post', 'office-building', 'other'] as const
export type StationHostTypeCode = typeof stationHostTypes[number]

/** 申请中 → 运行 → 变更中 → 运行 → 撤销 ('suspended' is kept for stations paused by other means). */
export type StationLifecycleState = 'applying' | 'open' | 'changing' | 'suspended' | 'closed'

// No transforms (trim etc.): an event's payload is stored exactly as the device wrote it.
const text = (max: number) => z.string().min(1, '不能为空').max(max, `不能超过 ${max} 个字符`).regex(/\S/, '不能为空')
const optionalText = (max: number) => z.string().max(max, `不能超过 ${max} 个字符`).optional()
/** A landline or mobile number as written on a form: digits, spaces, '-', '+', parentheses. */
export const contactPhoneSchema = z.string().regex(/^[0-9+()\- ]{5,20}$/, '联系电话应为 5–20 位数字（可含 - 和括号）')
/** A Shanxi county-level GB/T 2260 code (src/domain/divisions.ts). */
export const countyCodeSchema = z.string().refine(code => findDivision(code)?.level === 'county', { message: '所在县（市、区）应为山西省的县级行政区划代码' })

/** Annex A 表 A.1. */
export const openApplicationFieldsSchema = z.object({
  /** 申请单位 */
  applicantUnit: text(100),
  /** 联系人电话 (may be filled in later: an office-created station needs only name, county, address and host type) */
  contactPhone: contactPhoneSchema.optional(),
  /** 所在县(市、区) */
  countyCode: countyCodeSchema,
  /** 便民服务站选址 */
  site: text(200),
  /** 申请条件 (选址附近人流量、人员配置、硬件配置、场地是否宽敞明亮、选址处单位经营是否稳定等) */
  conditions: optionalText(1000),
  /** 备注 */
  remarks: optionalText(500),
}).strict()
export type OpenApplicationFields = z.infer<typeof openApplicationFieldsSchema>

/** One side of Annex B 表 B.1 (the same four lines before and after, then the functions line). */
export const changeSideSchema = z.object({
  /** 申请单位 */
  applicantUnit: text(100),
  /** 联系电话 */
  contactPhone: contactPhoneSchema,
  /** 便民服务站地址 */
  address: text(200),
  /** 所在县（市、区） */
  countyCode: countyCodeSchema,
  /** Before: 便民服务站原有功能; after: 便民服务站功能变更内容. */
  functions: optionalText(1000),
}).strict()
export type ChangeSide = z.infer<typeof changeSideSchema>

/** Annex B 表 B.1: the after side and 备注 as drafted; the before side is the station's record at submission. */
export const changeApplicationFieldsSchema = z.object({
  after: changeSideSchema,
  remarks: optionalText(500),
}).strict()
export type ChangeApplicationFields = z.infer<typeof changeApplicationFieldsSchema>

/** Annex C 表 C.1. */
export const closeApplicationFieldsSchema = z.object({
  /** 申请人姓名 */
  applicantName: text(50),
  /** 联系人电话 */
  contactPhone: contactPhoneSchema,
  /** 所在县（市、区） */
  countyCode: countyCodeSchema,
  /** 便民服务站地址 */
  address: text(200),
  /** 便民服务站注销原因 */
  reason: text(1000),
  /** 备注 */
  remarks: optionalText(500),
}).strict()
export type CloseApplicationFields = z.infer<typeof closeApplicationFieldsSchema>

export interface ApplicationFieldsByKind {
  open: OpenApplicationFields
  change: ChangeApplicationFields
  close: CloseApplicationFields
}

export const applicationFieldSchemas = {
  open: openApplicationFieldsSchema,
  change: changeApplicationFieldsSchema,
  close: closeApplicationFieldsSchema,
} as const

/** The tablet's events, payload version 1: the annex's fields as the station lead filled them in. */
export const stationApplicationEventSchemas = {
  'stationApplication.changeRequested': changeApplicationFieldsSchema,
  'stationApplication.closeRequested': closeApplicationFieldsSchema,
} as const
export type StationApplicationEventType = keyof typeof stationApplicationEventSchemas

/**
 * `stationApplication.reviewed` v1: the office's decision on a tablet's application, recorded by the server
 * (deviceId 'server:office-review', no staff) on the application's stream, so the tablet learns it by pull.
 */
export const stationApplicationReviewedSchema = z.object({
  decision: z.enum(['approved', 'rejected']),
  opinion: text(1000),
  /** 年 月 日 of the review, 'YYYY-MM-DD'. */
  date: z.string().refine(isCivilDate, { message: '日期应为有效的 YYYY-MM-DD' }),
}).strict()
export type StationApplicationReviewed = z.infer<typeof stationApplicationReviewedSchema>
export const STATION_APPLICATION_REVIEWED = 'stationApplication.reviewed'

/** Every station-application event type: the tablet's two requests and the server's review. */
export const stationApplicationEventTypes = [...Object.keys(stationApplicationEventSchemas), STATION_APPLICATION_REVIEWED]

export const stationApplicationEventKinds: Record<StationApplicationEventType, 'change' | 'close'> = {
  'stationApplication.changeRequested': 'change',
  'stationApplication.closeRequested': 'close',
}

export function isStationApplicationEventType(type: string): type is StationApplicationEventType {
  return Object.hasOwn(stationApplicationEventSchemas, type)
}

/** A new application stream; its uuid is the application's id. */
export function newStationApplicationStream(): string {
  return newStreamId(STATION_APPLICATION_STREAM_KIND)
}

/** The application id of a 'stationApplication:<uuid>' stream. */
export function applicationIdOfStream(stream: string): string {
  return streamUuid(stream)
}

export const applicationKindLabels: Record<ApplicationKind, string> = { open: '开设申请', change: '变更申请', close: '注销申请' }
export const applicationStatusLabels: Record<ApplicationStatus, string> = { draft: '草稿', submitted: '待审核', approved: '已通过', rejected: '未通过' }
export const stationStateLabels: Record<StationLifecycleState, string> = { applying: '申请中', open: '运行', changing: '变更中', suspended: '暂停', closed: '撤销' }
export const stationHostTypeLabels: Record<StationHostTypeCode, string> = { 'bank': '银行网点', 'mall': '商场', 'post': '邮政网点', 'office-building': '楼宇', 'other': '其他' }

/**
 * 5.4.1: the station's state after an application step, or null when the step is not allowed in `current`
 * (an application for a closed station, a change while one is pending, …). A pending closing keeps the
 * station running until it is approved.
 */
export function stationStateAfter(kind: ApplicationKind, step: 'submitted' | ApplicationDecision, current: StationLifecycleState): StationLifecycleState | null {
  if (current === 'closed')
    return null
  if (kind === 'open') {
    if (current !== 'applying')
      return null
    return step === 'approved' ? 'open' : 'applying'
  }
  if (kind === 'change') {
    if (step === 'submitted')
      return current === 'open' ? 'changing' : null
    return current === 'changing' || current === 'open' ? 'open' : null
  }
  if (step === 'submitted')
    return current === 'open' || current === 'suspended' ? current : null
  return step === 'approved' ? 'closed' : current
}
