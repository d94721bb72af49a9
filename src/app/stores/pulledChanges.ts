/**
 * Issue 8 item 7: a counter that moves each time a pull lands events on this tablet (data/changes.ts,
 * a Dexie liveQuery), so open lists and the open record read themselves again — a second tablet's work
 * appears without a reload.
 */
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import { watchPulledEvents } from '../data'

export const usePulledChangesStore = defineStore('pulledChanges', () => {
  /** Bumped once per pulled page that brought events. */
  const version = ref(0)
  let stop: (() => void) | null = null

  /** Starts watching (once; later calls do nothing). */
  function start(): void {
    stop ??= watchPulledEvents(() => {
      version.value++
    })
  }

  function dispose(): void {
    stop?.()
    stop = null
  }

  return { version, start, dispose }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(usePulledChangesStore, import.meta.hot))
