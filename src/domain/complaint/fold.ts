/**
 * foldComplaint: the state of one complaint stream (6.2.3). The first `complaint.recorded` in fold order is the
 * complaint, the first `complaint.handled` after it its result; a second record, a second result, an
 * unreadable event or a result with no complaint is ignored and flags the stream.
 */
import type { DomainEvent } from '../events'
import type { Reason } from '../reason'
import type { ComplaintChannel } from './payloads'
import { toCivilDate } from '../calendar'
import { orderedUnique } from '../events'
import { attentionOf } from '../foldSupport'
import { complaintHandledPayloadSchema, complaintRecordedPayloadSchema } from './payloads'

export interface ComplaintState {
  /** 'complaint:<uuid>': the stable id others reference. */
  id: string
  stationId: string
  /** 'case:…', 'consultation:…', 'staff:…' or null. */
  subject: string | null
  channel: ComplaintChannel
  /** PERSONAL DATA possibly. */
  content: string
  recordedAt: string
  recordedOn: string
  recordedBy: string | null
  /** 'office:<username>' when the office recorded it. */
  recordedDevice: string
  dueAt: string
  dueProvisional: boolean
  status: 'open' | 'handled'
  handledAt: string | null
  handledBy: string | null
  /** PERSONAL DATA possibly. */
  result: string | null
  needsAttention: boolean
  attentionReasons: string[]
  /** The same reasons by code (src/domain/reason.ts); absent in projections folded before reasons had codes. */
  attentionCodes?: Reason[]
  lastOccurredAt: string
}

/** 6.2.3: fold one complaint stream; null until the complaint is recorded. */
export function foldComplaint(input: readonly DomainEvent[]): ComplaintState | null {
  const reasons: Reason[] = []
  let state: ComplaintState | null = null
  for (const e of orderedUnique(input)) {
    if (e.type === 'complaint.recorded') {
      const parsed = complaintRecordedPayloadSchema.safeParse(e.payload)
      if (!parsed.success) {
        reasons.push({ code: 'complaint.unreadable', params: { id: e.id } })
        continue
      }
      if (state) {
        reasons.push({ code: 'complaint.recordedTwice' })
        continue
      }
      const p = parsed.data
      state = {
        id: e.stream,
        stationId: e.stationId,
        subject: p.subject ?? null,
        channel: p.channel,
        content: p.content,
        recordedAt: e.occurredAt,
        recordedOn: toCivilDate(e.occurredAt),
        recordedBy: e.staffId,
        recordedDevice: e.deviceId,
        dueAt: p.dueAt,
        dueProvisional: p.dueProvisional === true,
        status: 'open',
        handledAt: null,
        handledBy: null,
        result: null,
        needsAttention: false,
        attentionReasons: [],
        lastOccurredAt: e.occurredAt,
      }
    }
    else if (e.type === 'complaint.handled') {
      const parsed = complaintHandledPayloadSchema.safeParse(e.payload)
      if (!parsed.success || !state) {
        reasons.push(parsed.success ? { code: 'complaint.handledBeforeRecorded' } : { code: 'complaint.handlingUnreadable', params: { id: e.id } })
        continue
      }
      state.lastOccurredAt = e.occurredAt
      if (state.status === 'handled') {
        reasons.push({ code: 'complaint.handledTwice' })
        continue
      }
      state.status = 'handled'
      state.handledAt = e.occurredAt
      state.handledBy = e.staffId
      state.result = parsed.data.result
    }
    else {
      reasons.push({ code: 'complaint.foreignType', params: { type: e.type } })
    }
  }
  if (!state)
    return null
  Object.assign(state, attentionOf(reasons))
  return state
}

/** 6.2.3: open complaints, the most urgent first. */
export function openComplaints(states: readonly ComplaintState[]): ComplaintState[] {
  return states.filter(s => s.status === 'open').sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || (a.id < b.id ? -1 : 1))
}

/** 6.2.3: complaints by their stable id ('complaint:<uuid>'), for readers that hold a reference. */
export function complaintsById(states: readonly ComplaintState[]): Map<string, ComplaintState> {
  return new Map(states.map(s => [s.id, s]))
}
