/**
 * DESIGN §3 conflicts, resolved by staff (issue 8 item 7): one payload shape for cases and consultations.
 * Only the listed reasons (as staff saw them in `attentionReasons`) raised before the resolution are
 * cleared; later ones flag again. `overrules`: when staff choose the later of two contradicting facts as
 * the one that stands, the ids of the earlier events that no longer stand — the fold sets those aside
 * (kept in the timeline, not applied) and the chosen fact applies. Empty or absent: the earlier fact stands.
 */
import type { DomainEvent } from './events'
import type { Reason } from './reason'
import { z } from 'zod'
import { text } from './payloadFields'
import { reasonText } from './reason'

export const attentionResolvedPayloadSchema = z.object({
  note: text(500),
  reasons: z.array(text(1000)).min(1, '至少处理一条提示').max(50),
  overrules: z.array(z.uuid({ message: '应为事件编号' })).max(20).optional(),
}).strict()
export type AttentionResolvedPayload = z.infer<typeof attentionResolvedPayloadSchema>

/** What the timeline says of an event staff set aside when they chose the fact that contradicted it. */
export const OVERRULED: Reason = { code: 'fold.overruled' }
/** OVERRULED in Chinese. */
export const OVERRULED_REASON = reasonText(OVERRULED)

/** The ids the readable resolutions (events of `type`) of a stream set aside; a resolution never sets aside another. */
export function overruledEvents(events: readonly DomainEvent[], type: string): Set<string> {
  const ids = new Set<string>()
  for (const e of events) {
    if (e.type !== type)
      continue
    const parsed = attentionResolvedPayloadSchema.safeParse(e.payload)
    if (parsed.success)
      for (const id of parsed.data.overrules ?? [])
        ids.add(id)
  }
  for (const e of events) {
    if (e.type === type)
      ids.delete(e.id)
  }
  return ids
}

/** Why a resolution may not be recorded on a record flagged with `attentionReasons`, or null. */
export function attentionResolutionError(state: { needsAttention: boolean, attentionReasons: readonly string[], log: readonly { conflictsWith?: string }[] }, payload: AttentionResolvedPayload): Reason | null {
  if (!state.needsAttention)
    return { code: 'attention.nothingFlagged' }
  if (!payload.reasons.some(r => state.attentionReasons.includes(r)))
    return { code: 'attention.notCurrent' }
  // Only a fact that a refused record contradicted can be set aside.
  const contradicted = new Set(state.log.flatMap(l => (l.conflictsWith ? [l.conflictsWith] : [])))
  return (payload.overrules ?? []).some(id => !contradicted.has(id)) ? { code: 'attention.overruleOnlyConflicts' } : null
}
