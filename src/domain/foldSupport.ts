/**
 * The mechanics the case, consultation and rating folds share (DESIGN §3): one stream's events in fold
 * order, reading a stored event as a typed input, the timeline entry of every event (applied or refused,
 * personal data left out), the wording of a conflict between tablets, and the attention summary at the end.
 * What each fold decides (its rules, its state) stays in its own module.
 */
import type { z } from 'zod'
import type { DomainEvent } from './events'
import type { Reason } from './reason'
import { orderedUnique } from './events'
import { reasonText, step } from './reason'

/** One line of a stream's timeline: every event, applied or not. */
export interface FoldLogEntry {
  eventId: string
  type: string
  occurredAt: string
  staffId: string | null
  deviceId: string
  /** Chinese one-liner without personal data. */
  summary: string
  /** False when the fold refused the event (illegal transition, conflict, unreadable). */
  applied: boolean
  /** Why it was refused, in Chinese (reasonText of `refusal`); null when applied. */
  rejection: string | null
  /** Why it was refused, by code, for the app to word; absent in projections folded before reasons had codes. */
  refusal?: Reason | null
  /** The payload without its personal-data parts; null when unreadable. */
  details: Record<string, unknown> | null
}

/** The fields every folded projection ends with. */
export interface FoldAttention<L extends FoldLogEntry> {
  log: L[]
  needsAttention: boolean
  /** The reasons raised, in Chinese (reasonText): the key a recorded resolution names a flag by. */
  attentionReasons: string[]
  /** The same reasons by code, in the same order, for the app to word; absent in projections folded before codes. */
  attentionCodes?: Reason[]
  lastOccurredAt: string
  eventCount: number
}

/** What a fold's catalogue of event types knows: the types, their v1 payload schemas, their Chinese names. */
export interface EventCatalogue<T extends string> {
  types: readonly T[]
  schemas: Record<T, z.ZodType>
  labels: Record<T, string>
}

export type ReadEvent<I> = { ok: true, input: I } | { ok: false, reason: Reason }

/**
 * DESIGN §3: the events of one stream in (occurredAt, id) order, each id once: the stream of the first event
 * `opens` accepts; null when none does. Events of other streams are not part of the fold.
 */
export function streamInFoldOrder(events: readonly DomainEvent[], opens: (e: DomainEvent) => boolean): DomainEvent[] | null {
  const ordered = orderedUnique(events)
  const first = ordered.find(opens)
  if (!first)
    return null
  return ordered.filter(e => e.stream === first.stream)
}

/** Reads a stored event as a typed input of `catalogue`, or says why it cannot. */
export function readEvent<T extends string, I>(e: DomainEvent, catalogue: EventCatalogue<T>): ReadEvent<I> {
  if (!(catalogue.types as readonly string[]).includes(e.type))
    return { ok: false, reason: { code: 'fold.unknownType', params: { type: e.type } } }
  const type = e.type as T
  if (e.v !== 1)
    return { ok: false, reason: { code: 'fold.unknownVersion', params: { step: step(type, catalogue.labels[type]), version: e.v } } }
  const parsed = catalogue.schemas[type].safeParse(e.payload)
  if (!parsed.success)
    return { ok: false, reason: { code: 'fold.malformed', params: { step: step(type, catalogue.labels[type]) } } }
  return { ok: true, input: { type, payload: parsed.data } as I }
}

/** The timeline entry of `e`: applied when `refusal` is null. */
export function logEntry(e: DomainEvent, summary: string, refusal: Reason | null, details: Record<string, unknown> | null): FoldLogEntry {
  return { eventId: e.id, type: e.type, occurredAt: e.occurredAt, staffId: e.staffId, deviceId: e.deviceId, summary, applied: refusal === null, rejection: refusal && reasonText(refusal), refusal, details }
}

/** The timeline entry of an event the fold cannot read: refused, with the reason as its summary. */
export function unreadableEntry(e: DomainEvent, reason: Reason): FoldLogEntry {
  return logEntry(e, reasonText(reason), reason, null)
}

/** DESIGN §3 conflicts: two records of contradicting facts; the earlier in fold order wins. */
export function conflictReason(what: Reason, earlierDevice: string | null | undefined, deviceId: string): Reason {
  return { code: earlierDevice != null && earlierDevice !== deviceId ? 'fold.conflictBetweenDevices' : 'fold.conflict', params: { what } }
}

/** DESIGN §3: the payload without its personal-data parts, for the timeline. */
export function withoutFields(payload: object, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([key]) => !fields.includes(key)))
}

/** The reasons raised, each once in order: their Chinese text (the key resolutions name) and their codes. */
export function attentionOf(reasons: readonly Reason[]): { needsAttention: boolean, attentionReasons: string[], attentionCodes: Reason[] } {
  const byText = new Map<string, Reason>()
  for (const r of reasons) {
    const text = reasonText(r)
    if (!byText.has(text))
      byText.set(text, r)
  }
  return { needsAttention: byText.size > 0, attentionReasons: [...byText.keys()], attentionCodes: [...byText.values()] }
}

/** The end of a fold: the timeline, the reasons raised (each once, in order) and the stream's last instant. */
export function withAttention<S extends FoldAttention<L>, L extends FoldLogEntry>(state: S, log: L[], reasons: readonly Reason[], events: readonly DomainEvent[], fallbackLastOccurredAt: string): S {
  const last = events[events.length - 1]
  return {
    ...state,
    log,
    ...attentionOf(reasons),
    lastOccurredAt: last ? last.occurredAt : fallbackLastOccurredAt,
    eventCount: events.length,
  }
}
