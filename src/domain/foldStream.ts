/**
 * The DESIGN §3 loop that the case, consultation, rating, rectification and appeal folds share: every event of
 * one stream, in fold order, is set aside (staff overruled it), unreadable, refused or applied, and is logged
 * either way; what is unreadable or refused raises attention until a resolution clears it.
 * Each fold says what one readable event does (its rules, its state); this module only runs its steps in order.
 */
import type { DomainEvent } from './events'
import type { EventCatalogue, FoldLogEntry } from './foldSupport'
import type { Reason } from './reason'
import { OVERRULED } from './attentionResolution'
import { conflictReason, logEntry, readEvent, unreadableEntry } from './foldSupport'
import { reasonText } from './reason'

/**
 * What one readable event does: it applies (the state after it), it is refused (why), or it contradicts the
 * fact `contradicts` an earlier event recorded (`what` contradicts; DESIGN §3: the earlier in fold order wins).
 */
export type FoldStep<S, K> = { applied: S | null } | { refused: Reason } | { contradicts: K, what: Reason }

/** The reasons a fold has raised so far, as long as no resolution has cleared them. */
export interface RaisedReasons {
  raise: (reason: Reason) => void
  /**
   * DESIGN §3 resolution: clears the `listed` reasons raised before it (later ones flag again); returns the text of
   * those it cleared, each once. A resolution lists reasons by their Chinese text, as recorded events always have.
   */
  resolve: (listed: readonly string[]) => string[]
}

/** One line of a stream's timeline; an event that contradicted an earlier fact names the event that recorded it. */
export interface StreamLogEntry extends FoldLogEntry {
  conflictsWith?: string
}

/** What a fold brings to the loop: how to read its events, word them for the timeline, and judge and apply each. */
export interface StreamFold<T extends string, I, S, K = never> {
  catalogue: EventCatalogue<T>
  /** The events staff set aside when they chose the fact that contradicted them: logged, neither read nor applied. */
  overruled?: ReadonlySet<string>
  summarize: (input: I) => string
  /** The payload as the timeline shows it (without its personal-data parts). */
  details: (input: I) => Record<string, unknown>
  step: (state: S | null, e: DomainEvent, input: I, raised: RaisedReasons) => FoldStep<S, K>
  /** The fact an applied event records, if any: the first event to record it is the one a later contradiction names. */
  factOf?: (input: I) => K | undefined
}

/** The loop's result: the state after the last applied event, the timeline, and the reasons still raised, in order. */
export interface StreamFoldRun<S> {
  state: S | null
  log: StreamLogEntry[]
  reasons: Reason[]
}

/** The attention fields of a state that `e` opens, before the fold's end (withAttention) fills them in. */
export function openedAttention(e: DomainEvent): { log: never[], needsAttention: boolean, attentionReasons: string[], lastOccurredAt: string, eventCount: number } {
  return { log: [], needsAttention: false, attentionReasons: [], lastOccurredAt: e.occurredAt, eventCount: 0 }
}

/** DESIGN §3: runs `fold` over `stream` (one stream's events, already in fold order). */
export function runStreamFold<T extends string, I, S, K = never>(stream: readonly DomainEvent[], fold: StreamFold<T, I, S, K>): StreamFoldRun<S> {
  let state: S | null = null
  const log: StreamLogEntry[] = []
  let reasons: Reason[] = []
  const firstOf = new Map<K, DomainEvent>()
  const raised: RaisedReasons = {
    raise: reason => reasons.push(reason),
    resolve: (listed) => {
      const set = new Set(listed)
      const cleared = [...new Set(reasons.map(reasonText).filter(r => set.has(r)))]
      reasons = reasons.filter(r => !set.has(reasonText(r)))
      return cleared
    },
  }
  for (const e of stream) {
    if (fold.overruled?.has(e.id)) {
      log.push(logEntry(e, fold.catalogue.labels[e.type as T] ?? e.type, OVERRULED, null))
      continue
    }
    const read = readEvent<T, I>(e, fold.catalogue)
    if (!read.ok) {
      log.push(unreadableEntry(e, read.reason))
      raised.raise(read.reason)
      continue
    }
    const summary = fold.summarize(read.input)
    const details = fold.details(read.input)
    const step = fold.step(state, e, read.input, raised)
    if ('refused' in step) {
      log.push(logEntry(e, summary, step.refused, details))
      raised.raise(step.refused)
      continue
    }
    if ('contradicts' in step) {
      const earlier = firstOf.get(step.contradicts)
      const reason = conflictReason(step.what, earlier?.deviceId, e.deviceId)
      log.push({ ...logEntry(e, summary, reason, details), ...(earlier ? { conflictsWith: earlier.id } : {}) })
      raised.raise(reason)
      continue
    }
    state = step.applied
    const fact = fold.factOf?.(read.input)
    if (fact !== undefined && !firstOf.has(fact))
      firstOf.set(fact, e)
    log.push(logEntry(e, summary, null, details))
  }
  return { state, log, reasons }
}
