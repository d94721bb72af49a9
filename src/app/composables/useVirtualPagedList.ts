/**
 * Issue 5: a list view over a paged store list (usePagedRecords), shared by the case list and the
 * consultation register. Only the rows in view are drawn (virtual list, fixed row height); the next page
 * loads when the view comes within `prefetchRows` of the end of what is loaded; the list is found again
 * when its query or filters change, on mount, when a background rebuild finishes (search tokens and
 * index fields then cover every record), and when a pull lands another tablet's records (issue 8 item 7).
 */
import type { Ref, WatchSource } from 'vue'
import { useVirtualList } from '@vueuse/core'
import { onMounted, watch } from 'vue'
import { useMaintenanceStore } from '../stores/maintenance'
import { usePulledChangesStore } from '../stores/pulledChanges'

export interface VirtualPagedListOptions {
  /** Height of one row in px, gap included: the virtual list needs it fixed. */
  itemHeight: number
  /** Load the next page when the view comes this close to the end of what is loaded. */
  prefetchRows?: number
  /** The query and filters: find() again when one changes. */
  filters: WatchSource[]
  /** Find the rows for the current query and filters (a later answer supersedes an earlier one in the store). */
  find: () => Promise<void>
  hasMore: () => boolean
  loadMore: () => Promise<void>
}

export function useVirtualPagedList<T>(rows: Ref<T[]>, options: VirtualPagedListOptions): ReturnType<typeof useVirtualList<T>> {
  const { itemHeight, prefetchRows = 15, filters, find, hasMore, loadMore } = options
  const maintenance = useMaintenanceStore()
  const virtual = useVirtualList(rows, { itemHeight, overscan: 8 })

  const pulled = usePulledChangesStore()
  pulled.start()

  watch(filters, find)
  watch(() => maintenance.finishedAt, find)
  watch(() => pulled.version, find)

  watch(virtual.list, (visible) => {
    const last = visible[visible.length - 1]
    if (hasMore() && last && last.index >= rows.value.length - prefetchRows)
      void loadMore()
  })

  onMounted(find)
  return virtual
}
