/**
 * The cases a search may mean, through indexes only (issue 5: never the whole table): keyed search tokens
 * (data/searchTokens.ts: no personal data in index keys, DESIGN §3), the catalog items the query names, and a
 * case number. Every hit is then checked against the row itself (caseSearch.ts).
 */
import type { CaseState } from '../../domain/case'
import type { ProjectionRow } from '../data'
import { CASE_STREAM_KIND } from '../../domain/case'
import { casesRepo, normaliseSearchText, referenceRepo, searchQueryTokens } from '../data'

/** At most this many hits of one search are read (the most recent); the list says when there were more. */
export const SEARCH_LIMIT = 200

type CaseRow = ProjectionRow<CaseState>

/** The candidate rows, most recently active first; `cut`: more matched than SEARCH_LIMIT. */
export async function findCaseCandidates(query: string): Promise<{ rows: CaseRow[], cut: boolean }> {
  const q = normaliseSearchText(query)
  const plans = searchQueryTokens(query)
  const uuid = /^(?:CASE:)?([0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12})$/.exec(q)?.[1]
  const [byToken, byItem, byId] = await Promise.all([
    plans.length > 0 ? casesRepo.searchByTokens(plans, { limit: SEARCH_LIMIT }) : { rows: [], matched: 0 },
    // The catalog is small: match item names and codes there, then read those items' cases by index.
    q.length >= 2
      ? referenceRepo.list('serviceItems').then((items) => {
          const codes = items.flatMap(i => (typeof i.code === 'string' && (i.code.toUpperCase() === q || (typeof i.name === 'string' && normaliseSearchText(i.name).includes(q))) ? [i.code] : []))
          return codes.length > 0 ? casesRepo.listByItems(codes, { limit: SEARCH_LIMIT }) : []
        })
      : [],
    uuid ? casesRepo.get(`${CASE_STREAM_KIND}:${uuid.toLowerCase()}`) : undefined,
  ])
  const byIdRows = new Map<string, CaseRow>()
  for (const row of [...(byId ? [byId] : []), ...byToken.rows, ...byItem])
    byIdRows.set(row.id, row)
  const rows = [...byIdRows.values()].sort((a, b) => b.lastAt - a.lastAt)
  return { rows, cut: byToken.matched > byToken.rows.length || byItem.length >= SEARCH_LIMIT }
}
