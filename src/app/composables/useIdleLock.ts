/**
 * Locks the counter after the `idleLockMinutes` setting (default 5) without touch, mouse or keyboard
 * input (issue 3 item 4), with @vueuse/core `useIdle`. Follows a changed setting after a pull.
 */
import type { EffectScope } from 'vue'
import { tryOnScopeDispose, useIdle } from '@vueuse/core'
import { effectScope, watch } from 'vue'
import { useSessionStore } from '../stores/session'

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
      const { idle } = useIdle(minutes * 60_000)
      watch(idle, (isIdle) => {
        if (isIdle && session.signedIn)
          session.lock()
      })
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
