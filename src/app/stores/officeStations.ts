/**
 * The office's stations and their applications (issue 8 item 2; 5.4.1, Annexes A–C), online, on top of
 * useOfficeStore().request. Shapes are the server's (SYNC-API.md "Station lifecycle").
 */
import type { ApplicationAnswer, ApplicationCreatedAnswer, ApplicationDetailAnswer, BookingSettingsBody, NewApplicationBody, NewStation, OfficeApplication, OfficeStationDetail, OfficeStationListRow, ReviewBody, RevokeRemainingAnswer, StationAnswer, StationCreatedAnswer } from '../../domain/protocol'
import type { ApplicationKind, ApplicationStatus, StationHostTypeCode, StationLifecycleState } from '../../domain/stationApplication'
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { applicationAnswerSchema, applicationCreatedAnswerSchema, applicationDetailAnswerSchema, applicationListAnswerSchema, revokeRemainingAnswerSchema, stationAnswerSchema, stationCreatedAnswerSchema, stationDetailAnswerSchema, stationListAnswerSchema } from '../../domain/protocol'
import { useOfficeStore } from './office'

export type { ClosureDevice, NewStation, OfficeApplication, OfficeStation, OfficeStationDetail, OfficeStationListRow } from '../../domain/protocol'
/** The review form's fields (POST /api/office/applications/:id/review). */
export type ReviewInput = ReviewBody

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
    const answer = await office.request(`/api/office/stations${query(filters)}`, {}, stationListAnswerSchema)
    stations.value = answer.stations
    return answer.stations
  }

  async function loadStation(id: string): Promise<OfficeStationDetail> {
    const answer = await office.request(`/api/office/stations/${encodeURIComponent(id)}`, {}, stationDetailAnswerSchema)
    detail.value = answer
    return answer
  }

  function createStation(body: NewStation): Promise<StationCreatedAnswer> {
    return office.request('/api/office/stations', { method: 'POST', body }, stationCreatedAnswerSchema)
  }

  async function loadApplications(filters: ApplicationFilters = {}): Promise<OfficeApplication[]> {
    const answer = await office.request(`/api/office/applications${query(filters)}`, {}, applicationListAnswerSchema)
    applications.value = answer.applications
    return answer.applications
  }

  function loadApplication(id: string): Promise<ApplicationDetailAnswer> {
    return office.request(`/api/office/applications/${encodeURIComponent(id)}`, {}, applicationDetailAnswerSchema)
  }

  function draftApplication(body: NewApplicationBody): Promise<ApplicationCreatedAnswer> {
    return office.request('/api/office/applications', { method: 'POST', body }, applicationCreatedAnswerSchema)
  }

  function submitApplication(id: string): Promise<ApplicationAnswer> {
    return office.request(`/api/office/applications/${encodeURIComponent(id)}/submit`, { method: 'POST', body: {} }, applicationAnswerSchema)
  }

  function review(id: string, body: ReviewInput): Promise<ApplicationDetailAnswer> {
    return office.request(`/api/office/applications/${encodeURIComponent(id)}/review`, { method: 'POST', body }, applicationDetailAnswerSchema)
  }

  /** 6.3.1: the station's booking slot length and citizens per slot (admin). */
  function saveBookingSettings(stationId: string, body: BookingSettingsBody): Promise<StationAnswer> {
    return office.request(`/api/office/stations/${encodeURIComponent(stationId)}/booking`, { method: 'PUT', body }, stationAnswerSchema)
  }

  function revokeRemaining(stationId: string): Promise<RevokeRemainingAnswer> {
    return office.request(`/api/office/stations/${encodeURIComponent(stationId)}/devices/revoke-remaining`, { method: 'POST', body: {} }, revokeRemainingAnswerSchema)
  }

  return { stations, detail, applications, loadStations, loadStation, createStation, loadApplications, loadApplication, draftApplication, submitApplication, review, revokeRemaining, saveBookingSettings }
})
