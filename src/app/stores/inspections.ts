/**
 * Self-inspection at the counter (自查; 4.2, 5.2, 5.4.2; issue 8 item 6), offline: the checklist of this
 * station's tier, filled and recorded as `inspection.recorded`; each finding is a fix task due after the
 * setting `inspectionFixWorkdays` (default 5 working days); fixing one records `inspection.fixed`.
 * Inspections have no projection table on the tablet: their streams are read by event type and folded here.
 */
import type { CheckResult, InspectionCheck, InspectionCheckState, InspectionRecordedPayload, InspectionState, StationTier } from '../../domain/inspection'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { checklistFor, foldInspection, inspectionFixDue, inspectionFixWorkdays, newInspectionStream, tierOf } from '../../domain/inspection'
import { eventsRepo, metaRepo, recordAs, referenceRepo, workCalendar } from '../data'
import { useSessionStore } from './session'

/** One check as filled on the form. */
export interface CheckAnswer {
  id: string
  result: CheckResult
  note: string
}

/** An open finding with the inspection it belongs to. */
export interface FixTask extends InspectionCheckState {
  inspectionId: string
  inspectedOn: string
  overdue: boolean
}

export const useInspectionsStore = defineStore('inspections', () => {
  const tier = ref<StationTier>('basic')
  const fixWorkdays = ref(inspectionFixWorkdays(undefined))
  const inspections = shallowRef<InspectionState[]>([])
  const loaded = ref(false)

  const checklist = computed<InspectionCheck[]>(() => checklistFor(tier.value))

  /** Open findings of every inspection, the earliest due first. */
  function openTasks(now: Date = new Date()): FixTask[] {
    return inspections.value.flatMap(i => i.checks
      .filter(c => c.result === 'finding' && !c.fixedAt)
      .map(c => ({ ...c, inspectionId: i.id, inspectedOn: i.inspectedOn, overdue: c.dueAt !== null && Date.parse(c.dueAt) < now.getTime() })))
      .sort((a, b) => Date.parse(a.dueAt ?? '9999-12-31') - Date.parse(b.dueAt ?? '9999-12-31'))
  }

  /** Reads the station's tier, the setting and every inspection stream (newest first). */
  async function load(): Promise<void> {
    const stationId = await metaRepo.get('stationId')
    const [station, setting, recorded] = await Promise.all([
      stationId ? referenceRepo.get('stations', stationId) : undefined,
      referenceRepo.get('settings', 'inspectionFixWorkdays'),
      eventsRepo.listOfTypeBetween('inspection.recorded', 0, Number.MAX_SAFE_INTEGER),
    ])
    tier.value = tierOf(station?.tier)
    fixWorkdays.value = inspectionFixWorkdays(setting?.value)
    const streams = await eventsRepo.byStreams(recorded.map(e => e.stream))
    inspections.value = [...streams.values()]
      .map(events => foldInspection(events))
      .filter((s): s is InspectionState => s !== null)
      .sort((a, b) => Date.parse(b.inspectedAt) - Date.parse(a.inspectedAt))
    loaded.value = true
  }

  /** Records a filled checklist; findings get their fix deadline. Returns the new inspection's stream. */
  async function record(answers: readonly CheckAnswer[], note = '', at: Date = new Date()): Promise<string> {
    const due = inspectionFixDue(at, fixWorkdays.value, workCalendar())
    const payload: InspectionRecordedPayload = {
      kind: 'self',
      tier: tier.value,
      checks: answers.map(a => a.result === 'finding'
        ? { id: a.id, result: 'finding' as const, note: a.note.trim(), dueAt: due.dueAt, ...(due.provisional ? { dueProvisional: true } : {}) }
        : { id: a.id, result: 'ok' as const, ...(a.note.trim() ? { note: a.note.trim() } : {}) }),
      ...(note.trim() ? { note: note.trim() } : {}),
    }
    const stream = newInspectionStream()
    await recordAs(useSessionStore().author, { stream, type: 'inspection.recorded', payload })
    await load()
    return stream
  }

  /** Records that one finding was fixed. */
  async function fix(inspectionId: string, checkId: string, note: string): Promise<void> {
    await recordAs(useSessionStore().author, { stream: inspectionId, type: 'inspection.fixed', payload: { checkId, note: note.trim() } })
    await load()
  }

  return { tier, fixWorkdays, inspections, loaded, checklist, openTasks, load, record, fix }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useInspectionsStore, import.meta.hot))
