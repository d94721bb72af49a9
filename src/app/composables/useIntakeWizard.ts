/**
 * The intake wizard's state and decisions (6.3.2), kept out of IntakeView (issue 13 item 8): the steps
 * (source) → kind (帮办方式 for a 帮办) → item → applicant → materials → decision → done, what each step needs
 * before it may be left, the 代办 委托书 drafted when accepting, the intake recorded through the cases store, and
 * the prefill of a check-in from an appointment. The source step shows only when there is a choice to make (a
 * check-in presets it through the route); kind and item go on by themselves when picked, and a decision that
 * needs nothing more (受理 of a complete 帮办/收件, 一次性告知) is recorded on the tap.
 */
import type { AssistMode, CaseKind } from '../../domain/case'
import type { CatalogItem } from '../catalog/catalogItem'
import type { MissingMaterial } from '../catalog/oneTimeNotice'
import type { EntrustmentDraft } from '../entrustment/entrustmentForm'
import type { ApplicantField, FieldProblem } from '../intake/applicantForm'
import type { IntakeSource } from '../intake/intakeFlow'
import type { MaterialDraft } from '../intake/materialChecklist'
import type { OutcomeChoice } from '../stores/cases'
import { useIntervalFn, useNow } from '@vueuse/core'
import { computed, nextTick, onMounted, ref, shallowRef, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute } from 'vue-router'
import { defaultEntrustment, entrustmentProblems, handoverFromChecklist } from '../entrustment/entrustmentForm'
import { notifyError, notifySuccess } from '../feedback'
import { applicantPayload, emptyApplicant, isApplicantDirty, validateApplicant } from '../intake/applicantForm'
import { intakeSourceFromQuery, markAllProvided } from '../intake/intakeFlow'
import { workCalendar } from '../data'
import { checklistFor, evaluateChecklist, undecidedRows } from '../intake/materialChecklist'
import { acceptanceDue, useCasesStore } from '../stores/cases'
import { useCatalogStore } from '../stores/catalog'
import { useSessionStore } from '../stores/session'
import { useAppointmentIntake } from './useAppointmentIntake'
import { useFormGuard } from './useFormGuard'
import { useSteps } from './useSteps'
import { useErrorText } from './useErrorText'

/** An intake step. */
export type Step = 'source' | 'kind' | 'item' | 'applicant' | 'materials' | 'outcome' | 'done'
const LATER_STEPS: readonly Step[] = ['kind', 'item', 'applicant', 'materials', 'outcome', 'done']

/** The intake wizard of IntakeView: its state, the step rules, recording and the appointment prefill. */
export function useIntakeWizard() {
  const { t } = useI18n()
  const errorText = useErrorText()
  const route = useRoute()

  const sourceChoice = intakeSourceFromQuery(route.query)
  const STEPS: readonly Step[] = sourceChoice.ask ? ['source', ...LATER_STEPS] : LATER_STEPS
  const cases = useCasesStore()
  const catalog = useCatalogStore()
  const session = useSessionStore()
  const now = useNow({ scheduler: cb => useIntervalFn(cb, 60_000) })

  // Walk-in unless the route says otherwise; a check-in's appointment is confirmed by prefillFromAppointment.
  const source = ref<IntakeSource>('walkIn')
  // 6.3.1: the checked-in appointment this intake comes from (/intake?appointment=<stream>), shown on the first step.
  const appointmentId = ref<string | null>(null)
  const appointmentLabel = ref<string | null>(null)
  const kind = ref<CaseKind | null>(null)
  const assistMode = ref<AssistMode | null>(null)
  const item = shallowRef<CatalogItem | null>(null)
  const applicant = ref(emptyApplicant())
  const checklist = ref<MaterialDraft[]>([])
  const outcome = ref<OutcomeChoice | null>(null)
  const returnReason = ref('')
  const applicantProblems = ref<Partial<Record<ApplicantField, FieldProblem>>>({})
  const undecided = ref<number[]>([])
  const reasonError = ref('')
  const saving = ref(false)
  const missing = ref<MissingMaterial[]>([])
  // 6.3.4.2: a 代办 acceptance carries the 委托书 signed now.
  const entrustment = ref<EntrustmentDraft | null>(null)
  const signature = shallowRef<Blob | null>(null)
  const entrustmentErrors = ref<string[]>([])
  const needsEntrustment = computed(() => kind.value === 'proxy' && outcome.value === 'accept')

  const steps = useSteps(STEPS, { canLeave })
  const dirty = computed(() => steps.current.value !== 'done' && (kind.value !== null || item.value !== null || isApplicantDirty(applicant.value)))
  const guard = useFormGuard(dirty, { label: 'intake' })
  const check = computed(() => evaluateChecklist(checklist.value))
  const due = computed(() => acceptanceDue(item.value?.promisedLimitWorkdays ?? null, workCalendar(), now.value))

  function canLeave(step: Step): boolean {
    switch (step) {
      case 'kind':
        if (!kind.value)
          notifyError(t('intake.errors.kindRequired'))
        else if (kind.value === 'assisted' && !assistMode.value)
          notifyError(t('firstDay.intake.assistModeRequired'))
        return kind.value !== null && (kind.value !== 'assisted' || assistMode.value !== null)
      case 'item':
        if (!item.value)
          notifyError(t('intake.errors.itemRequired'))
        return item.value !== null
      case 'applicant':
        applicantProblems.value = validateApplicant(applicant.value)
        if (Object.keys(applicantProblems.value).length > 0)
          notifyError(t('intake.errors.fixApplicant'))
        return Object.keys(applicantProblems.value).length === 0
      case 'materials':
        undecided.value = undecidedRows(checklist.value)
        if (undecided.value.length > 0)
          notifyError(t('intake.errors.decideMaterials', { n: undecided.value.length }))
        return undecided.value.length === 0
      case 'outcome':
      case 'done':
        return false
      default:
        return true
    }
  }

  // A new item brings its own checklist (a changed mind on the item starts the check again).
  watch(item, (chosen, before) => {
    if (chosen && chosen.code !== before?.code) {
      checklist.value = checklistFor(chosen)
      undecided.value = []
    }
  })
  watch(item, (chosen, before) => {
    if (chosen && !before && steps.current.value === 'item')
      void nextTick(() => steps.next())
  })
  watch(needsEntrustment, (needed) => {
    const staff = session.staff
    if (!needed || !item.value || !staff) {
      entrustment.value = null
      signature.value = null
      return
    }
    entrustment.value = defaultEntrustment({
      principal: applicantPayload(applicant.value),
      agent: { staffId: staff.id, name: staff.name },
      item: { itemCode: item.value.code, itemName: item.value.name },
      materials: handoverFromChecklist(check.value.checks),
    })
    entrustmentErrors.value = []
  })
  watch(check, (c) => {
    if (outcome.value === 'accept' && !c.complete)
      outcome.value = null
  })

  /** 受理 of a complete 帮办/收件 and 一次性告知 need nothing more: the tap records them. 退件 asks a reason, 代办 a signature. */
  function decide(choice: OutcomeChoice | null): void {
    outcome.value = choice
    if (choice === 'notice' || (choice === 'accept' && kind.value !== 'proxy'))
      void submit()
  }

  function allProvided(): void {
    checklist.value = markAllProvided(checklist.value)
    steps.next()
  }

  async function submit(): Promise<void> {
    if (!outcome.value || !kind.value || !item.value) {
      notifyError(t('intake.errors.outcomeRequired'))
      return
    }
    reasonError.value = outcome.value === 'return' && returnReason.value.trim() === '' ? t('intake.errors.returnReasonRequired') : ''
    if (reasonError.value)
      return
    entrustmentErrors.value = needsEntrustment.value ? (entrustment.value ? entrustmentProblems(entrustment.value, signature.value) : ['signatureRequired']) : []
    if (entrustmentErrors.value.length > 0) {
      notifyError(t(`entrustment.errors.${entrustmentErrors.value[0]}`))
      return
    }
    saving.value = true
    try {
      const result = await cases.intake({
        kind: kind.value,
        item: item.value,
        applicant: applicantPayload(applicant.value),
        checklist: checklist.value,
        outcome: outcome.value === 'return' ? { type: 'return', reason: returnReason.value } : { type: outcome.value },
        entrustment: needsEntrustment.value && entrustment.value && signature.value ? { draft: entrustment.value, signature: signature.value } : null,
        assistMode: kind.value === 'assisted' ? assistMode.value : null,
        appointmentId: source.value === 'appointment' ? appointmentId.value : null,
      })
      missing.value = result.missing
      guard.release()
      steps.current.value = 'done'
      notifySuccess(t(`intake.saved.${outcome.value}`))
    }
    catch (e) {
      notifyError(errorText(e))
    }
    finally {
      saving.value = false
    }
  }

  function print(): void {
    window.print()
  }

  function again(): void {
    kind.value = null
    assistMode.value = null
    item.value = null
    applicant.value = emptyApplicant()
    checklist.value = []
    outcome.value = null
    returnReason.value = ''
    missing.value = []
    entrustment.value = null
    signature.value = null
    applicantProblems.value = {}
    source.value = 'walkIn'
    appointmentId.value = null
    appointmentLabel.value = null
    steps.reset()
  }

  /** Check-in from the appointment list: the source, item, name and mobile come from the booking. */
  async function prefillFromAppointment(): Promise<void> {
    const prefill = await useAppointmentIntake().prefillFor(route.query.appointment)
    if (!prefill)
      return
    source.value = 'appointment'
    appointmentId.value = prefill.appointmentId
    appointmentLabel.value = t('appointment.fromAppointment', { name: prefill.name, date: prefill.appointment.date, start: prefill.appointment.start })
    applicant.value = { ...emptyApplicant(), name: prefill.name, mobile: prefill.mobile }
    item.value = catalog.item(prefill.itemCode)
    if (steps.current.value === 'source')
      steps.next()
  }

  onMounted(async () => {
    await catalog.ensureLoaded()
    await prefillFromAppointment()
  })

  return {
    sourceChoice, cases, catalog, session,
    source, appointmentLabel, kind, assistMode, item, applicant, checklist, outcome, returnReason,
    applicantProblems, undecided, reasonError, saving, missing, entrustment, signature, entrustmentErrors, needsEntrustment,
    steps, check, due, decide, allProvided, submit, print, again,
  }
}
