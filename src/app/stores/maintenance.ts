/**
 * Background upkeep of this tablet's data (issue 5 item 5): after a schema upgrade (or an interrupted rebuild,
 * or a lost search key) the projections are refolded in the background, chunk by chunk, while the counter
 * keeps working; lists read what is there meanwhile. Progress (n of m) drives the shell's banner.
 * First, the stored calendar years are put to use (DOMAIN.md 暂定): registered, and the dues waiting on them recounted.
 */
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { applyStoredCalendarYears, dataKeyReady, legacySealPending, projectionRebuildPending, rebuildProjections, sealLegacyData } from '../data'

export interface RebuildRunOptions {
  /** Streams refolded per transaction (default 200: a few milliseconds of work between yields). */
  chunkSize?: number
}

export const useMaintenanceStore = defineStore('maintenance', () => {
  /** A rebuild is running. */
  const rebuilding = ref(false)
  /** Streams refolded so far, of `total`. */
  const done = ref(0)
  const total = ref(0)
  /** Why the last rebuild stopped (it resumes from where it stopped on the next run). */
  const error = shallowRef<unknown>(null)
  /** When a rebuild last finished here (ISO), so lists can read again. */
  const finishedAt = ref<string | null>(null)
  const percent = computed(() => (total.value > 0 ? Math.floor((done.value / total.value) * 100) : 0))

  let running: Promise<void> | null = null

  /** Run a pending rebuild, resuming an interrupted one; resolves when it ends (at once when none is due or one runs). */
  function resume(options: RebuildRunOptions = {}): Promise<void> {
    running ??= (async () => {
      try {
        // Locked: nothing can be sealed or tokenised; main.ts runs this again when a staff member signs in.
        if (!dataKeyReady())
          return
        // Plaintext from before encryption at rest (v8), sealed first: the rebuild then folds sealed events.
        if (await legacySealPending()) {
          rebuilding.value = true
          await sealLegacyData((p) => {
            done.value = p.done
            total.value = p.total
          })
        }
        // Before any rebuild, so it folds with every year this tablet holds.
        if (await applyStoredCalendarYears() > 0)
          finishedAt.value = new Date().toISOString()
        if (!await projectionRebuildPending())
          return
        rebuilding.value = true
        error.value = null
        await rebuildProjections((p) => {
          done.value = p.done
          total.value = p.total
        }, { resume: true, chunkSize: options.chunkSize })
        finishedAt.value = new Date().toISOString()
      }
      catch (e) {
        error.value = e
      }
      finally {
        rebuilding.value = false
        running = null
      }
    })()
    return running
  }

  return { rebuilding, done, total, error, finishedAt, percent, resume }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useMaintenanceStore, import.meta.hot))
