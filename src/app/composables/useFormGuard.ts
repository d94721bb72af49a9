import type { MaybeRefOrGetter, Ref } from 'vue'
import { tryOnScopeDispose, useEventListener } from '@vueuse/core'
import { readonly, ref, toValue, watch } from 'vue'
import { useFormGuardStore } from '../stores/formGuard'

export interface UseFormGuardOptions {
  /** Names the form in the registry, e.g. 'consultation'. */
  label?: string
  /** Also ask the browser to confirm closing the tab while unsaved. Default true. */
  confirmUnload?: boolean
}

export interface UseFormGuardReturn {
  /** True while this form is registered as holding unsaved input. */
  isGuarding: Readonly<Ref<boolean>>
  /** Releases the guard now (e.g. right after saving), whatever `dirty` says. */
  release: () => void
}

/**
 * Keeps app updates (and tab closes) from discarding a form's unsaved input.
 * Call it in a form's setup with its dirty state: `useFormGuard(() => draft.value !== null)`.
 * The guard is held while `dirty` is true and released on unmount.
 */
export function useFormGuard(dirty: MaybeRefOrGetter<boolean> = true, options: UseFormGuardOptions = {}): UseFormGuardReturn {
  const { label = 'form', confirmUnload = true } = options
  const store = useFormGuardStore()
  const isGuarding = ref(false)
  let releaseFn: (() => void) | null = null

  function release(): void {
    releaseFn?.()
    releaseFn = null
    isGuarding.value = false
  }

  watch(() => toValue(dirty), (isDirty) => {
    if (isDirty && !releaseFn) {
      releaseFn = store.open(label)
      isGuarding.value = true
    }
    else if (!isDirty) {
      release()
    }
  }, { immediate: true })

  if (confirmUnload && typeof window !== 'undefined') {
    useEventListener(window, 'beforeunload', (event: BeforeUnloadEvent) => {
      if (isGuarding.value)
        event.preventDefault()
    })
  }

  tryOnScopeDispose(release)

  return { isGuarding: readonly(isGuarding), release }
}
