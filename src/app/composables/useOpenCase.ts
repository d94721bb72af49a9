import type { ComputedRef, Ref } from 'vue'
import type { CaseState } from '../../domain/case'
import type { RecordSyncState } from '../stores/sync'
import { computed, ref, toValue, watch } from 'vue'
import { notifyError, notifySuccess } from '../feedback'
import { useCasesStore } from '../stores/cases'
import { usePulledChangesStore } from '../stores/pulledChanges'
import { useSyncStore } from '../stores/sync'
import { useErrorText } from './useErrorText'

export interface UseOpenCaseReturn {
  /** The case, once opened; null while loading or when there is none with this id. */
  caseState: ComputedRef<CaseState | null>
  /** The first read has finished (so a null `caseState` means not found). */
  loaded: Ref<boolean>
  /** Whether its events reached the server. */
  syncState: Ref<RecordSyncState | null>
  /** A step is being recorded. */
  saving: Ref<boolean>
  /** Read the case and its sync state again. */
  refresh: () => Promise<void>
  /** Record a step: on success `then()` runs and `done` is shown; an error is shown and nothing else changes. */
  run: (action: () => Promise<unknown>, done: string, then: () => void) => Promise<void>
}

/** The case a detail screen shows, and recording steps on it with feedback to staff. */
export function useOpenCase(id: () => string): UseOpenCaseReturn {
  const cases = useCasesStore()
  const sync = useSyncStore()
  const errorText = useErrorText()
  const caseState = computed(() => (cases.current?.id === toValue(id) ? cases.current : null))
  const loaded = ref(false)
  const syncState = ref<RecordSyncState | null>(null)
  const saving = ref(false)

  async function refresh(): Promise<void> {
    await cases.open(toValue(id))
    loaded.value = true
    syncState.value = (await sync.recordStates([toValue(id)]))[toValue(id)] ?? null
  }

  async function run(action: () => Promise<unknown>, done: string, then: () => void): Promise<void> {
    saving.value = true
    try {
      await action()
      then()
      notifySuccess(done)
      syncState.value = (await sync.recordStates([toValue(id)]))[toValue(id)] ?? null
    }
    catch (e) {
      notifyError(errorText(e))
    }
    finally {
      saving.value = false
    }
  }

  // Another tablet's step on this case, pulled meanwhile, shows without leaving the page (issue 8 item 7).
  const pulled = usePulledChangesStore()
  pulled.start()
  watch(() => pulled.version, () => {
    if (loaded.value)
      void refresh().catch((e: unknown) => notifyError(errorText(e)))
  })

  return { caseState, loaded, syncState, saving, refresh, run }
}
