/**
 * Retention purge on this tablet (issue 11 item 4): in the background, after start-up and after each sync,
 * personal values of synced records older than the office's retention setting (personalRetentionDaysTablet,
 * pulled with the reference data; default 90 days) become tombstones (data/purge.ts). Progress (n of m)
 * drives the shell's banner; unsynced records are never touched.
 */
import type { PurgeProgress } from '../data'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { retentionDays, TABLET_RETENTION_DAYS_DEFAULT, TABLET_RETENTION_SETTING } from '../../domain/personalFields'
import { metaRepo, purgeExpiredPersonalData, referenceRepo } from '../data'

export interface PurgeRunOptions {
  now?: Date
  chunkSize?: number
  /** Run even when a purge finished less than RUN_EVERY_MS ago (the banner's retry). */
  force?: boolean
}

/** After each sync at most this often: a run re-reads every old record, and nothing new ages by the minute. */
export const RUN_EVERY_MS = 6 * 3600_000

export const useRetentionStore = defineStore('retention', () => {
  const purging = ref(false)
  const done = ref(0)
  const total = ref(0)
  const days = ref(TABLET_RETENTION_DAYS_DEFAULT)
  const error = shallowRef<unknown>(null)
  /** The last finished run's counts. */
  const last = shallowRef<PurgeProgress | null>(null)
  const percent = computed(() => (total.value > 0 ? Math.floor((done.value / total.value) * 100) : 0))

  let running: Promise<void> | null = null

  /** Run a purge now (at once when one is running: resolves with it). */
  function run(options: PurgeRunOptions = {}): Promise<void> {
    running ??= (async () => {
      try {
        const lastRun = await metaRepo.get('personalPurgedAt')
        const now = options.now ?? new Date()
        if (!options.force && lastRun && now.getTime() - Date.parse(lastRun) < RUN_EVERY_MS && now.getTime() >= Date.parse(lastRun))
          return
        const setting = await referenceRepo.get('settings', TABLET_RETENTION_SETTING)
        days.value = retentionDays(setting?.value, TABLET_RETENTION_DAYS_DEFAULT)
        error.value = null
        done.value = 0
        total.value = 0
        last.value = await purgeExpiredPersonalData({
          retentionDays: days.value,
          now: options.now,
          chunkSize: options.chunkSize,
          onProgress: (p) => {
            // Show the banner only when there is something to look at.
            purging.value = p.total > 0 && p.done < p.total
            done.value = p.done
            total.value = p.total
          },
        })
      }
      catch (e) {
        error.value = e
      }
      finally {
        purging.value = false
        running = null
      }
    })()
    return running
  }

  return { purging, done, total, days, error, last, percent, run }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useRetentionStore, import.meta.hot))
