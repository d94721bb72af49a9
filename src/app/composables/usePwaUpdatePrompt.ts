import type { ComputedRef, Ref } from 'vue'
import { storeToRefs } from 'pinia'
import { computed, watch } from 'vue'
import { useFormGuardStore } from '../stores/formGuard'
import { usePwaUpdateStore } from '../stores/pwaUpdate'

export interface UsePwaUpdatePromptReturn {
  /** A new version is waiting. */
  needRefresh: Ref<boolean>
  /** Staff accepted, but a form is still open: the banner asks them to finish or save it. */
  waitingForForms: ComputedRef<boolean>
  applying: Ref<boolean>
  offlineReady: Ref<boolean>
  /** Staff tapped "update now". */
  accept: () => Promise<boolean>
  dismiss: () => void
  dismissOfflineReady: () => void
}

/**
 * The update banner's logic: accepting applies at once when no form is open, otherwise as soon
 * as the last open form closes. Use it in one place (the app-wide banner).
 */
export function usePwaUpdatePrompt(): UsePwaUpdatePromptReturn {
  const update = usePwaUpdateStore()
  const forms = useFormGuardStore()
  const { needRefresh, applyRequested, applying, offlineReady } = storeToRefs(update)
  const { hasOpenForm } = storeToRefs(forms)

  watch(hasOpenForm, (open) => {
    if (!open)
      void update.applyIfRequested()
  })

  return {
    needRefresh,
    waitingForForms: computed(() => applyRequested.value && hasOpenForm.value),
    applying,
    offlineReady,
    accept: () => update.requestUpdate(),
    dismiss: update.dismiss,
    dismissOfflineReady: update.dismissOfflineReady,
  }
}
