/**
 * Search tokens: how a case or consultation is found by personal data without personal data in an index key
 * (DESIGN §3). Each projection row carries `searchTokens`, a multiEntry index of keyed hashes:
 *
 *     HMAC-SHA-256(tablet key, '<kind>:<normalised value>'), first 8 bytes as 16 lowercase hex digits
 *
 * kinds: 'm' mobile (digits), 'm4' its last 4, 'id' ID number / 'u' USCC, 'id4' their last 4, 'n' full name,
 * 'n2' each 2-character run of the name (张三丰 → 张三, 三丰), 'r' receipt and entrustment numbers.
 *
 * - The key is 32 random bytes made on this tablet at first use and kept in `meta.searchKey`; it is never
 *   synced or exported, so a copied database or index is useless without it, and wiping the key (device reset,
 *   retention purge) turns every token into noise. 64 bits per token: chance collisions are negligible, and
 *   every hit is checked against the row itself before it is shown.
 * - The hash is synchronous (@noble/hashes): tokens are a function of the folded state, which exists only
 *   inside the transaction that refolds the stream; an awaited WebCrypto call there would let IndexedDB commit
 *   the transaction early. Computing them beforehand would mean folding every stream twice, and racing a pull.
 */
import type { BianminDb, ProjectionKind, ProjectionState } from './db'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { PROJECTION_TABLES, TABLES } from './db'
import { guarded } from './errors'

/** What a token says about its value. */
export type SearchTokenKind = 'm' | 'm4' | 'id' | 'id4' | 'u' | 'n' | 'n2' | 'r'

/** Hex digits kept of each HMAC (64 bits). */
export const SEARCH_TOKEN_HEX = 16

/** Full-width to ASCII, no blanks, upper case: how both the stored value and the typed query are read. */
export function normaliseSearchText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toUpperCase()
}

/** The digits of a phone number, without a +86 / 0086 country prefix. */
export function phoneDigits(phone: string): string {
  const digits = normaliseSearchText(phone).replace(/\D/g, '')
  return digits.length > 11 ? digits.replace(/^(?:0086|86)/, '') : digits
}

/** Each run of two characters (code points) of a normalised name. */
export function nameBigrams(name: string): string[] {
  const chars = [...normaliseSearchText(name)]
  const out: string[] = []
  for (let i = 0; i + 1 < chars.length; i++)
    out.push(`${chars[i]}${chars[i + 1]}`)
  return out
}

function nameTokens(name: string | null | undefined): string[] {
  const n = name ? normaliseSearchText(name) : ''
  return n === '' ? [] : [`n:${n}`, ...nameBigrams(n).map(b => `n2:${b}`)]
}

function phoneTokens(phone: string | null | undefined): string[] {
  const d = phone ? phoneDigits(phone) : ''
  return d === '' ? [] : [`m:${d}`, ...(d.length >= 4 ? [`m4:${d.slice(-4)}`] : [])]
}

function idTokens(kind: 'id' | 'u', value: string | null | undefined): string[] {
  const v = value ? normaliseSearchText(value) : ''
  return v === '' ? [] : [`${kind}:${v}`, ...(v.length >= 4 ? [`id4:${v.slice(-4)}`] : [])]
}

function numberTokens(numbers: readonly (string | null | undefined)[]): string[] {
  return numbers.flatMap(n => (n ? [`r:${normaliseSearchText(n)}`] : []))
}

type Loose = Record<string, unknown> | null | undefined
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)

/** The plain tokens of a folded state (never stored: only their keyed hashes are). */
export function plainSearchTokens(kind: ProjectionKind, state: ProjectionState): string[] {
  const s = state as unknown as Record<string, unknown>
  const tokens: string[] = []
  if (kind === 'case') {
    const a = s.applicant as Loose
    if (a?.type === 'organisation')
      tokens.push(...nameTokens(str(a.name)), ...idTokens('u', str(a.uscc)), ...nameTokens(str(a.contactName)), ...phoneTokens(str(a.contactPhone)))
    else if (a)
      tokens.push(...nameTokens(str(a.name)), ...idTokens('id', str(a.idNumber)), ...phoneTokens(str(a.mobile)))
    const entrustment = s.entrustment as Loose
    const renewals = Array.isArray(s.renewals) ? (s.renewals as Loose[]) : []
    tokens.push(...numberTokens([str(s.receiptNumber), str(entrustment?.entrustmentNumber), ...renewals.map(r => str(r?.entrustmentNumber))]))
  }
  else {
    const c = s.contact as Loose
    tokens.push(...nameTokens(str(c?.name)), ...phoneTokens(str(c?.phone)))
  }
  return [...new Set(tokens)]
}

/**
 * How a query typed in the one search box is looked up: alternatives (any may match), each a list of plain
 * tokens that must all match. Empty when the query says nothing indexable (then only item/number lookups apply).
 */
export function searchQueryTokens(query: string): string[][] {
  const q = normaliseSearchText(query)
  if (q === '')
    return []
  const plans: string[][] = []
  if (/^\+?\d[\d-]*$/.test(q)) {
    const d = phoneDigits(q)
    if (d.length >= 7)
      plans.push([`m:${d}`])
    if (d.length === 4)
      plans.push([`m4:${d}`])
  }
  if (/^[0-9A-Z]{4}$/.test(q))
    plans.push([`id4:${q}`])
  if (/^[0-9A-Z]{15}$|^[0-9A-Z]{18}$/.test(q))
    plans.push([`id:${q}`], [`u:${q}`])
  if (/^[A-Z0-9]{2,12}(?:-[A-Z]{2})?-\d{4}-[A-Z]{1,2}-\d{4,}$/.test(q))
    plans.push([`r:${q}`])
  // A name, or part of one: 2+ characters with a Chinese (non-ASCII) character or two letters (not an ID's X).
  if ([...q].length >= 2 && (/[^\x20-\x7E]/.test(q) || /[A-Z].*[A-Z]/.test(q)) && !q.includes('-')) {
    plans.push([`n:${q}`])
    const bigrams = nameBigrams(q).map(b => `n2:${b}`)
    if (bigrams.length > 0)
      plans.push([...new Set(bigrams)])
  }
  return plans
}

/** Hashes plain tokens with this tablet's key. */
export interface SearchTokenizer {
  hash: (plain: string) => string
  /** The hashed tokens of a folded state, unique. */
  tokens: (kind: ProjectionKind, state: ProjectionState) => string[]
}

function tokenizerFor(key: Uint8Array): SearchTokenizer {
  // The keyed inner/outer state is made once; each token clones it (2 compressions instead of 4).
  const keyed = hmac.create(sha256, key)
  const hash = (plain: string): string => bytesToHex(keyed.clone().update(utf8ToBytes(plain)).digest().subarray(0, SEARCH_TOKEN_HEX / 2))
  return {
    hash,
    tokens: (kind, state) => [...new Set(plainSearchTokens(kind, state).map(hash))],
  }
}

const loaded = new WeakMap<BianminDb, SearchTokenizer>()

/** The tokenizer of a database whose key was loaded by prepareSearchTokens (synchronous: usable inside a transaction). */
export function loadedTokenizer(db: BianminDb): SearchTokenizer {
  const tokenizer = loaded.get(db)
  if (!tokenizer)
    throw new Error('search key not loaded: await prepareSearchTokens(db) before opening the transaction')
  return tokenizer
}

/**
 * Load this tablet's search key (making it at first use) so rows can be tokenised inside transactions.
 * A key made while projection rows exist (the meta row was lost) marks them for rebuild: their tokens are stale.
 */
export async function prepareSearchTokens(db: BianminDb): Promise<SearchTokenizer> {
  const ready = loaded.get(db)
  if (ready)
    return ready
  const hex = await guarded(() => db.transaction('rw', [TABLES.meta, ...Object.values(PROJECTION_TABLES)], async () => {
    const row = await db.meta.get('searchKey')
    if (typeof row?.value === 'string' && /^[0-9a-f]{64}$/.test(row.value))
      return row.value
    const made = bytesToHex(crypto.getRandomValues(new Uint8Array(32)))
    await db.meta.put({ key: 'searchKey', value: made })
    const rows = await Promise.all(Object.values(PROJECTION_TABLES).map(t => db.table(t).count()))
    if (rows.some(n => n > 0)) {
      await db.meta.put({ key: 'projectionRebuildStartedAt', value: new Date().toISOString() })
      await db.meta.delete('projectionRebuildCursor')
    }
    return made
  }))
  const tokenizer = loaded.get(db) ?? tokenizerFor(hexToBytes(hex))
  loaded.set(db, tokenizer)
  return tokenizer
}
