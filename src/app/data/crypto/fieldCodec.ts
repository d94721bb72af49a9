/**
 * Personal fields at rest (issue 11 item 1). Every personal value of an event (src/domain/personalFields.ts,
 * the one list purges also use) is stored as a handle (handles.ts) and the event row carries `sealed`:
 *
 *     { iv, c: AES-GCM(fieldKey, JSON { handle: value }, additional data = event id), h: [handles], t: { handle: [tokens] } }
 *
 * `t` holds the keyed search tokens (searchTokens.ts) of the values that are searched by (names, mobiles, ID
 * numbers, USCC), hashed at sealing time. A handle is HMAC(handleKey, event id, path, value) cut to 40 bits: the
 * same event sealed twice gets the same payload (recording it again stays a no-op, other content is still refused).
 *
 * Folds read sealed payloads as they are (handles pass every personal field's schema) and copy handles into
 * projections; a refold attaches the boxes whose handles its row holds (`sealed: RowBox[]`) and the rows'
 * search tokens come from `t`. So no transaction ever waits on WebCrypto: sealing runs before a write
 * transaction opens and unsealing after a read (the repositories return opened rows; index.ts).
 */
import type { DomainEvent } from '../../../domain/events'
import type { EventRow } from '../rows'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { isPurged, mapPersonalValues } from '../../../domain/personalFields'
import { fieldSearchTokens, loadedTokenizer } from '../searchTokens'
import { fromBase64, fromUtf8, open, seal, toBase64, utf8 } from './bytes'
import { HANDLE_PATTERN, handleOf, isHandle } from './handles'
import { dataKeys, onDataKeyChange } from './keyring'

/** An event's encrypted personal values. */
export interface SealedBox {
  iv: string
  c: string
  /** The handles it opens. */
  h: string[]
  /** Hashed search tokens by handle. */
  t?: Record<string, string[]>
}

/** A box as a projection or ledger row carries it: the event it came from names its additional data. */
export interface RowBox {
  id: string
  iv: string
  c: string
  h: string[]
}

type Values = Record<string, string>

/** Opened boxes of this session, by event id and IV; cleared on lock. */
const opened = new Map<string, Values>()
const OPENED_LIMIT = 20_000
onDataKeyChange((ready) => {
  if (!ready)
    opened.clear()
})

/** The event stored with its personal values sealed (as it is when it holds none, or is sealed already). */
export async function sealEvent<E extends DomainEvent>(event: E): Promise<E & { sealed?: SealedBox }> {
  const plain = event as E & { sealed?: SealedBox }
  if (plain.sealed)
    return plain
  const values: Values = {}
  const tokens: Record<string, string[]> = {}
  let keys: ReturnType<typeof dataKeys> | null = null
  const payload = mapPersonalValues(event.type, event.payload, (value, path) => {
    if (isHandle(value) || isPurged(value))
      return value
    keys ??= dataKeys()
    const handle = handleOf(hmac(sha256, keys.handleKey, utf8ToBytes(`${event.id}\n${path}\n${value}`)))
    values[handle] = value
    const field = path.slice(path.lastIndexOf('.') + 1)
    const plainTokens = fieldSearchTokens(field, value)
    if (plainTokens.length > 0) {
      const tokenizer = loadedTokenizer()
      tokens[handle] = [...new Set(plainTokens.map(t => tokenizer.hash(t)))]
    }
    return handle
  })
  const handles = Object.keys(values)
  if (handles.length === 0 || !keys)
    return plain
  const { iv, cipher } = await seal((keys as ReturnType<typeof dataKeys>).fieldKey, utf8(JSON.stringify(values)), event.id)
  const sealed: SealedBox = { iv: toBase64(iv), c: toBase64(cipher), h: handles }
  if (Object.keys(tokens).length > 0)
    sealed.t = tokens
  return { ...event, payload, sealed }
}

/** Seal several events (before the transaction that stores them). */
export function sealEvents<E extends DomainEvent>(events: readonly E[]): Promise<(E & { sealed?: SealedBox })[]> {
  return Promise.all(events.map(e => sealEvent(e)))
}

async function openBox(id: string, box: { iv: string, c: string }): Promise<Values> {
  const cacheKey = `${id}\n${box.iv}`
  const hit = opened.get(cacheKey)
  if (hit)
    return hit
  const bytes = await open(dataKeys().fieldKey, fromBase64(box.iv), fromBase64(box.c), id)
  const values = JSON.parse(fromUtf8(bytes)) as Values
  if (opened.size >= OPENED_LIMIT)
    opened.clear()
  opened.set(cacheKey, values)
  return values
}

function substitute<T>(value: T, values: Values): T {
  if (typeof value === 'string')
    return (value.includes('\uE000') ? value.replace(HANDLE_PATTERN, h => values[h] ?? h) : value) as T
  if (Array.isArray(value))
    return value.map(v => substitute(v, values)) as T
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value))
      out[k] = substitute(v, values)
    return out as T
  }
  return value
}

/** A stored event as recorded: personal values back in place, `sealed` gone. Throws DataLockedError while locked. */
export async function unsealEvent(row: EventRow): Promise<DomainEvent> {
  const { sealed, ...event } = row
  if (!sealed)
    return event
  const values = await openBox(event.id, sealed)
  return { ...event, payload: substitute(event.payload, values) }
}

export function unsealEvents(rows: readonly EventRow[]): Promise<DomainEvent[]> {
  return Promise.all(rows.map(unsealEvent))
}

/** A projection or ledger row with its personal values back in place and `sealed` gone. */
export async function unsealRow<T extends object>(row: T): Promise<Omit<T, 'sealed'>> {
  const { sealed, ...rest } = row as T & { sealed?: RowBox[] }
  if (!sealed?.length)
    return rest
  const values: Values = {}
  for (const box of sealed)
    Object.assign(values, await openBox(box.id, box))
  return substitute(rest, values)
}

/** The boxes of a stream's stored events and the hashed tokens of their handles (synchronous: used in refolds). */
export function streamBoxes(events: readonly EventRow[]): { boxes: RowBox[], tokens: Map<string, string[]> } {
  const boxes: RowBox[] = []
  const tokens = new Map<string, string[]>()
  for (const e of events) {
    if (!e.sealed)
      continue
    boxes.push({ id: e.id, iv: e.sealed.iv, c: e.sealed.c, h: e.sealed.h })
    for (const [handle, hashed] of Object.entries(e.sealed.t ?? {}))
      tokens.set(handle, hashed)
  }
  return { boxes, tokens }
}

/** The boxes whose handles appear in `row` (undefined when none do). */
export function boxesFor(row: object, boxes: readonly RowBox[]): RowBox[] | undefined {
  if (boxes.length === 0)
    return undefined
  const { sealed: _sealed, ...rest } = row as { sealed?: unknown }
  const text = JSON.stringify(rest)
  if (!text.includes('\\ue000') && !text.includes('\uE000'))
    return undefined
  const needed = boxes.filter(b => b.h.some(h => text.includes(h)))
  return needed.length > 0 ? needed : undefined
}
