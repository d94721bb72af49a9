/**
 * The office's view of inspections (issue 8 item 6): per station of its division the latest inspection with
 * open and overdue fix tasks, and one station's history, read from /api/office/inspections (online only).
 */
import type { OfficeInspectionStation, OfficeStationInspectionsAnswer } from '../../domain/protocol'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { inspectionRecordedAnswerSchema, officeInspectionsAnswerSchema, officeStationInspectionsAnswerSchema } from '../../domain/protocol'
import { useOfficeStore } from './office'

export type { OfficeInspectionStation, OfficeStationInspectionsAnswer as OfficeStationInspections } from '../../domain/protocol'

export const useOfficeInspectionsStore = defineStore('officeInspections', () => {
  const stations = shallowRef<OfficeInspectionStation[]>([])
  const detail = shallowRef<OfficeStationInspectionsAnswer | null>(null)

  async function load(): Promise<void> {
    const answer = await useOfficeStore().request('/api/office/inspections', {}, officeInspectionsAnswerSchema)
    stations.value = answer.stations
  }

  async function open(stationId: string): Promise<void> {
    detail.value = await useOfficeStore().request(`/api/office/stations/${encodeURIComponent(stationId)}/inspections`, {}, officeStationInspectionsAnswerSchema)
  }

  /** The office's own inspection (巡查) of a station; the list is read again. */
  async function inspect(stationId: string, checks: { id: string, result: 'ok' | 'finding', note: string }[], note = ''): Promise<string> {
    const body = { checks: checks.map(c => ({ id: c.id, result: c.result, ...(c.note.trim() ? { note: c.note.trim() } : {}) })), ...(note.trim() ? { note: note.trim() } : {}) }
    const { id } = await useOfficeStore().request(`/api/office/stations/${encodeURIComponent(stationId)}/inspections`, { method: 'POST', body }, inspectionRecordedAnswerSchema)
    await load()
    return id
  }

  function close(): void {
    detail.value = null
  }

  return { stations, detail, load, open, inspect, close }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useOfficeInspectionsStore, import.meta.hot))
