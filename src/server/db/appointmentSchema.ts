/** Kysely types of the appointment table of migration 0017 (issue 9 item 2). */
import type { ColumnType } from 'kysely'
import type { AppointmentState } from '../../domain/appointment'
import type { JsonColumn } from './schema'

export interface AppointmentProjectionsTable {
  /** The stream id 'appointment:<uuid>'. */
  id: string
  station_id: string
  status: string
  /** CST civil day 'YYYY-MM-DD' and 'HH:MM' of the slot. */
  slot_date: string
  slot_start: string
  code: string
  holds_seat: boolean
  /** Seq of the stream's appointment.booked: earlier bookings take a slot's seats first. */
  booked_seq: number
  state: JsonColumn<AppointmentState>
  last_seq: number
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface AppointmentTables {
  appointment_projections: AppointmentProjectionsTable
}

declare module './schema' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merged into schema.ts's Database
  interface Database extends AppointmentTables {}
}
