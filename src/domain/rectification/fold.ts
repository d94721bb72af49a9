/**
 * foldRectification: the state of one rectification task (7.2.1–7.2.2): opened for a 差评 or a complaint,
 * owned by a staff member, progress entries, and the office's re-checks — the last closes it or sends it
 * back. Refused events (before the task was opened, after it was closed, a re-check not made by the office)
 * stay in the log and set needsAttention.
 */
import type { WorkCalendar } from '../calendar'
import type { DomainEvent } from '../events'
import type { FoldAttention, FoldLogEntry } from '../foldSupport'
import type { Reason } from '../reason'
import type { RectificationEventInput, RectificationEventType, RectificationSource } from './payloads'
import { logEntry, readEvent, streamInFoldOrder, unreadableEntry, withAttention } from '../foldSupport'
import { step } from '../reason'
import { rectificationEventLabels, rectificationEventSchemas, rectificationEventTypes, rectificationSourceLabels, rectificationStreamFor } from './payloads'

/** open → (submitted → closed | sentBack → submitted …). */
export type RectificationStatus = 'open' | 'submitted' | 'sentBack' | 'closed'
export const rectificationStatusLabels: Record<RectificationStatus, string> = { open: '整改中', submitted: '待复查', sentBack: '复查退回', closed: '已办结' }

export interface RectificationProgress {
  at: string
  staffId: string | null
  note: string
  submitted: boolean
}

export interface RectificationRecheck {
  at: string
  result: 'closed' | 'sentBack'
  reason: string
  by: string
}

export interface RectificationState extends FoldAttention<FoldLogEntry> {
  /** 'rectification:<uuid of the source>'. */
  id: string
  stationId: string
  source: RectificationSource
  ownerStaffId: string | null
  openedAt: string
  dueAt: string
  /** DOMAIN.md 暂定: counted Monday–Friday through an unpublished year (shown 暂定). */
  dueProvisional: boolean
  workdays: number
  status: RectificationStatus
  progress: RectificationProgress[]
  rechecks: RectificationRecheck[]
  closedAt: string | null
}

const catalogue = { types: rectificationEventTypes, schemas: rectificationEventSchemas, labels: rectificationEventLabels }

/** Who may re-check: the office console or the server, never a tablet. */
function madeByOffice(e: DomainEvent): boolean {
  return e.deviceId.startsWith('office:') || e.deviceId.startsWith('server:')
}

function summarize(ev: RectificationEventInput): string {
  const label = rectificationEventLabels[ev.type]
  switch (ev.type) {
    case 'rectification.opened':
      return `${label}（${rectificationSourceLabels[ev.payload.source.kind]}）`
    case 'rectification.assigned':
      return label
    case 'rectification.progressed':
      return ev.payload.submitted ? `${label}：提请复查` : label
    case 'rectification.rechecked':
      return `${label}：${ev.payload.result === 'closed' ? '通过，办结' : '退回'}`
  }
}

function refusal(state: RectificationState | null, e: DomainEvent, ev: RectificationEventInput): Reason | null {
  const refused = (why: Reason): Reason => ({ code: 'fold.notApplied', params: { step: step(ev.type, rectificationEventLabels[ev.type]), why } })
  if (ev.type === 'rectification.opened') {
    if (rectificationStreamFor(ev.payload.source) !== e.stream)
      return refused({ code: 'rectification.sourceMismatch' })
    if (state && state.source.subject !== ev.payload.source.subject)
      return refused({ code: 'rectification.twoSources' })
    return null
  }
  if (!state)
    return refused({ code: 'rectification.notOpened' })
  if (state.status === 'closed')
    return refused({ code: 'rectification.closed' })
  if (ev.type === 'rectification.rechecked' && !madeByOffice(e))
    return refused({ code: 'rectification.recheckByOffice' })
  return null
}

function apply(state: RectificationState | null, e: DomainEvent, ev: RectificationEventInput, calendar: RectificationFoldCalendar): RectificationState | null {
  if (ev.type !== 'rectification.opened' && !state)
    return null
  switch (ev.type) {
    case 'rectification.opened': {
      if (state)
        return state
      const p = ev.payload
      const recount = p.dueProvisional === true ? calendar.provisionalDueAfterWorkdays(e.occurredAt, p.workdays) : null
      return {
        id: e.stream,
        stationId: e.stationId,
        source: p.source,
        ownerStaffId: p.ownerStaffId,
        openedAt: e.occurredAt,
        dueAt: recount?.due ?? p.dueAt,
        dueProvisional: recount?.provisional ?? false,
        workdays: p.workdays,
        status: 'open',
        progress: [],
        rechecks: [],
        closedAt: null,
        log: [],
        needsAttention: false,
        attentionReasons: [],
        lastOccurredAt: e.occurredAt,
        eventCount: 0,
      }
    }
    case 'rectification.assigned':
      return state && { ...state, ownerStaffId: ev.payload.ownerStaffId }
    case 'rectification.progressed': {
      if (!state)
        return null
      const s = state
      const entry = { at: e.occurredAt, staffId: e.staffId, note: ev.payload.note, submitted: ev.payload.submitted }
      return { ...s, progress: [...s.progress, entry], status: ev.payload.submitted ? 'submitted' : s.status }
    }
    case 'rectification.rechecked': {
      if (!state)
        return null
      const s = state
      const p = ev.payload
      const recheck = { at: e.occurredAt, result: p.result, reason: p.reason, by: p.by }
      return { ...s, rechecks: [...s.rechecks, recheck], status: p.result, closedAt: p.result === 'closed' ? e.occurredAt : null }
    }
  }
}

/** The calendar a rectification fold recounts 暂定 deadlines with. */
export type RectificationFoldCalendar = Pick<WorkCalendar, 'provisionalDueAfterWorkdays'>

/**
 * 7.2.2: the state of one rectification stream in (occurredAt, id) order; null until a readable
 * `rectification.opened` applies. A second opening of the same source (two tablets, or tablet and server)
 * changes nothing.
 */
export function foldRectification(events: readonly DomainEvent[], calendar: RectificationFoldCalendar): RectificationState | null {
  const mine = streamInFoldOrder(events, () => true)
  if (!mine)
    return null
  let state: RectificationState | null = null
  const log: FoldLogEntry[] = []
  const reasons: Reason[] = []
  for (const e of mine) {
    const read = readEvent<RectificationEventType, RectificationEventInput>(e, catalogue)
    if (!read.ok) {
      log.push(unreadableEntry(e, read.reason))
      reasons.push(read.reason)
      continue
    }
    const why = refusal(state, e, read.input)
    log.push(logEntry(e, summarize(read.input), why, { ...read.input.payload }))
    if (why) {
      reasons.push(why)
      continue
    }
    state = apply(state, e, read.input, calendar)
  }
  return state ? withAttention(state, log, reasons, mine, state.openedAt) : null
}

/** 7.2.2 督促: a task past its deadline (closed late, or still open at `asOf`). */
export function isRectificationOverdue(state: Pick<RectificationState, 'dueAt' | 'closedAt'>, asOf: Date): boolean {
  const due = Date.parse(state.dueAt)
  return state.closedAt !== null ? Date.parse(state.closedAt) > due : asOf.getTime() > due
}
