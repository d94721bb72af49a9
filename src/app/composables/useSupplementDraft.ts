import type { ComputedRef, Ref } from 'vue'
import type { ProvisionalDue } from '../../domain/calendar'
import type { CaseState, MaterialCheck } from '../../domain/case'
import type { CatalogItem } from '../catalog/catalogItem'
import type { ChecklistResult, MaterialDraft } from '../intake/materialChecklist'
import type { OutcomeChoice } from '../stores/cases'
import { computed, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { notifyError } from '../feedback'
import { checklistFromCheck, evaluateChecklist, undecidedRows } from '../intake/materialChecklist'
import { workCalendar } from '../data'
import { acceptanceDue } from '../stores/cases'

export interface UseSupplementDraftReturn {
  /** The materials checked again, row by row. */
  checklist: Ref<MaterialDraft[]>
  /** Rows still undecided, shown once staff tried to submit. */
  undecided: Ref<number[]>
  /** What the 补正 ends in; cleared when `accept` is no longer possible. */
  outcome: Ref<OutcomeChoice | null>
  check: ComputedRef<ChecklistResult>
  /** The deadline if accepted now. */
  due: ComputedRef<ProvisionalDue | null>
  /** Start from the case's last material check. */
  start: (materials: readonly MaterialCheck[], item: CatalogItem | null) => void
  /** The chosen outcome once every row is decided, or null after saying what is missing. */
  decided: () => OutcomeChoice | null
}

/** 6.3.3.2.2 补正 on the case detail: the checklist again and the outcome it allows. */
export function useSupplementDraft(caseState: Readonly<Ref<CaseState | null>>): UseSupplementDraftReturn {
  const { t } = useI18n()
  const checklist = ref<MaterialDraft[]>([])
  const undecided = ref<number[]>([])
  const outcome = ref<OutcomeChoice | null>(null)
  const check = computed(() => evaluateChecklist(checklist.value))
  const due = computed(() => acceptanceDue(caseState.value?.promisedLimitWorkdays ?? null, workCalendar()))

  function start(materials: readonly MaterialCheck[], item: CatalogItem | null): void {
    checklist.value = checklistFromCheck(materials, item)
    undecided.value = []
    outcome.value = null
  }

  function decided(): OutcomeChoice | null {
    undecided.value = undecidedRows(checklist.value)
    if (undecided.value.length > 0) {
      notifyError(t('intake.errors.decideMaterials', { n: undecided.value.length }))
      return null
    }
    if (!outcome.value)
      notifyError(t('intake.errors.outcomeRequired'))
    return outcome.value
  }

  watch(check, (value) => {
    if (outcome.value === 'accept' && !value.complete)
      outcome.value = null
  })

  return { checklist, undecided, outcome, check, due, start, decided }
}
