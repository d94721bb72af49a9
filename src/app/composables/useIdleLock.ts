/**
 * Locks the counter after the `idleLockMinutes` setting (default 5) without touch, mouse or keyboard
 * input (issue 3 item 4). @vueuse/core `useIdle` reports activity, which moves the session's expiry
 * (session.keepAlive); a one-second check locks once it has passed (session.lockIfExpired). The expiry,
 * not a timer of this page, decides, so a session restored after a reload keeps the expiry it had
 * (issue 14 item 8). Follows a changed setting after a pull.
 *
 * Never in front of a citizen: while a customer-facing screen (the rating screen) is open, the staff lock
 * waits; that screen goes back to the lock screen by itself after CITIZEN_IDLE_MS (useCitizenScreenIdle).
 */
import type { EffectScope } from 'vue'
import { tryOnScopeDispose, useIdle, useIntervalFn } from '@vueuse/core'
import { effectScope, ref, watch } from 'vue'
import { useSessionStore } from '../stores/session'

/** How long a customer-facing screen waits for a touch before it goes back to the lock screen. */
export const CITIZEN_IDLE_MS = 2 * 60_000

/** Customer-facing screens open now; while any is, the staff PIN panel never pops up in front of the citizen. */
const citizenScreens = ref(0)

/**
 * For a customer-facing screen: holds the staff idle lock while mounted, and calls `onIdle` after `ms`
 * without touch, mouse or keyboard input (the screen then leaves for the lock screen).
 */
export function useCitizenScreenIdle(onIdle: () => void, ms: number = CITIZEN_IDLE_MS): void {
  citizenScreens.value++
  const { idle } = useIdle(ms)
  watch(idle, (isIdle) => {
    if (isIdle)
      onIdle()
  })
  tryOnScopeDispose(() => {
    citizenScreens.value--
  })
}

export interface UseIdleLockReturn {
  /** Stop watching (also done when the calling scope ends). */
  stop: () => void
}

export function useIdleLock(): UseIdleLockReturn {
  const session = useSessionStore()
  let inner: EffectScope | null = null

  function arm(minutes: number): void {
    inner?.stop()
    inner = effectScope()
    inner.run(() => {
      const { lastActive } = useIdle(minutes * 60_000)
      watch(lastActive, at => session.keepAlive(at), { flush: 'sync' })
      useIntervalFn(() => {
        if (citizenScreens.value === 0)
          session.lockIfExpired(Date.now())
      }, 1000)
    })
  }

  const stopWatch = watch(() => session.idleLockMinutes, arm, { immediate: true })

  function stop(): void {
    stopWatch()
    inner?.stop()
    inner = null
  }
  tryOnScopeDispose(stop)
  return { stop }
}
