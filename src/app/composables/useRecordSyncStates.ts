/**
 * Each listed record's sync state (issue 3 item 6: pending, synced, needs attention) for a list or a
 * detail header. Re-read when the listed records change (a reload after a local write gives new rows),
 * when a sync finishes (lastSyncAt), and when the pending or needs-attention counts move (local writes,
 * pushes, rejections). The rule is the sync store's recordStates.
 */
import type { ShallowRef, WatchSource } from 'vue'
import type { RecordSyncState } from '../stores/sync'
import { shallowRef, watch } from 'vue'
import { useSyncStore } from '../stores/sync'

/**
 * `streams` gives the record ids shown; it should return a new array whenever its rows were reloaded
 * (e.g. `() => rows.value.map(r => r.id)`), so a local write on the same records still refreshes them.
 */
export function useRecordSyncStates(streams: WatchSource<readonly string[]>): ShallowRef<Readonly<Record<string, RecordSyncState>>> {
  const sync = useSyncStore()
  const states = shallowRef<Readonly<Record<string, RecordSyncState>>>({})
  let run = 0

  async function refresh(ids: readonly string[]): Promise<void> {
    const mine = ++run
    const next = ids.length > 0 ? await sync.recordStates(ids) : {}
    if (mine === run)
      states.value = next
  }

  watch(
    [streams, () => sync.lastSyncAt, () => sync.pendingCount, () => sync.myPendingCount, () => sync.attentionCount],
    ([ids]) => {
      // Badges that cannot be read keep their last state and are read again at the next sync or write.
      void refresh(ids).catch(() => undefined)
    },
    { immediate: true },
  )

  return states
}
