/**
 * The DESIGN §3 loop that the case, consultation, rating, rectification and appeal folds share: every event of
 * one stream, in fold order, is set aside (staff overruled it), unreadable, refused or applied, and is logged
 * either way; what is unreadable or refused raises attention until a resolution clears it.
 * Each fold says what one readable event does (its rules, its state); this module only runs its steps in order.
 */
import type { DomainEvent } from './events'
import type { EventCatalogue, FoldLogEntry } from './foldSupport'
import { OVERRULED_REASON } from './attentionResolution'
import { logEntry, readEvent, unreadableEntry } from './foldSupport'

/** What one readable event does: it applies (the state after it), or it is refused (why; the earlier event it contradicts). */
export type FoldStep<S> = { applied: S | null } | { refused: string, conflictsWith?: string | undefined }

/** The reasons a fold has raised so far, as long as no resolution has cleared them. */
export interface RaisedReasons {
  raise: (reason: string) => void
  /** DESIGN §3 resolution: clears the `listed` reasons raised before it (later ones flag again); returns those it cleared, each once. */
  resolve: (listed: readonly string[]) => string[]
}

/** One line of a stream's timeline; a refused event that contradicted an earlier fact names that event. */
export interface StreamLogEntry extends FoldLogEntry {
  conflictsWith?: string
}

/** What a fold brings to the loop: how to read its events, word them for the timeline, and judge and apply each. */
export interface StreamFold<T extends string, I, S> {
  catalogue: EventCatalogue<T>
  /** The events staff set aside when they chose the fact that contradicted them: logged, neither read nor applied. */
  overruled?: ReadonlySet<string>
  summarize: (input: I) => string
  /** The payload as the timeline shows it (without its personal-data parts). */
  details: (input: I) => Record<string, unknown>
  step: (state: S | null, e: DomainEvent, input: I, raised: RaisedReasons) => FoldStep<S>
}

/** The loop's result: the state after the last applied event, the timeline, and the reasons still raised, in order. */
export interface StreamFoldRun<S> {
  state: S | null
  log: StreamLogEntry[]
  reasons: string[]
}

/** DESIGN §3: runs `fold` over `stream` (one stream's events, already in fold order). */
export function runStreamFold<T extends string, I, S>(stream: readonly DomainEvent[], fold: StreamFold<T, I, S>): StreamFoldRun<S> {
  let state: S | null = null
  const log: StreamLogEntry[] = []
  let reasons: string[] = []
  const raised: RaisedReasons = {
    raise: reason => reasons.push(reason),
    resolve: (listed) => {
      const set = new Set(listed)
      const cleared = [...new Set(reasons.filter(r => set.has(r)))]
      reasons = reasons.filter(r => !set.has(r))
      return cleared
    },
  }
  for (const e of stream) {
    if (fold.overruled?.has(e.id)) {
      log.push(logEntry(e, fold.catalogue.labels[e.type as T] ?? e.type, OVERRULED_REASON, null))
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
      log.push({ ...logEntry(e, summary, step.refused, details), ...(step.conflictsWith ? { conflictsWith: step.conflictsWith } : {}) })
      raised.raise(step.refused)
      continue
    }
    state = step.applied
    log.push(logEntry(e, summary, null, details))
  }
  return { state, log, reasons }
}
