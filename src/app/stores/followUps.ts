/**
 * 回访 and 投诉 at the counter (issue 9 items 4, 5; 7.1.3, 6.2.3), offline: the follow-up tasks derived with the
 * domain's deriveFollowUpTasks from this tablet's 差评 and completed cases of the last FOLLOW_UP_WINDOW_DAYS
 * days (the office's sample setting pulled as reference data), the call-back results recorded as
 * followUp.recorded, and complaints recorded and handled as complaint.* — all queued for the next sync.
 * Events the office records reach this tablet on pull and show here the same way.
 */
import type { CaseState } from '../../domain/case'
import type { ComplaintChannel, ComplaintState } from '../../domain/complaint'
import type { FollowUpTask, FollowUpView } from '../../domain/followUp'
import type { RatingState } from '../../domain/rating'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { complaintDue, complaintDueWorkdays, foldComplaint, newComplaintStream, openComplaints } from '../../domain/complaint'
import { deriveFollowUpTasks, foldFollowUp, followUpSamplePercent, followUpStreamFor } from '../../domain/followUp'
import { foldRating } from '../../domain/rating'
import { casesRepo, eventsRepo, recordAs, referenceRepo, workCalendar } from '../data'
import { useSessionStore } from './session'

/** How far back 差评 and completions open tasks on the tablet. */
export const FOLLOW_UP_WINDOW_DAYS = 60

/** What the staff member noted on the call. */
export interface FollowUpResultInput {
  reached: boolean
  view: FollowUpView | null
  notes: string
}

/** A complaint as entered on the form. */
export interface ComplaintInput {
  subject: string | null
  channel: ComplaintChannel
  content: string
}

async function foldedOfType<S>(type: string, fromMs: number, fold: (events: Parameters<typeof foldComplaint>[0]) => S | null): Promise<S[]> {
  const events = await eventsRepo.listOfTypeBetween(type, fromMs, Number.MAX_SAFE_INTEGER)
  const streams = await eventsRepo.byStreams([...new Set(events.map(e => e.stream))])
  return [...streams.values()].map(list => fold(list)).filter((s): s is S => s !== null)
}

export const useFollowUpsStore = defineStore('followUps', () => {
  const tasks = shallowRef<FollowUpTask[]>([])
  const complaints = shallowRef<ComplaintState[]>([])
  const samplePercent = ref(followUpSamplePercent(undefined))
  const dueWorkdays = ref(complaintDueWorkdays(undefined))
  const loaded = ref(false)

  const openTasks = computed(() => tasks.value.filter(t => t.status === 'open'))
  const pendingComplaints = computed(() => openComplaints(complaints.value))

  /** Reads the settings, the 差评, completed cases, call-backs and complaints, and derives the tasks. */
  async function load(now: Date = new Date()): Promise<void> {
    const since = now.getTime() - FOLLOW_UP_WINDOW_DAYS * 86_400_000
    const [sample, due, ratings, followUps, completed, recorded] = await Promise.all([
      referenceRepo.get('settings', 'followUpSamplePercent'),
      referenceRepo.get('settings', 'complaintDueWorkdays'),
      foldedOfType<RatingState>('rating.given', since, events => foldRating(events, workCalendar())),
      foldedOfType('followUp.recorded', since, foldFollowUp),
      eventsRepo.listOfTypeBetween('case.completed', since, Number.MAX_SAFE_INTEGER),
      foldedOfType('complaint.recorded', 0, foldComplaint),
    ])
    samplePercent.value = followUpSamplePercent(sample?.value)
    dueWorkdays.value = complaintDueWorkdays(due?.value)
    const cases = (await Promise.all([...new Set(completed.map(e => e.stream))].map(id => casesRepo.get(id))))
      .filter((c): c is NonNullable<typeof c> => c !== undefined) as CaseState[]
    tasks.value = deriveFollowUpTasks({ ratings, cases, followUps, samplePercent: samplePercent.value, calendar: workCalendar() })
    complaints.value = recorded.sort((a, b) => Date.parse(b.recordedAt) - Date.parse(a.recordedAt))
    loaded.value = true
  }

  /** Records one call-back attempt about the task's subject. */
  async function recordResult(task: Pick<FollowUpTask, 'subject' | 'reason'>, input: FollowUpResultInput): Promise<void> {
    const notes = input.notes.trim()
    await recordAs(useSessionStore().author, {
      stream: followUpStreamFor(task.subject),
      type: 'followUp.recorded',
      payload: { subject: task.subject, reason: task.reason, reached: input.reached, ...(input.reached && input.view ? { view: input.view } : {}), ...(notes ? { notes } : {}) },
    })
    await load()
  }

  /** Records a complaint, due after the pulled complaintDueWorkdays setting; returns its 'complaint:<uuid>'. */
  async function recordComplaint(input: ComplaintInput, at: Date = new Date()): Promise<string> {
    const stream = newComplaintStream()
    await recordAs(useSessionStore().author, {
      stream,
      type: 'complaint.recorded',
      payload: { ...(input.subject ? { subject: input.subject } : {}), channel: input.channel, content: input.content.trim(), ...complaintDue(at, dueWorkdays.value, workCalendar()) },
    })
    await load()
    return stream
  }

  /** Records the result of an open complaint. */
  async function handleComplaint(id: string, result: string): Promise<void> {
    await recordAs(useSessionStore().author, { stream: id, type: 'complaint.handled', payload: { result: result.trim() } })
    await load()
  }

  return { tasks, complaints, samplePercent, dueWorkdays, loaded, openTasks, pendingComplaints, load, recordResult, recordComplaint, handleComplaint }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useFollowUpsStore, import.meta.hot))
