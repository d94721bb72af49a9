/**
 * A station's staff for the office pages (issue 8 item 3, 5.3), over /api/office/stations/:id/staff
 * (SYNC-API.md "Office: staff and devices"). Every write reloads the roster so what is shown is what the
 * server holds. Mobiles arrive masked; the full number only through reveal(), with a reason (audited).
 */
import type { StaffingWarning, StaffRoleName, TrainingKind } from '../../domain/staffing'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { shallowRef } from 'vue'
import type { OfficeCallOptions } from '../office/officeClient'
import { useOfficeStore } from './office'

export interface OfficeAssessment { id: string, date: string, passed: boolean, assessor: string, notes: string | null, recordedBy: string, recordedAt: string }
export interface OfficeTraining { id: string, kind: TrainingKind, kindLabel: string, date: string, hours: number | null, notes: string | null, mentorId: string | null, mentorName: string | null }

export interface OfficeStaffMember {
  id: string
  name: string
  role: StaffRoleName
  active: boolean
  mobileMasked: string | null
  assessmentPassed: boolean
  assessmentDate: string | null
  hasPin: boolean
  /** A PBKDF2 verifier from before argon2id: still signs in, the office should reset it. */
  pinNeedsReset: boolean
  assessments: OfficeAssessment[]
  trainings: OfficeTraining[]
}

export interface OfficeRoster {
  stationId: string
  staffing: { active: number, min: number, max: number, warning: StaffingWarning | null, message: string | null }
  staff: OfficeStaffMember[]
}

/** What a staff card's form records: an assessment, a training, a new PIN, or revealing the mobile. */
export type StaffRecordMode = 'assessment' | 'training' | 'pin' | 'reveal'

export interface NewStaffMember { name: string, mobile: string, pin: string, assessmentPassed: boolean, role?: StaffRoleName, assessmentDate?: string, assessor?: string }
export interface NewAssessment { date: string, passed: boolean, assessor: string, notes?: string }
export interface NewTraining { kind: TrainingKind, date: string, hours?: number, notes?: string, mentorId?: string }

export const useOfficeStaffStore = defineStore('officeStaff', () => {
  // The office store is read when calling, not in setup (stores do not read each other in setup).
  const request = <T>(path: string, options?: OfficeCallOptions): Promise<T> => useOfficeStore().request<T>(path, options)
  const roster = shallowRef<OfficeRoster | null>(null)

  const base = (stationId: string): string => `/api/office/stations/${encodeURIComponent(stationId)}/staff`
  const memberPath = (stationId: string, staffId: string): string => `${base(stationId)}/${encodeURIComponent(staffId)}`

  async function load(stationId: string): Promise<OfficeRoster> {
    const answer = await request<OfficeRoster>(base(stationId))
    roster.value = answer
    return answer
  }

  /** A write, then the roster again. */
  async function write<T>(stationId: string, run: () => Promise<T>): Promise<T> {
    const answer = await run()
    await load(stationId)
    return answer
  }

  const add = (stationId: string, member: NewStaffMember) =>
    write(stationId, () => request<{ id: string }>(base(stationId), { method: 'POST', body: member }))
  const update = (stationId: string, staffId: string, patch: { name?: string, mobile?: string, role?: StaffRoleName }) =>
    write(stationId, () => request<{ id: string }>(memberPath(stationId, staffId), { method: 'PATCH', body: patch }))
  const assess = (stationId: string, staffId: string, record: NewAssessment) =>
    write(stationId, () => request<{ id: string }>(`${memberPath(stationId, staffId)}/assessments`, { method: 'POST', body: record }))
  const train = (stationId: string, staffId: string, record: NewTraining) =>
    write(stationId, () => request<{ id: string }>(`${memberPath(stationId, staffId)}/trainings`, { method: 'POST', body: record }))
  const setPin = (stationId: string, staffId: string, pin: string) =>
    write(stationId, () => request<{ id: string }>(`${memberPath(stationId, staffId)}/pin`, { method: 'PUT', body: { pin } }))
  const setActive = (stationId: string, staffId: string, active: boolean) =>
    write(stationId, () => request<{ id: string, active: boolean }>(`${memberPath(stationId, staffId)}/${active ? 'reactivate' : 'deactivate'}`, { method: 'POST', body: {} }))

  /** The full mobile, for a stated reason (DOMAIN.md: revealing is recorded); not kept in the store. */
  async function revealMobile(stationId: string, staffId: string, reason: string): Promise<string | null> {
    const answer = await request<{ mobile: string | null }>(`${memberPath(stationId, staffId)}/mobile`, { method: 'POST', body: { reason } })
    return answer.mobile
  }

  return { roster, load, add, update, assess, train, setPin, setActive, revealMobile }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useOfficeStaffStore, import.meta.hot))
