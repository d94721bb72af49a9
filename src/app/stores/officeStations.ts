/**
 * The office's stations and their applications (issue 8 item 2; 5.4.1, Annexes A–C), online, on top of
 * useOfficeStore().request. Shapes are the server's (SYNC-API.md "Station lifecycle").
 */
import type { ApplicationDecision, ApplicationKind, ApplicationStatus, ChangeSide, StationHostTypeCode, StationLifecycleState } from '../../domain/stationApplication'
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { useOfficeStore } from './office'

export interface OfficeStation {
  id: string
  code: string
  name: string
  hostType: StationHostTypeCode
  hostUnit: string
  address: string
  countyCode: string
  countyName: string
  windows: number
  tier: string
  contactPhone: string | null
  functions: string | null
  /** 6.3.1 booking settings (issue 9): minutes per slot and citizens per slot. */
  bookingSlotMinutes?: number
  bookingSlotCapacity?: number
  state: StationLifecycleState
}

export interface OfficeStationListRow extends OfficeStation {
  staffCount: number
  pendingApplication: ApplicationKind | null
}

export interface OfficeApplication {
  id: string
  kind: ApplicationKind
  annex: 'A' | 'B' | 'C'
  stationId: string
  stationName: string | null
  stationCode: string | null
  countyCode: string | null
  status: ApplicationStatus
  fields: Record<string, unknown>
  before: ChangeSide | null
  draftedBy: { type: 'office' | 'device', by: string, staffId: string | null }
  createdAt: string
  submittedAt: string | null
  decision: ApplicationDecision | null
  opinion: string | null
  reviewer: string | null
  reviewDate: string | null
  reviewedAt: string | null
}

export interface ClosureDevice {
  id: string
  name: string
  lastSeenAt: string | null
  revokedAt: string | null
  mayHaveUnsynced: boolean
}

export interface OfficeStationDetail {
  station: OfficeStation
  applications: OfficeApplication[]
  devices: ClosureDevice[]
}

export interface StationFilters {
  state?: StationLifecycleState | ''
  search?: string
  countyCode?: string
  hostType?: StationHostTypeCode | ''
}

export interface ApplicationFilters {
  status?: ApplicationStatus | ''
  kind?: ApplicationKind | ''
  stationId?: string
}

export interface NewStation {
  name: string
  divisionCode: string
  address: string
  hostType: StationHostTypeCode
  hostUnit?: string
  contactPhone?: string
  functions?: string
  application?: { applicantUnit?: string, conditions?: string, remarks?: string }
}

export interface ReviewInput {
  decision: ApplicationDecision
  opinion: string
  date: string
}

function query(filters: object): string {
  const entries = Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
  const qs = new URLSearchParams(entries).toString()
  return qs ? `?${qs}` : ''
}

export const useOfficeStationsStore = defineStore('officeStations', () => {
  const office = useOfficeStore()
  const stations = shallowRef<OfficeStationListRow[]>([])
  const detail = shallowRef<OfficeStationDetail | null>(null)
  const applications = shallowRef<OfficeApplication[]>([])

  async function loadStations(filters: StationFilters = {}): Promise<OfficeStationListRow[]> {
    const answer = await office.request<{ stations: OfficeStationListRow[] }>(`/api/office/stations${query(filters)}`)
    stations.value = answer.stations
    return answer.stations
  }

  async function loadStation(id: string): Promise<OfficeStationDetail> {
    const answer = await office.request<OfficeStationDetail>(`/api/office/stations/${encodeURIComponent(id)}`)
    detail.value = answer
    return answer
  }

  function createStation(body: NewStation): Promise<{ id: string, code: string, applicationId: string }> {
    return office.request('/api/office/stations', { method: 'POST', body })
  }

  async function loadApplications(filters: ApplicationFilters = {}): Promise<OfficeApplication[]> {
    const answer = await office.request<{ applications: OfficeApplication[] }>(`/api/office/applications${query(filters)}`)
    applications.value = answer.applications
    return answer.applications
  }

  function loadApplication(id: string): Promise<{ application: OfficeApplication, stationState: StationLifecycleState, devices: ClosureDevice[] }> {
    return office.request(`/api/office/applications/${encodeURIComponent(id)}`)
  }

  function draftApplication(body: { kind: ApplicationKind, stationId: string, fields: Record<string, unknown>, submit?: boolean }): Promise<{ id: string }> {
    return office.request('/api/office/applications', { method: 'POST', body })
  }

  function submitApplication(id: string): Promise<{ application: OfficeApplication }> {
    return office.request(`/api/office/applications/${encodeURIComponent(id)}/submit`, { method: 'POST', body: {} })
  }

  function review(id: string, body: ReviewInput): Promise<{ application: OfficeApplication, stationState: StationLifecycleState, devices: ClosureDevice[] }> {
    return office.request(`/api/office/applications/${encodeURIComponent(id)}/review`, { method: 'POST', body })
  }

  /** 6.3.1: the station's booking slot length and citizens per slot (admin). */
  function saveBookingSettings(stationId: string, body: { slotMinutes: number, slotCapacity: number }): Promise<{ station: OfficeStation }> {
    return office.request(`/api/office/stations/${encodeURIComponent(stationId)}/booking`, { method: 'PUT', body })
  }

  function revokeRemaining(stationId: string): Promise<{ revoked: string[] }> {
    return office.request(`/api/office/stations/${encodeURIComponent(stationId)}/devices/revoke-remaining`, { method: 'POST', body: {} })
  }

  return { stations, detail, applications, loadStations, loadStation, createStation, loadApplications, loadApplication, draftApplication, submitApplication, review, revokeRemaining, saveBookingSettings }
})
