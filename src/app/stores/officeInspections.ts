/**
 * The office's view of inspections (issue 8 item 6): per station of its division the latest inspection with
 * open and overdue fix tasks, and one station's history, read from /api/office/inspections (online only).
 */
import type { InspectionState } from '../../domain/inspection'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { useOfficeStore } from './office'

/** src/server/inspections/officeInspections.ts OfficeInspectionStationRow. */
export interface OfficeInspectionStation {
  stationId: string
  code: string
  name: string
  countyCode: string
  tier: string
  state: string
  latest: { id: string, kind: 'self' | 'office', inspectedAt: string, inspectedOn: string, findings: number, findingsOpen: number } | null
  findingsOpen: number
  overdue: number
  nextDueAt: string | null
}

export interface OfficeStationInspections {
  asOf: string
  station: { id: string, name: string, tier: string }
  inspections: (InspectionState & { overdue: number })[]
}

export const useOfficeInspectionsStore = defineStore('officeInspections', () => {
  const stations = shallowRef<OfficeInspectionStation[]>([])
  const detail = shallowRef<OfficeStationInspections | null>(null)

  async function load(): Promise<void> {
    const answer = await useOfficeStore().request<{ asOf: string, stations: OfficeInspectionStation[] }>('/api/office/inspections')
    stations.value = answer.stations
  }

  async function open(stationId: string): Promise<void> {
    detail.value = await useOfficeStore().request<OfficeStationInspections>(`/api/office/stations/${encodeURIComponent(stationId)}/inspections`)
  }

  /** The office's own inspection (巡查) of a station; the list is read again. */
  async function inspect(stationId: string, checks: { id: string, result: 'ok' | 'finding', note: string }[], note = ''): Promise<string> {
    const body = { checks: checks.map(c => ({ id: c.id, result: c.result, ...(c.note.trim() ? { note: c.note.trim() } : {}) })), ...(note.trim() ? { note: note.trim() } : {}) }
    const { id } = await useOfficeStore().request<{ id: string }>(`/api/office/stations/${encodeURIComponent(stationId)}/inspections`, { method: 'POST', body })
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
