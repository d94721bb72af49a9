import type { AssistMode } from '../../domain/case'
import type { MaterialDraft } from './materialChecklist'
import { assistModeSchema } from '../../domain/case'
import { groupsOf } from './materialChecklist'

/**
 * The shortcuts of the intake wizard (issue 14): which steps it shows, the 帮办方式 it asks, and
 * "全部已提供". Pure, so the view stays a thin shell.
 */

/** 帮办方式 asked at intake: 陪同办理 needs complete materials and has its own step on the case (department, note). */
export const INTAKE_ASSIST_MODES: readonly AssistMode[] = assistModeSchema.options.filter(m => m !== 'accompany')

export type IntakeSource = 'walkIn' | 'appointment'

/** Where the citizen came from, as the route says: `?appointment=<stream>` from a check-in, else a walk-in. */
export interface IntakeSourceChoice {
  source: IntakeSource
  appointmentId: string | null
  /** Whether the wizard asks the source as a step: only when it is not preset and asking is wanted. */
  ask: boolean
}

/**
 * Whether a walk-in's intake asks the source as a step. Appointments enter through the appointment list's
 * check-in (which presets it), so a walk-in — the common case — is not asked (issue 14: one tap saved).
 */
export const ASK_SOURCE_STEP = false

const single = (v: unknown): string | null => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : null)

export function intakeSourceFromQuery(query: Record<string, unknown>, askSource: boolean = ASK_SOURCE_STEP): IntakeSourceChoice {
  const appointmentId = single(query.appointment)
  if (appointmentId)
    return { source: 'appointment', appointmentId, ask: false }
  return { source: 'walkIn', appointmentId: null, ask: askSource }
}

/**
 * "全部已提供": every standalone required material provided, and for each 择一 group with nothing supplied
 * its first undecided material; rows staff already decided, and optional ones, are left as they are.
 */
export function markAllProvided(rows: readonly MaterialDraft[]): MaterialDraft[] {
  const out = rows.map(r => ({ ...r }))
  out.forEach((r) => {
    if (!r.group && r.required && r.status === null)
      r.status = 'provided'
  })
  for (const g of groupsOf(out)) {
    const row = g.satisfied ? undefined : g.rows.map(i => out[i]).find(r => r?.status === null)
    if (row)
      row.status = 'provided'
  }
  return out
}

/** Whether staff marked anything yet (the summary shows only then, never a red "缺少" before the first mark). */
export function anyDecided(rows: readonly MaterialDraft[]): boolean {
  return rows.some(r => r.status !== null)
}
