/** The push body and how events are cut into batches that fit the protocol's limits (DESIGN §4). */
import type { DomainEvent } from '../../domain/events'
import { MAX_PUSH_EVENTS, SYNC_PROTOCOL_VERSION } from '../../domain/protocol'

export { MAX_PUSH_EVENTS } from '../../domain/protocol'

/** DESIGN §4: at most 2 MB per push; 2,000,000 bytes keeps us under both readings of "2 MB". */
export const MAX_PUSH_BYTES = 2_000_000

/** A count the server accepts as `unsent` (a non-negative integer). */
export function isCount(n: number | undefined): n is number {
  return n !== undefined && Number.isSafeInteger(n) && n >= 0
}

/** Room kept in every batch for the `unsent` field, whatever its value. */
const UNSENT_PLACEHOLDER = 9_999_999

/**
 * The exact push body, so batching can measure what will be sent. `sentAt` (device clock) lets the server log
 * the offset too; `relay: true` is only sent for a relay push (another tablet's events); `unsent` when known.
 */
export function pushBody(appVersion: string, events: readonly DomainEvent[], sentAt = '2000-01-01T00:00:00.000Z', relay = false, unsent?: number): string {
  return JSON.stringify({ protocol: SYNC_PROTOCOL_VERSION, appVersion, events, sentAt, ...(relay ? { relay: true } : {}), ...(isCount(unsent) ? { unsent } : {}) })
}

const encoder = new TextEncoder()

/** UTF-8 size of a string (Chinese text is 3 bytes a character). */
export function utf8Length(text: string): number {
  return encoder.encode(text).byteLength
}

/**
 * Splits events, in order, into push batches of at most `maxEvents` events and at most `maxBytes`
 * serialized bytes (the whole body). An event too large on its own forms a batch by itself.
 */
export function splitIntoBatches<E extends DomainEvent>(events: readonly E[], appVersion: string, maxEvents = MAX_PUSH_EVENTS, maxBytes = MAX_PUSH_BYTES, relay = false): E[][] {
  const envelope = utf8Length(pushBody(appVersion, [], undefined, relay, UNSENT_PLACEHOLDER))
  const batches: E[][] = []
  let current: E[] = []
  let size = envelope
  for (const event of events) {
    const eventSize = utf8Length(JSON.stringify(event))
    if (current.length > 0 && (current.length >= maxEvents || size + 1 + eventSize > maxBytes)) {
      batches.push(current)
      current = []
      size = envelope
    }
    size += (current.length > 0 ? 1 : 0) + eventSize
    current.push(event)
  }
  if (current.length > 0)
    batches.push(current)
  return batches
}
