/**
 * Complaints (投诉, 6.2.3): recorded by station staff on the tablet (offline) or by the office, about a case, a
 * consultation or a staff member (optional), due after `complaintDueWorkdays` working days (default 5),
 * handled with a result. Handled by the due = timely (the 6.2.3 rate in metrics.ts). Each complaint's
 * stable id is its stream, 'complaint:<uuid>'; rectification tasks reference it.
 *
 * The module entry: payloads, the due and the fold live in `./complaint/`.
 */
export type { ComplaintChannel, ComplaintEventPayloads, ComplaintEventType, ComplaintHandledPayload, ComplaintRecordedPayload } from './complaint/payloads'
export { COMPLAINT_STREAM_KIND, complaintChannelLabels, complaintChannels, complaintChannelSchema, complaintEventSchemas, complaintEventTypes, complaintHandledPayloadSchema, complaintRecordedPayloadSchema, complaintSubjectSchema, newComplaintStream } from './complaint/payloads'
export { COMPLAINT_DUE_WORKDAYS, complaintDue, complaintDueWorkdays } from './complaint/due'
export type { ComplaintState } from './complaint/fold'
export { complaintsById, foldComplaint, openComplaints } from './complaint/fold'
