/**
 * The sync header's own counts, beside the engine's status: the signed-in staff member's unsent events and the
 * records whose facts conflict. Called inside the sync store's setup, so its refs become the store's state.
 */
import { ref } from 'vue'
import { casesRepo, consultationsRepo, outboxRepo } from '../data'

export function useSyncCounts(staffId: () => string | undefined) {
  /** The signed-in staff member's unsent events (never another's). */
  const myPendingCount = ref(0)
  /** Projections (cases, consultations) whose facts conflict. */
  const conflictCount = ref(0)
  let countsRun = 0

  async function refreshMine(): Promise<void> {
    const run = ++countsRun
    const id = staffId()
    const [mine, conflicts] = await Promise.all([
      id ? outboxRepo.count(id) : Promise.resolve(0),
      Promise.all([casesRepo.countNeedingAttention(), consultationsRepo.countNeedingAttention()]).then(([a, b]) => a + b),
    ])
    if (run === countsRun) {
      myPendingCount.value = mine
      conflictCount.value = conflicts
    }
  }

  /**
   * The counts, when nothing waits on them: a count that cannot be read keeps its last value and is read again
   * at the next status change or write, so that failure is not one for staff to act on.
   */
  async function recount(): Promise<void> {
    await refreshMine().catch(() => undefined)
  }

  return { myPendingCount, conflictCount, refreshMine, recount }
}
