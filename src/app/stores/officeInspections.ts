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

  function close(): void {
    detail.value = null
  }

  return { stations, detail, load, open, close }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useOfficeInspectionsStore, import.meta.hot))
