/**
 * The intake's link to a checked-in appointment (6.3.1 → 6.3.2; issue 9 item 2): `/intake?appointment=<stream>`
 * opens the intake with the source set to the appointment, the item and the applicant's name and mobile
 * filled in from the booking. The intake's own steps stay as they are; this only hands over the prefill.
 */
import type { AppointmentState } from '../../domain/appointment'
import { useAppointmentsStore } from '../stores/appointments'

export interface AppointmentPrefill {
  appointmentId: string
  itemCode: string
  name: string
  mobile: string
  appointment: AppointmentState
}

export interface UseAppointmentIntakeReturn {
  /** The prefill for a checked-in appointment, or null (unknown id, or not checked in). */
  prefillFor: (appointmentId: unknown) => Promise<AppointmentPrefill | null>
}

export function useAppointmentIntake(): UseAppointmentIntakeReturn {
  const appointments = useAppointmentsStore()
  async function prefillFor(appointmentId: unknown): Promise<AppointmentPrefill | null> {
    if (typeof appointmentId !== 'string' || !appointmentId.startsWith('appointment:'))
      return null
    await appointments.load()
    const a = appointments.find(appointmentId)
    if (!a || a.status !== 'checkedIn')
      return null
    return { appointmentId: a.id, itemCode: a.itemCode, name: a.applicant.name, mobile: a.applicant.mobile, appointment: a }
  }
  return { prefillFor }
}
