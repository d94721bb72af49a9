/**
 * The self-inspection checklist (自查) by station tier, derived from the standard's clauses 4.2, 5.2 and 5.4.2.
 * 5.2.1 names two tiers: a station of ordinary activity (运行情况一般, `basic`) keeps phone, computer, printer,
 * desks and cabinets; a busier one (运行情况较好, `standard`) adds copier, scanner and document camera.
 * Everything else applies to both tiers. Kept as data: a new check is one line here.
 */

/** stations.tier (4.2, 5.2.1): 'basic' 运行情况一般, 'standard' 运行情况较好. */
export const stationTiers = ['basic', 'standard'] as const
export type StationTier = typeof stationTiers[number]
export const stationTierLabels: Record<StationTier, string> = { basic: '一般站点', standard: '运行较好站点' }

/** The groups the checklist is shown in. */
export const inspectionGroups = ['equipment', 'display', 'facility', 'environment'] as const
export type InspectionGroup = typeof inspectionGroups[number]
export const inspectionGroupLabels: Record<InspectionGroup, string> = {
  equipment: '办公设备',
  display: '标识与公示',
  facility: '设施与应急',
  environment: '环境与秩序',
}

export interface InspectionCheck {
  /** Stable id stored in events, e.g. 'equipment.phone'. */
  id: string
  group: InspectionGroup
  /** The clause it comes from. */
  clause: string
  /** What to look at, in the standard's words. */
  label: string
  /** Tiers that must have it. */
  tiers: readonly StationTier[]
}

const both = stationTiers
const standardOnly = ['standard'] as const

/** 4.2, 5.2, 5.4.2: every check, in display order. */
export const inspectionChecks: readonly InspectionCheck[] = [
  { id: 'equipment.phone', group: 'equipment', clause: '5.2.1', label: '办公电话', tiers: both },
  { id: 'equipment.computer', group: 'equipment', clause: '5.2.1', label: '计算机', tiers: both },
  { id: 'equipment.printer', group: 'equipment', clause: '5.2.1', label: '打印机', tiers: both },
  { id: 'equipment.desks', group: 'equipment', clause: '5.2.1', label: '办公桌椅', tiers: both },
  { id: 'equipment.cabinet', group: 'equipment', clause: '5.2.1', label: '资料柜', tiers: both },
  { id: 'equipment.copier', group: 'equipment', clause: '5.2.1', label: '复印机', tiers: standardOnly },
  { id: 'equipment.scanner', group: 'equipment', clause: '5.2.1', label: '扫描仪', tiers: standardOnly },
  { id: 'equipment.documentCamera', group: 'equipment', clause: '5.2.1', label: '高拍仪', tiers: standardOnly },
  { id: 'display.logo', group: 'display', clause: '5.2.3', label: '背景墙上有便民服务站标识', tiers: both },
  { id: 'display.guides', group: 'display', clause: '5.2.2', label: '办事指南、事项清单在工作区域展示，方便取阅', tiers: both },
  { id: 'display.noticeBoard', group: 'display', clause: '5.2.4', label: '服务事项公示牌（事项名称、办理流程）', tiers: both },
  { id: 'facility.service', group: 'facility', clause: '4.2', label: '服务设施满足办事和日常办公需要', tiers: both },
  { id: 'facility.accessibility', group: 'facility', clause: '4.2', label: '无障碍设施', tiers: both },
  { id: 'facility.greening', group: 'facility', clause: '4.2', label: '绿化设施', tiers: both },
  { id: 'facility.support', group: 'facility', clause: '4.2', label: '保障设备', tiers: both },
  { id: 'facility.emergency', group: 'facility', clause: '4.2', label: '应急设备', tiers: both },
  { id: 'environment.decor', group: 'environment', clause: '5.4.2.1', label: '装修与周围环境协调', tiers: both },
  { id: 'environment.clean', group: 'environment', clause: '5.4.2.2', label: '内外部环境整洁干净', tiers: both },
  { id: 'environment.order', group: 'environment', clause: '5.4.2.2', label: '秩序良好，设施设备及用品摆放整齐有序', tiers: both },
  { id: 'environment.hygiene', group: 'environment', clause: '5.4.2.3', label: '卫生条件、疾病预防符合公共卫生要求', tiers: both },
]

const byId = new Map(inspectionChecks.map(c => [c.id, c]))

/** 4.2, 5.2.1: the checks a station of this tier is inspected on, in display order. */
export function checklistFor(tier: StationTier): InspectionCheck[] {
  return inspectionChecks.filter(c => c.tiers.includes(tier))
}

/** The check of an id, or undefined for an id this build does not know. */
export function inspectionCheck(id: string): InspectionCheck | undefined {
  return byId.get(id)
}

/** A tier as stored on a station row; anything unknown is inspected as 'basic' (the smaller list). */
export function tierOf(value: unknown): StationTier {
  return value === 'standard' ? 'standard' : 'basic'
}
