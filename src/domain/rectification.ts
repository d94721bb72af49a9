/**
 * Rectification (整改; 7.2.1–7.2.2, DOMAIN.md 好差评): a 差评 or a complaint opens a task on its own stream
 * 'rectification:<uuid of the source>' (one task per source, whoever opens it: the tablet that recorded a
 * counter rating, the server for a phone rating, or the office for a complaint), with an owner, a deadline
 * (setting `rectificationWorkdays`, default 15 working days), progress entries, and the office's re-check
 * (复查) that closes it or sends it back. Like ratings, not a projection kind on the tablet: streams are read
 * by event type and folded on demand; the server keeps a projection for the office console.
 *
 * Glossary: 整改 rectification, 复查 re-check, 退回 sent back, 办结 closed, 督促 chase (overdue).
 */
export type { RectificationDue } from './rectification/due'
export { RECTIFICATION_WORKDAYS, rectificationDue, rectificationDueFields, rectificationWorkdays } from './rectification/due'
export type { RectificationProgress, RectificationRecheck, RectificationState, RectificationStatus } from './rectification/fold'
export { foldRectification, isRectificationOverdue, rectificationStatusLabels } from './rectification/fold'
export type { RectificationAssignedPayload, RectificationEventInput, RectificationEventType, RectificationOpenedPayload, RectificationProgressedPayload, RectificationRecheckedPayload, RectificationSource, RectificationSourceKind } from './rectification/payloads'
export { RECTIFICATION_STREAM_KIND, rectificationEventLabels, rectificationEventSchemas, rectificationEventTypes, rectificationSourceLabels, rectificationSourceSchema, rectificationStreamFor } from './rectification/payloads'
