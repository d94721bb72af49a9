/**
 * The event envelope (DESIGN §3). Everything a station records is an append-only DomainEvent;
 * cases, consultations and ledgers are folds of them. Validated with zod on the tablet and the server.
 */
import { v7 as uuidv7 } from 'uuid'
import { z } from 'zod'

/** Stream ids are '<kind>:<uuid>'; they never carry personal data. */
export const streamIdSchema = z.string().regex(/^[a-z][a-zA-Z]*:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'stream must be <kind>:<uuid>')

/** Event types are '<kind>.<verb>', e.g. 'case.received'. */
export const eventTypeSchema = z.string().regex(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/, 'type must be <kind>.<verb>')

export const domainEventSchema = z.object({
  id: z.uuid({ version: 'v7' }),
  stream: streamIdSchema,
  type: eventTypeSchema,
  v: z.number().int().min(1),
  payload: z.unknown(),
  stationId: z.string().min(1).max(64),
  deviceId: z.string().min(1).max(64),
  staffId: z.string().min(1).max(64).nullable(),
  occurredAt: z.iso.datetime({ offset: true }),
  seq: z.number().int().min(1).optional(),
  receivedAt: z.iso.datetime({ offset: true }).optional(),
}).strict()

export interface DomainEvent<T = unknown> {
  /** UUIDv7 made on the device; the idempotency key everywhere. */
  id: string
  /** '<kind>:<uuid>', e.g. 'case:0193…'. */
  stream: string
  /** e.g. 'case.received'. */
  type: string
  /** Schema version of this type's payload. */
  v: number
  payload: T
  stationId: string
  deviceId: string
  staffId: string | null
  /** ISO 8601 with offset, device clock. */
  occurredAt: string
  /** Assigned by the server when accepted (pull order). */
  seq?: number
  /** Assigned by the server. */
  receivedAt?: string
}

/** A new event id: UUIDv7, time-ordered, made offline without coordination. */
export function newEventId(): string {
  return uuidv7()
}

/** A new stream id for a kind of record, e.g. newStreamId('case') → 'case:0193…'. */
export function newStreamId(kind: string): string {
  return `${kind}:${uuidv7()}`
}

/** The kind part of a stream id ('case:…' → 'case'). */
export function streamKind(stream: string): string {
  return stream.slice(0, stream.indexOf(':'))
}

/** The uuid part of a stream id ('case:0193…' → '0193…'). */
export function streamUuid(stream: string): string {
  return stream.slice(stream.indexOf(':') + 1)
}

/** DESIGN §3: a stream is folded in the order (occurredAt, id); instants compare across offsets. */
export function compareEvents(a: Pick<DomainEvent, 'occurredAt' | 'id'>, b: Pick<DomainEvent, 'occurredAt' | 'id'>): number {
  const ta = Date.parse(a.occurredAt)
  const tb = Date.parse(b.occurredAt)
  if (ta !== tb)
    return ta - tb
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** Events of one stream in fold order, each id once (a duplicated delivery is the same fact). */
export function orderedUnique<E extends Pick<DomainEvent, 'occurredAt' | 'id'>>(events: readonly E[]): E[] {
  const byId = new Map<string, E>()
  for (const e of events) {
    if (!byId.has(e.id))
      byId.set(e.id, e)
  }
  return [...byId.values()].sort(compareEvents)
}

/** Canonical JSON of the fields a device wrote (server-assigned seq/receivedAt excluded): equal content ⇔ equal string. */
export function eventContentKey(e: DomainEvent): string {
  return canonicalJson({ id: e.id, stream: e.stream, type: e.type, v: e.v, payload: e.payload, stationId: e.stationId, deviceId: e.deviceId, staffId: e.staffId, occurredAt: e.occurredAt })
}

/**
 * JSON with object keys sorted, so that the same value always serialises the same way. Iterative: a value
 * nested thousands deep (a hostile push body) cannot overflow the stack (issue 10 item 1).
 * `undefined` object members are left out, and `undefined` array items read `null`, as in JSON.stringify.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = []
  // Work items: a value to write, or literal text (closing brackets, separators, keys) to emit.
  const stack: ({ text: string } | { value: unknown })[] = [{ value }]
  while (stack.length > 0) {
    const item = stack.pop() as { text: string } | { value: unknown }
    if ('text' in item) {
      out.push(item.text)
      continue
    }
    const v = item.value
    if (v === null || typeof v !== 'object') {
      out.push(JSON.stringify(v) ?? 'null')
      continue
    }
    const parts: ({ text: string } | { value: unknown })[] = []
    if (Array.isArray(v)) {
      parts.push({ text: '[' })
      for (let i = 0; i < v.length; i++) {
        if (i > 0)
          parts.push({ text: ',' })
        // A hole of a sparse array writes nothing, as Array#join does for the recursive form.
        if (i in v)
          parts.push({ value: v[i] as unknown })
      }
      parts.push({ text: ']' })
    }
    else {
      const entries = Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      parts.push({ text: '{' })
      entries.forEach(([k, x], i) => {
        parts.push({ text: `${i > 0 ? ',' : ''}${JSON.stringify(k)}:` })
        parts.push({ value: x })
      })
      parts.push({ text: '}' })
    }
    for (let i = parts.length - 1; i >= 0; i--)
      stack.push(parts[i] as { text: string } | { value: unknown })
  }
  return out.join('')
}
