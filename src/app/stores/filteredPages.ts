/**
 * Filtered, newest-first pages of an office list endpoint that answers `{ entries, nextBefore }` (the office audit
 * log and the personal-data access log): the first page of a new filter, then `more()` until `nextBefore` is null.
 * Called inside a Pinia setup store, so its refs become the store's state.
 */
import type { z } from 'zod'
import { ref, shallowRef } from 'vue'
import { useOfficeStore } from './office'

const PAGE = 50

/** A page as the endpoint answers it. */
export interface FilteredPage<Entry> { entries: Entry[], nextBefore: string | null }

/** `schema` is the endpoint's page answer in the wire contract (src/domain/protocol/officeAudit.ts). */
export function useFilteredPages<Entry, Filter extends object>(path: string, schema: z.ZodType<FilteredPage<Entry>>) {
  const entries = shallowRef<Entry[]>([])
  const nextBefore = ref<string | null>(null)
  let filter: Filter | Record<string, never> = {}

  async function page(before: string | null): Promise<FilteredPage<Entry>> {
    const qs = new URLSearchParams({ limit: String(PAGE) })
    for (const [key, value] of Object.entries(filter)) {
      if (typeof value === 'string' && value.trim())
        qs.set(key, value.trim())
    }
    if (before)
      qs.set('before', before)
    return useOfficeStore().request(`${path}?${qs.toString()}`, {}, schema)
  }

  /** The first page of a new filter. */
  async function search(next?: Filter): Promise<void> {
    filter = { ...(next ?? {}) }
    const answer = await page(null)
    entries.value = answer.entries
    nextBefore.value = answer.nextBefore
  }

  async function more(): Promise<void> {
    if (!nextBefore.value)
      return
    const answer = await page(nextBefore.value)
    entries.value = [...entries.value, ...answer.entries]
    nextBefore.value = answer.nextBefore
  }

  return { entries, nextBefore, search, more }
}
