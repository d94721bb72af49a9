/**
 * Item search (事项检索) over the station's catalog by name, department and pinyin: full pinyin
 * (`shebaoka`), initials (`sbk`) and mixed (`shebk`, `社保k`). Characters of a name may be skipped
 * between matched ones, so `sbk` and `社保卡` find 社会保障卡…; contiguous and earlier matches rank first.
 *
 * The index is built once per catalog revision (buildSearchIndex); matching is pure and synchronous.
 */
import { pinyin } from 'pinyin-pro'
import { normalizeQuery } from './normalizeQuery'

/** One searchable character: the character itself and every way it can be typed. */
interface IndexedChar {
  char: string
  /** Lower-case syllables without tones (all readings of a polyphone, ü also as v and u); a non-Han character is its own reading. */
  readings: string[]
}

/** One text of an item (name, department, alias) prepared for matching. */
interface IndexedText {
  chars: IndexedChar[]
  /** The normalised text, for literal substring matches. */
  plain: string
}

/** The search index entry of one item. */
export interface SearchEntry<T> {
  item: T
  name: IndexedText
  department: IndexedText
  aliases: IndexedText[]
}

/** What is searched of an item. */
export interface Searchable {
  name: string
  department: string
  /** Extra words staff use for the item (e.g. from the catalog's `aliases`/`keywords`). */
  aliases?: readonly string[]
}

export interface SearchIndex<T> {
  entries: SearchEntry<T>[]
}

export interface SearchHit<T> {
  item: T
  /** Lower is better. */
  score: number
  /** Which text matched. */
  field: 'name' | 'department' | 'alias'
}

const HAN = /\p{Script=Han}/u

export { normalizeQuery }

const readingCache = new Map<string, string[]>()

function readingsOf(char: string, contextual: string | undefined): string[] {
  const key = `${char}|${contextual ?? ''}`
  const cached = readingCache.get(key)
  if (cached)
    return cached
  const all = contextual ? [contextual] : []
  all.push(...pinyin(char, { toneType: 'none', type: 'array', multiple: true }))
  const readings = [...new Set(all.flatMap((r) => {
    const s = r.toLowerCase()
    return s.includes('ü') ? [s.replaceAll('ü', 'v'), s.replaceAll('ü', 'u')] : [s]
  }).filter(s => /^[a-z]+$/.test(s)))]
  readingCache.set(key, readings)
  return readings
}

/** Prepare one text: each kept character with its readings (polyphones read in context first). */
export function indexText(text: string): IndexedText {
  const chars = [...normalizeQuery(text)]
  const han = chars.filter(c => HAN.test(c))
  // Contextual readings of the Han characters alone, so the array lines up one syllable per character.
  const contextual = han.length > 0 ? pinyin(han.join(''), { toneType: 'none', type: 'array' }) : []
  let h = 0
  const indexed = chars.map((char): IndexedChar => {
    if (!HAN.test(char))
      return { char, readings: [char] }
    return { char, readings: readingsOf(char, contextual[h++]) }
  })
  return { chars: indexed, plain: chars.join('') }
}

/** Build the index of a catalog (once per catalog revision). */
export function buildSearchIndex<T extends Searchable>(items: readonly T[]): SearchIndex<T> {
  return {
    entries: items.map(item => ({
      item,
      name: indexText(item.name),
      department: indexText(item.department),
      aliases: (item.aliases ?? []).map(indexText),
    })),
  }
}

interface MatchResult {
  /** Characters skipped between the first and last matched character. */
  gaps: number
  /** Index of the first matched character. */
  start: number
}

/**
 * Does `query` (normalised) match `text`: consecutive pieces of the query each match one character,
 * by the character itself, a whole syllable, its initial (also zh/ch/sh), or — for the query's last
 * piece — the beginning of a syllable. With `allowGaps`, characters may be skipped after the first match.
 */
export function matchText(text: IndexedText, query: string, allowGaps: boolean): MatchResult | null {
  if (query === '')
    return { gaps: 0, start: 0 }
  const n = text.chars.length
  const q = query.length
  // best[i][j]: fewest gaps to match query[j..] starting at char i (already started); -1 unknown, Infinity none.
  const memo = new Map<number, number>()

  function from(i: number, j: number): number {
    if (j === q)
      return 0
    if (i === n)
      return Infinity
    const key = i * (q + 1) + j
    const known = memo.get(key)
    if (known !== undefined)
      return known
    let best = Infinity
    for (const next of steps(text.chars[i] as IndexedChar, query, j)) {
      const rest = next === q ? 0 : from(i + 1, next)
      best = Math.min(best, rest)
    }
    if (allowGaps && best > 0)
      best = Math.min(best, 1 + from(i + 1, j))
    memo.set(key, best)
    return best
  }

  let found: MatchResult | null = null
  for (let start = 0; start < n; start++) {
    for (const next of steps(text.chars[start] as IndexedChar, query, 0)) {
      const gaps = next === q ? 0 : from(start + 1, next)
      if (gaps !== Infinity && (!found || gaps < found.gaps))
        found = { gaps, start }
    }
    if (found?.gaps === 0)
      break
  }
  return found
}

/** Query positions reachable after matching one character at query position j. */
function steps(c: IndexedChar, query: string, j: number): number[] {
  const out = new Set<number>()
  const rest = query.slice(j)
  if (rest.startsWith(c.char))
    out.add(j + c.char.length)
  for (const r of c.readings) {
    if (rest.startsWith(r))
      out.add(j + r.length)
    // The last piece may be the start of a syllable: 'shebaok' → …卡.
    else if (r.startsWith(rest))
      out.add(query.length)
    if (r[0] === rest[0])
      out.add(j + 1)
    if (/^[zcs]h/.test(r) && rest.startsWith(r.slice(0, 2)))
      out.add(j + 2)
  }
  return [...out]
}

export interface SearchOptions {
  /** Only items of this department (exact). */
  department?: string | null
  /** Most hits returned. */
  limit?: number
}

/**
 * Items matching `query`, best first: a name match beats an alias, an alias beats a department;
 * a contiguous match beats one with skipped characters; an earlier match beats a later one. An empty
 * query lists every item (of the department) in catalog order.
 */
export function searchItems<T extends Searchable>(index: SearchIndex<T>, query: string, options: SearchOptions = {}): SearchHit<T>[] {
  const q = normalizeQuery(query)
  const pool = options.department ? index.entries.filter(e => e.item.department === options.department) : index.entries
  const hits: (SearchHit<T> & { order: number })[] = []
  pool.forEach((entry, order) => {
    if (q === '') {
      hits.push({ item: entry.item, score: 0, field: 'name', order })
      return
    }
    const candidates: { field: SearchHit<T>['field'], base: number, result: MatchResult | null }[] = [
      { field: 'name', base: 0, result: matchText(entry.name, q, true) },
      ...entry.aliases.map(a => ({ field: 'alias' as const, base: 1000, result: matchText(a, q, true) })),
      { field: 'department', base: 2000, result: matchText(entry.department, q, false) },
    ]
    let best: SearchHit<T> | null = null
    for (const c of candidates) {
      if (!c.result)
        continue
      const score = c.base + c.result.gaps * 10 + c.result.start
      if (!best || score < best.score)
        best = { item: entry.item, score, field: c.field }
    }
    if (best)
      hits.push({ ...best, order })
  })
  hits.sort((a, b) => a.score - b.score || a.order - b.order)
  return hits.slice(0, options.limit ?? hits.length).map(({ order: _order, ...hit }) => hit)
}
