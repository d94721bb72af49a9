/**
 * Rectification and appeals at the station (7.2, DOMAIN.md 好差评 / 申诉复核; issue 9 item 6), offline: a
 * counter 差评 opens its task right away (`openForRating`, owner the staff member rated, due after the setting
 * `rectificationWorkdays`); a phone 差评's task arrives by pull (opened by the server). Staff record progress
 * and ask for the office's re-check; the station lead appeals a mistaken or malicious rating. Tasks, appeals
 * and their ratings have no projection table on the tablet: streams are read by event type and folded here.
 */
import type { AppealGround, AppealState } from '../../domain/appeal'
import type { RatingState } from '../../domain/rating'
import type { RectificationState } from '../../domain/rectification'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { appealStreamFor, foldAppeal } from '../../domain/appeal'
import { foldRating } from '../../domain/rating'
import { foldRectification, isRectificationOverdue, rectificationDueFields, rectificationStreamFor, rectificationWorkdays } from '../../domain/rectification'
import { eventsRepo, recordAs, referenceRepo, workCalendar } from '../data'
import { useSessionStore } from './session'

/** One task as the station sees it: with the rating behind it and its appeal, if any. */
export interface StationRectification extends RectificationState {
  rating: RatingState | null
  appeal: AppealState | null
  overdue: boolean
  /** The owner's name from the roster; null when none is assigned or the roster does not know them. */
  ownerName: string | null
}

export const useRectificationsStore = defineStore('rectifications', () => {
  const tasks = shallowRef<StationRectification[]>([])
  const loaded = ref(false)

  /** Reads every task stream, its rating and appeal; open ones first, by due. */
  async function load(now: Date = new Date()): Promise<void> {
    const opened = await eventsRepo.listOfTypeBetween('rectification.opened', 0, Number.MAX_SAFE_INTEGER)
    const taskStreams = await eventsRepo.byStreams(opened.map(e => e.stream))
    const states = [...taskStreams.values()].map(events => foldRectification(events, workCalendar())).filter((s): s is RectificationState => s !== null)
    const ratingStreams = states.filter(s => s.source.kind === 'rating').map(s => s.source.subject)
    const [ratings, appeals] = await Promise.all([
      eventsRepo.byStreams(ratingStreams),
      eventsRepo.byStreams(ratingStreams.map(appealStreamFor)),
    ])
    const owners = [...new Set(states.map(s => s.ownerStaffId).filter((id): id is string => id !== null))]
    const roster = await Promise.all(owners.map(async id => [id, await referenceRepo.get('staff', id)] as const))
    const names = new Map(roster.map(([id, row]) => [id, typeof row?.name === 'string' ? row.name : null]))
    tasks.value = states.map((s) => {
      const ratingEvents = s.source.kind === 'rating' ? ratings.get(s.source.subject) ?? [] : []
      const appealEvents = s.source.kind === 'rating' ? appeals.get(appealStreamFor(s.source.subject)) ?? [] : []
      return {
        ...s,
        rating: ratingEvents.length ? foldRating(ratingEvents, workCalendar()) : null,
        appeal: appealEvents.length ? foldAppeal(appealEvents) : null,
        overdue: isRectificationOverdue(s, now),
        ownerName: s.ownerStaffId ? names.get(s.ownerStaffId) ?? null : null,
      }
    }).sort((a, b) => Number(a.status === 'closed') - Number(b.status === 'closed') || Date.parse(a.dueAt) - Date.parse(b.dueAt))
    loaded.value = true
  }

  /** 7.2.1: a 差评 recorded at the counter opens its task at once (one per rating: the stream is the rating's). */
  async function openForRating(ratingStream: string, ownerStaffId: string | null, at: Date = new Date()): Promise<void> {
    const stream = rectificationStreamFor(ratingStream)
    if ((await eventsRepo.byStream(stream)).some(e => e.type === 'rectification.opened'))
      return
    const setting = await referenceRepo.get('settings', 'rectificationWorkdays')
    const payload = { source: { kind: 'rating' as const, subject: ratingStream }, ownerStaffId, ...rectificationDueFields(at, rectificationWorkdays(setting?.value), workCalendar()) }
    await recordAs(useSessionStore().author, { stream, type: 'rectification.opened', payload })
  }

  /** 7.2.2: what was done; `submitted` asks the office to re-check. */
  async function progress(taskId: string, note: string, submitted: boolean): Promise<void> {
    await recordAs(useSessionStore().author, { stream: taskId, type: 'rectification.progressed', payload: { note: note.trim(), submitted } })
    await load()
  }

  /** 7.2.2: the station lead hands the task to another staff member. */
  async function assign(taskId: string, ownerStaffId: string): Promise<void> {
    await recordAs(useSessionStore().author, { stream: taskId, type: 'rectification.assigned', payload: { ownerStaffId } })
    await load()
  }

  /** DOMAIN.md 申诉复核: the station appeals a rating it believes mistaken or malicious. */
  async function appeal(ratingStream: string, ground: AppealGround, reason: string): Promise<void> {
    await recordAs(useSessionStore().author, { stream: appealStreamFor(ratingStream), type: 'appeal.filed', payload: { rating: ratingStream, ground, reason: reason.trim() } })
    await load()
  }

  return { tasks, loaded, load, openForRating, progress, assign, appeal }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useRectificationsStore, import.meta.hot))
