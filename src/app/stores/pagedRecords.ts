/**
 * A list that pages from the projection's indexes or shows one search's hits (issue 5: never the whole
 * table), shared by the case list and the consultation register. find() answers a query and a filter:
 * a non-empty query goes to `search` (hits already checked against each row, most recent first), an
 * empty one to `firstPage`; loadMore() appends `nextPage` on scroll. The newest find() wins: an older
 * answer arriving late is dropped, and so is a page loaded for a list that has since been replaced.
 */
import type { Ref, ShallowRef } from 'vue'
import type { Page, PageCursor } from '../data'
import { ref, shallowRef } from 'vue'
import { normaliseSearchText } from '../data'

export interface PagedRecordsSource<Row, Filter> {
  /** The rows matching a non-empty `query` and `filter`; `cut` when not all hits were read. */
  search: (query: string, filter: Filter, now: Date) => Promise<{ rows: Row[], cut: boolean }>
  /** The first page of the unsearched list under `filter`. */
  firstPage: (filter: Filter, now: Date) => Promise<Page<Row>>
  /** The page after `after` of the unsearched list under `filter`. */
  nextPage: (filter: Filter, after: PageCursor) => Promise<Page<Row>>
}

export interface PagedRecords<Row, Filter> {
  /** The list as far as it is loaded (pages, or a search's hits). */
  rows: ShallowRef<Row[]>
  /** The search matched more than it read: only the most recent are shown. */
  truncated: Ref<boolean>
  /** More pages can be loaded (loadMore). */
  hasMore: Ref<boolean>
  /** What the list shows: the query and filter of the last find(). */
  shownQuery: Ref<string>
  shownFilter: ShallowRef<Filter>
  loading: Ref<boolean>
  /** Show the rows matching `query` and `filter` (the first page when there is no query). */
  find: (query: string, filter: Filter, now?: Date) => Promise<void>
  /** The next page of the unsearched list (on scroll). */
  loadMore: () => Promise<void>
}

export function usePagedRecords<Row, Filter>(source: PagedRecordsSource<Row, Filter>, initialFilter: Filter): PagedRecords<Row, Filter> {
  const rows = shallowRef<Row[]>([])
  const truncated = ref(false)
  const hasMore = ref(false)
  const shownQuery = ref('')
  const shownFilter = shallowRef<Filter>(initialFilter)
  const loading = ref(false)
  let next: PageCursor | null = null
  let generation = 0

  async function find(query: string, filter: Filter, now: Date = new Date()): Promise<void> {
    const mine = ++generation
    shownQuery.value = query
    shownFilter.value = filter
    loading.value = true
    try {
      let found: Row[]
      let cut = false
      next = null
      if (normaliseSearchText(query) !== '') {
        const hits = await source.search(query, filter, now)
        found = hits.rows
        cut = hits.cut
      }
      else {
        const page = await source.firstPage(filter, now)
        found = page.rows
        next = page.next
      }
      if (mine !== generation)
        return // a newer find() answers instead
      rows.value = found
      truncated.value = cut
      hasMore.value = next !== null
    }
    finally {
      if (mine === generation)
        loading.value = false
    }
  }

  async function loadMore(): Promise<void> {
    if (!next || loading.value)
      return
    const mine = generation
    loading.value = true
    try {
      const page = await source.nextPage(shownFilter.value, next)
      if (mine !== generation)
        return
      rows.value = [...rows.value, ...page.rows]
      next = page.next
      hasMore.value = next !== null
    }
    finally {
      if (mine === generation)
        loading.value = false
    }
  }

  return { rows, truncated, hasMore, shownQuery, shownFilter, loading, find, loadMore }
}
