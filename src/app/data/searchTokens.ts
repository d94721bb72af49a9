/**
 * Search tokens: how a case or consultation is found by personal data without personal data in an index key
 * (DESIGN §3). Each projection row carries `searchTokens`, a multiEntry index of keyed hashes:
 *
 *     HMAC-SHA-256(tablet key, '<kind>:<normalised value>'), first 8 bytes as 16 lowercase hex digits
 *
 * kinds: 'm' mobile (digits), 'm4' its last 4, 'id' ID number / 'u' USCC, 'id4' their last 4, 'n' full name,
 * 'n2' each 2-character run of the name (张三丰 → 张三, 三丰), 'r' receipt and entrustment numbers.
 *
 * - The key is derived from the tablet's data key (crypto/keyring.ts), which is in memory only while a staff
 *   member is signed in: a stolen, locked tablet cannot hash guessed mobiles to match its index (before v8 the
 *   key sat in `meta.searchKey` beside the tokens). 64 bits per token: chance collisions are negligible, and
 *   every hit is checked against the row itself before it is shown.
 * - Sealed values (crypto/fieldCodec.ts) are handles in the folded state: their tokens were hashed when they
 *   were sealed and travel with the event (`sealed.t`); a handle where a value is read stands for those.
 * - The hash is synchronous (@noble/hashes): tokens are a function of the folded state, which exists only
 *   inside the transaction that refolds the stream; an awaited WebCrypto call there would let IndexedDB commit
 *   the transaction early. Computing them beforehand would mean folding every stream twice, and racing a pull.
 */
import type { BianminDb } from './db'
import type { ProjectionState } from './rows'
import type { ProjectionKind } from './schema'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { HANDLE_MARK, isHandle } from './crypto/handles'
import { dataKeys } from './crypto/keyring'

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
  if (isHandle(name))
    return [name]
  const n = name ? normaliseSearchText(name) : ''
  return n === '' ? [] : [`n:${n}`, ...nameBigrams(n).map(b => `n2:${b}`)]
}

function phoneTokens(phone: string | null | undefined): string[] {
  if (isHandle(phone))
    return [phone]
  const d = phone ? phoneDigits(phone) : ''
  return d === '' ? [] : [`m:${d}`, ...(d.length >= 4 ? [`m4:${d.slice(-4)}`] : [])]
}

function idTokens(kind: 'id' | 'u', value: string | null | undefined): string[] {
  if (isHandle(value))
    return [value]
  const v = value ? normaliseSearchText(value) : ''
  return v === '' ? [] : [`${kind}:${v}`, ...(v.length >= 4 ? [`id4:${v.slice(-4)}`] : [])]
}

function numberTokens(numbers: readonly (string | null | undefined)[]): string[] {
  return numbers.flatMap(n => (n ? [`r:${normaliseSearchText(n)}`] : []))
}

type Loose = Record<string, unknown> | null | undefined
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)

/**
 * The plain tokens of one personal value by the field it sits in, as plainSearchTokens reads that field (sealing
 * hashes them before the value becomes a handle): names, mobiles and phones, ID numbers, USCC; others have none.
 */
export function fieldSearchTokens(field: string, value: string): string[] {
  if (field === 'name' || field === 'contactName')
    return nameTokens(value)
  if (field === 'mobile' || field === 'contactPhone' || field === 'phone')
    return phoneTokens(value)
  if (field === 'idNumber')
    return idTokens('id', value)
  if (field === 'uscc')
    return idTokens('u', value)
  return []
}

/** The plain tokens of a folded state (never stored: only their keyed hashes are); a sealed value gives its handle. */
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
  /** The hashed tokens of a folded state, unique; `sealed` gives the hashed tokens of the handles in it. */
  tokens: (kind: ProjectionKind, state: ProjectionState, sealed?: ReadonlyMap<string, readonly string[]>) => string[]
}

function tokenizerFor(key: Uint8Array): SearchTokenizer {
  // The keyed inner/outer state is made once; each token clones it (2 compressions instead of 4).
  const keyed = hmac.create(sha256, key)
  const hash = (plain: string): string => bytesToHex(keyed.clone().update(utf8ToBytes(plain)).digest().subarray(0, SEARCH_TOKEN_HEX / 2))
  return {
    hash,
    tokens: (kind, state, sealed) => [...new Set(plainSearchTokens(kind, state).flatMap(t => (t.startsWith(HANDLE_MARK) ? [...sealed?.get(t) ?? []] : [hash(t)])))],
  }
}

const loaded = new WeakMap<Uint8Array, SearchTokenizer>()

/** The tokenizer of the data key in memory (synchronous: usable inside a transaction); throws DataLockedError while locked. */
export function loadedTokenizer(_db?: BianminDb): SearchTokenizer {
  const key = dataKeys().tokenKey
  let tokenizer = loaded.get(key)
  if (!tokenizer) {
    tokenizer = tokenizerFor(key)
    loaded.set(key, tokenizer)
  }
  return tokenizer
}

/**
 * The tokenizer rows are tokenised with inside transactions; throws DataLockedError while no staff member is
 * signed in. Kept async (and taking the database) for its callers, which await it before opening a transaction.
 */
export async function prepareSearchTokens(db?: BianminDb): Promise<SearchTokenizer> {
  return loadedTokenizer(db)
}
