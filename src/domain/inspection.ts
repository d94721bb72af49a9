/**
 * Self-inspection (自查) and the office's inspection (巡查) of a station (4.2, 5.2, 5.4.2): a checklist by
 * station tier, filled on the tablet offline as events on 'inspection:<uuid>'; each finding is a fix task
 * (整改) with a due date; fixing it is an event. Like ratings, inspections are not a projection kind on the
 * tablet (no Dexie table): `foldInspection` folds a stream on demand; the server keeps a projection.
 *
 * The module entry: the checklist, payloads, due dates and the fold live in `./inspection/`.
 */
export type { InspectionCheck, InspectionGroup, StationTier } from './inspection/checklist'
export { checklistFor, inspectionCheck, inspectionChecks, inspectionGroupLabels, inspectionGroups, stationTierLabels, stationTiers, tierOf } from './inspection/checklist'
export type { CheckResult, InspectionCheckEntry, InspectionEventPayloads, InspectionEventType, InspectionFixedPayload, InspectionKind, InspectionRecordedPayload } from './inspection/payloads'
export { checkResultLabels, INSPECTION_STREAM_KIND, inspectionEventSchemas, inspectionEventTypes, inspectionFixedPayloadSchema, inspectionKindLabels, inspectionRecordedPayloadSchema, newInspectionStream } from './inspection/payloads'
export type { InspectionFixDue } from './inspection/due'
export { INSPECTION_FIX_WORKDAYS, inspectionFixDue, inspectionFixWorkdays } from './inspection/due'
export type { InspectionCheckState, InspectionState } from './inspection/fold'
export { foldInspection, overdueFindings } from './inspection/fold'
