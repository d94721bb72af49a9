/**
 * foldInspection: the state of one inspection stream (5.4.2: date, findings, fixes). The first
 * `inspection.recorded` in fold order is the checklist; a second one, an unreadable event or a fix of a
 * check that is not an open finding is ignored and flags the stream (`needsAttention`). The first fix wins.
 */
import type { DomainEvent } from '../events'
import type { Reason } from '../reason'
import type { StationTier } from './checklist'
import type { CheckResult, InspectionKind } from './payloads'
import { toCivilDate } from '../calendar'
import { orderedUnique } from '../events'
import { attentionOf } from '../foldSupport'
import { inspectionCheck } from './checklist'
import { inspectionFixedPayloadSchema, inspectionRecordedPayloadSchema } from './payloads'

export interface InspectionCheckState {
  id: string
  /** The check's label in this build ('' for an id it does not know). */
  label: string
  result: CheckResult
  note: string | null
  /** Findings only. */
  dueAt: string | null
  dueProvisional: boolean
  fixedAt: string | null
  fixNote: string | null
  fixedBy: string | null
}

export interface InspectionState {
  /** 'inspection:<uuid>'. */
  id: string
  stationId: string
  kind: InspectionKind
  tier: StationTier
  /** occurredAt of the checklist. */
  inspectedAt: string
  /** Its CST day. */
  inspectedOn: string
  staffId: string | null
  /** 巡查: the office that inspected; null for a self-inspection. */
  inspector: string | null
  note: string | null
  checks: InspectionCheckState[]
  findings: number
  findingsOpen: number
  /** The earliest due date among open findings; null when none is open. */
  nextDueAt: string | null
  needsAttention: boolean
  attentionReasons: string[]
  /** The same reasons by code (src/domain/reason.ts); absent in projections folded before reasons had codes. */
  attentionCodes?: Reason[]
}

/** 5.4.2: fold one inspection stream; null until its checklist is there. */
export function foldInspection(input: readonly DomainEvent[]): InspectionState | null {
  const events = orderedUnique(input)
  let state: InspectionState | null = null
  const pendingFixes: DomainEvent[] = []
  const reasons: Reason[] = []
  for (const e of events) {
    if (e.type === 'inspection.recorded') {
      const parsed = inspectionRecordedPayloadSchema.safeParse(e.payload)
      if (!parsed.success) {
        reasons.push({ code: 'inspection.unreadable', params: { id: e.id } })
        continue
      }
      if (state) {
        reasons.push({ code: 'inspection.twoChecklists' })
        continue
      }
      const p = parsed.data
      state = {
        id: e.stream,
        stationId: e.stationId,
        kind: p.kind,
        tier: p.tier,
        inspectedAt: e.occurredAt,
        inspectedOn: toCivilDate(e.occurredAt),
        staffId: e.staffId,
        inspector: p.inspector ?? null,
        note: p.note ?? null,
        checks: p.checks.map(c => ({
          id: c.id,
          label: inspectionCheck(c.id)?.label ?? '',
          result: c.result,
          note: c.note ?? null,
          dueAt: c.result === 'finding' ? (c.dueAt ?? null) : null,
          dueProvisional: c.result === 'finding' && c.dueProvisional === true,
          fixedAt: null,
          fixNote: null,
          fixedBy: null,
        })),
        findings: 0,
        findingsOpen: 0,
        nextDueAt: null,
        needsAttention: false,
        attentionReasons: [],
      }
    }
    else if (e.type === 'inspection.fixed') {
      pendingFixes.push(e)
    }
    else {
      reasons.push({ code: 'inspection.foreignType', params: { type: e.type } })
    }
  }
  if (!state)
    return null
  for (const e of pendingFixes) {
    const parsed = inspectionFixedPayloadSchema.safeParse(e.payload)
    const check = parsed.success ? state.checks.find(c => c.id === parsed.data.checkId) : undefined
    if (!parsed.success || !check || check.result !== 'finding') {
      reasons.push({ code: 'inspection.fixWithoutFinding' })
      continue
    }
    if (check.fixedAt)
      continue
    check.fixedAt = e.occurredAt
    check.fixNote = parsed.data.note
    check.fixedBy = e.staffId
  }
  const findings = state.checks.filter(c => c.result === 'finding')
  const open = findings.filter(c => !c.fixedAt)
  state.findings = findings.length
  state.findingsOpen = open.length
  state.nextDueAt = open.map(c => c.dueAt).filter((d): d is string => d !== null).sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null
  Object.assign(state, attentionOf(reasons))
  return state
}

/** 5.4.2: open findings past their fix deadline at `now`. */
export function overdueFindings(state: Pick<InspectionState, 'checks'>, now: Date): InspectionCheckState[] {
  return state.checks.filter(c => c.result === 'finding' && !c.fixedAt && c.dueAt !== null && Date.parse(c.dueAt) < now.getTime())
}
