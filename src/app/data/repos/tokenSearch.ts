/**
 * Search of one projection table through its search tokens (keyed hashes, searchTokens.ts): only primary keys
 * are read per token, rows only for the ids that make the cut.
 */
import type { ProjectionRow, ProjectionState } from '../rows'
import type { ProjectionKind } from '../schema'
import type { SearchTokenKind } from '../searchTokens'
import { database } from '../db'
import { normaliseSearchText, phoneDigits, prepareSearchTokens } from '../searchTokens'

/** Rows found through search tokens: the most recently created `limit` of them, and how many matched in all. */
export interface TokenSearchResult<R> {
  rows: R[]
  /** Ids matched before the limit (more than rows.length: the search was cut). */
  matched: number
}

export interface TokenSearchOptions {
  /** At most this many rows are read (default 200). */
  limit?: number
}

export interface TokenSearch<S extends ProjectionState> {
  /** Rows whose `kind` token of `value` matches (e.g. 'm', '13800138000'), via the searchTokens index. */
  searchByToken: (kind: SearchTokenKind, value: string, options?: TokenSearchOptions) => Promise<TokenSearchResult<ProjectionRow<S>>>
  /**
   * Rows matching any of the plans, each a list of plain tokens that must all match (searchQueryTokens).
   * Only primary keys are read per token; rows are read for the most recently created `limit` ids alone.
   */
  searchByTokens: (plans: readonly (readonly string[])[], options?: TokenSearchOptions) => Promise<TokenSearchResult<ProjectionRow<S>>>
}

/** Normalise a value as its token kind stores it. */
function tokenValue(kind: SearchTokenKind, value: string): string {
  return kind === 'm' || kind === 'm4' ? phoneDigits(value) : normaliseSearchText(value)
}

/** Up to this many candidates, a multi-token search checks the rows' own tokens instead of reading more index keys. */
const VERIFY_BY_ROW_LIMIT = 400

/** The token searches of the projection of one stream kind. */
export function tokenSearch<S extends ProjectionState = ProjectionState>(kind: ProjectionKind): TokenSearch<S> {
  const table = () => database().projection(kind)
  /** Ids of rows carrying every one of `hashes`; rows read on the way are kept in `seen`. */
  const planMatches = async (hashes: readonly string[], seen: Map<string, ProjectionRow>): Promise<string[]> => {
    const keysOf = (hash: string) => table().where('searchTokens').equals(hash).primaryKeys() as Promise<string[]>
    const [only] = hashes
    if (hashes.length === 1 && only !== undefined)
      return keysOf(only)
    // Rarest token first: a common name piece (小明 in thousands of cases) must not cost a read of all its keys.
    const counts = await Promise.all(hashes.map(h => table().where('searchTokens').equals(h).count()))
    const order = hashes.map((hash, i) => ({ hash, count: counts[i] ?? 0 })).sort((a, b) => a.count - b.count)
    const [rarest, ...rest] = order
    if (!rarest || rarest.count === 0)
      return []
    let hit = await keysOf(rarest.hash)
    if (hit.length <= VERIFY_BY_ROW_LIMIT) {
      // Few candidates: their rows carry their tokens, so one bulk read settles the rest of the plan.
      const rows = (await table().bulkGet(hit)).filter((r): r is ProjectionRow => r !== undefined)
      const matched = rows.filter((r) => {
        const tokens = (r as ProjectionRow & { searchTokens?: readonly string[] }).searchTokens ?? []
        return rest.every(o => tokens.includes(o.hash))
      })
      for (const r of matched)
        seen.set(r.id, r)
      return matched.map(r => r.id)
    }
    for (const { hash } of rest) {
      const keys = new Set(await keysOf(hash))
      hit = hit.filter(k => keys.has(k))
      if (hit.length === 0)
        break
    }
    return hit
  }
  const searchByTokens: TokenSearch<S>['searchByTokens'] = async (plans, { limit = 200 } = {}) => {
    const tokenizer = await prepareSearchTokens(database())
    const ids = new Set<string>()
    const seen = new Map<string, ProjectionRow>()
    for (const plan of plans) {
      for (const id of await planMatches([...new Set(plan)].map(p => tokenizer.hash(p)), seen))
        ids.add(id)
    }
    // Stream ids end in a UUIDv7, time-ordered: the highest ids are the most recently created records.
    const top = [...ids].sort().reverse().slice(0, limit)
    const unread = top.filter(id => !seen.has(id))
    const fetched = unread.length > 0 ? (await table().bulkGet(unread)).filter((r): r is ProjectionRow => r !== undefined) : []
    for (const r of fetched)
      seen.set(r.id, r)
    const rows = top.flatMap(id => seen.get(id) ?? []) as ProjectionRow<S>[]
    return { rows: rows.sort((a, b) => b.lastAt - a.lastAt), matched: ids.size }
  }
  return {
    searchByToken: (tokenKind, value, options) => searchByTokens([[`${tokenKind}:${tokenValue(tokenKind, value)}`]], options),
    searchByTokens,
  }
}
