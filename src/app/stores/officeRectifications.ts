/**
 * The office's rectification tasks and appeals (issue 9 item 6; 7.2.2, DOMAIN.md 申诉复核), read from
 * /api/office/rectifications and /api/office/appeals (online only); the re-check and the appeal decision are
 * posted and the lists read again.
 */
import type { AppealState } from '../../domain/appeal'
import type { RatingLevel } from '../../domain/rating'
import type { RectificationState } from '../../domain/rectification'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { streamUuid } from '../../domain/events'
import { useOfficeStore } from './office'

/** src/server/rectifications/officeRectifications.ts OfficeRatingSummary. */
export interface OfficeRatingSummary {
  id: string
  level: RatingLevel | null
  reasons: string[]
  ratedAt: string | null
  staffName: string | null
  appeal: string | null
}

export interface OfficeRectification extends RectificationState {
  stationName: string
  ownerName: string | null
  overdue: boolean
  rating: OfficeRatingSummary | null
}

export interface OfficeAppeal extends AppealState {
  stationName: string
  ratingSummary: OfficeRatingSummary | null
}

export const useOfficeRectificationsStore = defineStore('officeRectifications', () => {
  const tasks = shallowRef<OfficeRectification[]>([])
  const appeals = shallowRef<OfficeAppeal[]>([])

  async function load(): Promise<void> {
    const office = useOfficeStore()
    const [t, a] = await Promise.all([
      office.request<{ tasks: OfficeRectification[] }>('/api/office/rectifications'),
      office.request<{ appeals: OfficeAppeal[] }>('/api/office/appeals'),
    ])
    tasks.value = t.tasks
    appeals.value = a.appeals
  }

  /** 7.2.2 复查: close the task or send it back, with the reason. */
  async function recheck(taskId: string, result: 'closed' | 'sentBack', reason: string): Promise<void> {
    await useOfficeStore().request(`/api/office/rectifications/${streamUuid(taskId)}/recheck`, { method: 'POST', body: { result, reason } })
    await load()
  }

  /** 申诉复核: uphold or reject, with the reason. */
  async function decide(appealId: string, decision: 'upheld' | 'rejected', reason: string): Promise<void> {
    await useOfficeStore().request(`/api/office/appeals/${streamUuid(appealId)}/decision`, { method: 'POST', body: { decision, reason } })
    await load()
  }

  return { tasks, appeals, load, recheck, decide }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useOfficeRectificationsStore, import.meta.hot))
