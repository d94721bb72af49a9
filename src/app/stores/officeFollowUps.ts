/**
 * The office's view of follow-up calls and complaints (issue 9 items 4, 5): the division's call-back tasks and
 * complaints from /api/office/follow-ups and /api/office/complaints, the office's own calls, complaints and
 * results, and the two settings (online only).
 */
import type { ComplaintChannel } from '../../domain/complaint'
import type { FollowUpTask, FollowUpView } from '../../domain/followUp'
import type { FollowUpSettings, OfficeComplaint, OfficeFollowUpTask } from '../../domain/protocol'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { complaintWriteAnswerSchema, followUpRecordedAnswerSchema, followUpSettingsSchema, officeComplaintsAnswerSchema, officeFollowUpsAnswerSchema } from '../../domain/protocol'
import { useOfficeStore } from './office'

export type { FollowUpSettings, OfficeComplaint, OfficeFollowUpTask } from '../../domain/protocol'

export const useOfficeFollowUpsStore = defineStore('officeFollowUps', () => {
  const tasks = shallowRef<OfficeFollowUpTask[]>([])
  const complaints = shallowRef<OfficeComplaint[]>([])
  const settings = ref<FollowUpSettings | null>(null)

  async function load(): Promise<void> {
    const office = useOfficeStore()
    const [t, c, s] = await Promise.all([
      office.request('/api/office/follow-ups', {}, officeFollowUpsAnswerSchema),
      office.request('/api/office/complaints?status=all', {}, officeComplaintsAnswerSchema),
      office.request('/api/office/settings/follow-ups', {}, followUpSettingsSchema),
    ])
    tasks.value = t.tasks
    complaints.value = c.complaints
    settings.value = s
  }

  async function recordCall(task: Pick<FollowUpTask, 'stationId' | 'subject'>, input: { reached: boolean, view: FollowUpView | null, notes: string }): Promise<void> {
    const body = { subject: task.subject, reached: input.reached, ...(input.reached && input.view ? { view: input.view } : {}), ...(input.notes.trim() ? { notes: input.notes.trim() } : {}) }
    await useOfficeStore().request(`/api/office/stations/${encodeURIComponent(task.stationId)}/follow-ups`, { method: 'POST', body }, followUpRecordedAnswerSchema)
    await load()
  }

  async function recordComplaint(stationId: string, input: { subject: string | null, channel: ComplaintChannel, content: string }): Promise<void> {
    const body = { ...(input.subject ? { subject: input.subject } : {}), channel: input.channel, content: input.content }
    await useOfficeStore().request(`/api/office/stations/${encodeURIComponent(stationId)}/complaints`, { method: 'POST', body }, complaintWriteAnswerSchema)
    await load()
  }

  async function handle(id: string, result: string): Promise<void> {
    await useOfficeStore().request(`/api/office/complaints/${encodeURIComponent(id.slice(id.indexOf(':') + 1))}/handle`, { method: 'POST', body: { result } }, complaintWriteAnswerSchema)
    await load()
  }

  async function saveSettings(next: FollowUpSettings): Promise<void> {
    settings.value = await useOfficeStore().request('/api/office/settings/follow-ups', { method: 'PUT', body: next }, followUpSettingsSchema)
  }

  return { tasks, complaints, settings, load, recordCall, recordComplaint, handle, saveSettings }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useOfficeFollowUpsStore, import.meta.hot))
