/**
 * A station's staff for the office pages (issue 8 item 3, 5.3), over /api/office/stations/:id/staff
 * (SYNC-API.md "Office: staff and devices"). Every write reloads the roster so what is shown is what the
 * server holds. Mobiles arrive masked; the full number only through reveal(), with a reason (audited).
 */
import type { z } from 'zod'
import type { RosterAnswer } from '../../domain/protocol'
import type { StaffRoleName, TrainingKind } from '../../domain/staffing'
import { assessmentAnswerSchema, mobileRevealAnswerSchema, rosterAnswerSchema, staffActiveAnswerSchema, staffWriteAnswerSchema } from '../../domain/protocol'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { shallowRef } from 'vue'
import type { OfficeCallOptions } from '../office/officeClient'
import { useOfficeStore } from './office'

export type { RosterMember } from '../../domain/protocol'

/** What a staff card's form records: an assessment, a training, a new PIN, or revealing the mobile. */
export type StaffRecordMode = 'assessment' | 'training' | 'pin' | 'reveal'

export interface NewStaffMember { name: string, mobile: string, pin: string, assessmentPassed: boolean, role?: StaffRoleName, assessmentDate?: string, assessor?: string }
export interface NewAssessment { date: string, passed: boolean, assessor: string, notes?: string }
export interface NewTraining { kind: TrainingKind, date: string, hours?: number, notes?: string, mentorId?: string }

export const useOfficeStaffStore = defineStore('officeStaff', () => {
  // The office store is read when calling, not in setup (stores do not read each other in setup).
  const request = <T>(path: string, options: OfficeCallOptions, schema: z.ZodType<T>): Promise<T> => useOfficeStore().request(path, options, schema)
  const roster = shallowRef<RosterAnswer | null>(null)

  const base = (stationId: string): string => `/api/office/stations/${encodeURIComponent(stationId)}/staff`
  const memberPath = (stationId: string, staffId: string): string => `${base(stationId)}/${encodeURIComponent(staffId)}`

  async function load(stationId: string): Promise<RosterAnswer> {
    const answer = await request(base(stationId), {}, rosterAnswerSchema)
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
    write(stationId, () => request(base(stationId), { method: 'POST', body: member }, staffWriteAnswerSchema))
  const update = (stationId: string, staffId: string, patch: { name?: string, mobile?: string, role?: StaffRoleName }) =>
    write(stationId, () => request(memberPath(stationId, staffId), { method: 'PATCH', body: patch }, staffWriteAnswerSchema))
  const assess = (stationId: string, staffId: string, record: NewAssessment) =>
    write(stationId, () => request(`${memberPath(stationId, staffId)}/assessments`, { method: 'POST', body: record }, assessmentAnswerSchema))
  const train = (stationId: string, staffId: string, record: NewTraining) =>
    write(stationId, () => request(`${memberPath(stationId, staffId)}/trainings`, { method: 'POST', body: record }, staffWriteAnswerSchema))
  const setPin = (stationId: string, staffId: string, pin: string) =>
    write(stationId, () => request(`${memberPath(stationId, staffId)}/pin`, { method: 'PUT', body: { pin } }, staffWriteAnswerSchema))
  const setActive = (stationId: string, staffId: string, active: boolean) =>
    write(stationId, () => request(`${memberPath(stationId, staffId)}/${active ? 'reactivate' : 'deactivate'}`, { method: 'POST', body: {} }, staffActiveAnswerSchema))

  /** The full mobile, for a stated reason (DOMAIN.md: revealing is recorded); not kept in the store. */
  async function revealMobile(stationId: string, staffId: string, reason: string): Promise<string | null> {
    const answer = await request(`${memberPath(stationId, staffId)}/mobile`, { method: 'POST', body: { reason } }, mobileRevealAnswerSchema)
    return answer.mobile
  }

  return { roster, load, add, update, assess, train, setPin, setActive, revealMobile }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useOfficeStaffStore, import.meta.hot))
