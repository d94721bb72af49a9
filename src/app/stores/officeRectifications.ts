/**
 * The office's rectification tasks and appeals (issue 9 item 6; 7.2.2, DOMAIN.md 申诉复核), read from
 * /api/office/rectifications and /api/office/appeals (online only); the re-check and the appeal decision are
 * posted and the lists read again.
 */
import type { OfficeAppeal, OfficeRectification } from '../../domain/protocol'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { streamUuid } from '../../domain/events'
import { appealDecisionAnswerSchema, officeAppealsAnswerSchema, officeRectificationsAnswerSchema, recheckAnswerSchema } from '../../domain/protocol'
import { useOfficeStore } from './office'

export type { OfficeAppeal, OfficeRatingSummary, OfficeRectification } from '../../domain/protocol'

export const useOfficeRectificationsStore = defineStore('officeRectifications', () => {
  const tasks = shallowRef<OfficeRectification[]>([])
  const appeals = shallowRef<OfficeAppeal[]>([])

  async function load(): Promise<void> {
    const office = useOfficeStore()
    const [t, a] = await Promise.all([
      office.request('/api/office/rectifications', {}, officeRectificationsAnswerSchema),
      office.request('/api/office/appeals', {}, officeAppealsAnswerSchema),
    ])
    tasks.value = t.tasks
    appeals.value = a.appeals
  }

  /** 7.2.2 复查: close the task or send it back, with the reason. */
  async function recheck(taskId: string, result: 'closed' | 'sentBack', reason: string): Promise<void> {
    await useOfficeStore().request(`/api/office/rectifications/${streamUuid(taskId)}/recheck`, { method: 'POST', body: { result, reason } }, recheckAnswerSchema)
    await load()
  }

  /** 申诉复核: uphold or reject, with the reason. */
  async function decide(appealId: string, decision: 'upheld' | 'rejected', reason: string): Promise<void> {
    await useOfficeStore().request(`/api/office/appeals/${streamUuid(appealId)}/decision`, { method: 'POST', body: { decision, reason } }, appealDecisionAnswerSchema)
    await load()
  }

  return { tasks, appeals, load, recheck, decide }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useOfficeRectificationsStore, import.meta.hot))
