import type { Ref, ShallowRef } from 'vue'
import type { CaseState, MaterialCheck } from '../../domain/case'
import type { EntrustmentDraft } from '../entrustment/entrustmentForm'
import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { defaultEntrustment, entrustmentProblems, handoverFromChecklist } from '../entrustment/entrustmentForm'
import { notifyError } from '../feedback'
import { useSessionStore } from '../stores/session'

export interface UseEntrustmentDraftReturn {
  /** The 委托书 being filled in; null when none is. */
  draft: Ref<EntrustmentDraft | null>
  /** The principal's signature (PNG) on it. */
  signature: ShallowRef<Blob | null>
  /** What is still wrong with it, shown once staff tried to save. */
  problems: Ref<string[]>
  /** A 委托书 prefilled as in the intake: the applicant, the signed-in staff member, the item, what was handed over. */
  prefilled: (materials: readonly MaterialCheck[]) => EntrustmentDraft
  /** Start over with `draft` (or none), unsigned. */
  reset: (draft: EntrustmentDraft | null) => void
  /** The signed 委托书, or null after showing what is missing. */
  signed: () => { draft: EntrustmentDraft, signature: Blob } | null
}

/** 6.3.4.2: the 委托书 signed on the case detail of a 代办 case that has none yet. */
export function useEntrustmentDraft(caseState: Readonly<Ref<CaseState | null>>): UseEntrustmentDraftReturn {
  const { t } = useI18n()
  const session = useSessionStore()
  const draft = ref<EntrustmentDraft | null>(null)
  const signature = shallowRef<Blob | null>(null)
  const problems = ref<string[]>([])

  function prefilled(materials: readonly MaterialCheck[]): EntrustmentDraft {
    const state = caseState.value
    if (!state)
      throw new Error('no case open')
    return defaultEntrustment({
      principal: state.applicant,
      agent: { staffId: session.staff?.id ?? '', name: session.staff?.name ?? '' },
      item: { itemCode: state.itemCode, itemName: state.itemName },
      materials: handoverFromChecklist(materials),
    })
  }

  function reset(next: EntrustmentDraft | null): void {
    draft.value = next
    signature.value = null
    problems.value = []
  }

  function signed(): { draft: EntrustmentDraft, signature: Blob } | null {
    problems.value = draft.value ? entrustmentProblems(draft.value, signature.value) : ['signatureRequired']
    if (problems.value.length > 0 || !draft.value || !signature.value) {
      notifyError(t(`entrustment.errors.${problems.value[0] ?? 'signatureRequired'}`))
      return null
    }
    return { draft: draft.value, signature: signature.value }
  }

  return { draft, signature, problems, prefilled, reset, signed }
}
