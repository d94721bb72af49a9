/**
 * Issue 8 item 7: what staff choose between for each flagged reason of a case or consultation. A conflict (two records of
 * contradicting facts, DESIGN §3) offers both records — the one the fold kept and the one it refused —
 * and choosing the refused one sets the kept one aside (`overrules`). Any other reason (a step refused,
 * an unreadable record) is confirmed with a note.
 */
import type { FoldLogEntry } from '../../domain/foldSupport'
import type { Reason } from '../../domain/reason'
import type { StoredReason } from '../domainReason'
import { storedReasons } from '../domainReason'

/** A timeline entry of a case or consultation (both may name the fact a refused record contradicted). */
export type AttentionLogEntry = FoldLogEntry & { conflictsWith?: string }

/** What a flagged record offers: its reasons and its timeline. */
export interface FlaggedRecord {
  attentionReasons: readonly string[]
  attentionCodes?: readonly Reason[] | undefined
  log: readonly AttentionLogEntry[]
}

export interface AttentionChoice {
  /** The reason's text: the key the resolution names it by. */
  reason: string
  /** The reason as stored, with its code when it has one (for showing it in the staff's language). */
  stored: StoredReason
  /** Both records of a conflict, the kept one first; empty for other reasons. */
  records: { entry: AttentionLogEntry, kept: boolean }[]
}

/** The resolution staff record (case.attentionResolved / consultation.attentionResolved payload). */
export interface AttentionResolution { reasons: string[], note: string, overrules: string[] }

export function attentionChoices(state: FlaggedRecord): AttentionChoice[] {
  const byId = new Map(state.log.map(l => [l.eventId, l]))
  return storedReasons(state).map((stored) => {
    const reason = stored.text
    const refused = state.log.find(l => l.rejection === reason && l.conflictsWith)
    const kept = refused?.conflictsWith ? byId.get(refused.conflictsWith) : undefined
    return { reason, stored, records: refused && kept ? [{ entry: kept, kept: true }, { entry: refused, kept: false }] : [] }
  })
}

/** The resolution to record: keeping the kept record overrules nothing; choosing the refused one overrules the kept one. */
export function resolutionFor(choice: AttentionChoice, chosenEventId: string | null, note: string): AttentionResolution {
  const kept = choice.records.find(r => r.kept)
  const overrules = kept && chosenEventId !== null && chosenEventId !== kept.entry.eventId ? [kept.entry.eventId] : []
  return { reasons: [choice.reason], note, overrules }
}
