/**
 * Kysely types of migration 0011 (issue 8 item 2): station applications (Annexes A, B, C).
 */
import type { ColumnType, Selectable } from 'kysely'
import type { ApplicationDecision, ApplicationKind, ApplicationStatus, ChangeSide } from '../../domain/stationApplication'
import type { JsonColumn, Timestamp } from './schema'

export interface StationApplicationsTable {
  /** A uuid: the tablet's 'stationApplication:<uuid>' stream's, or made by the server. */
  id: string
  kind: ApplicationKind
  station_id: string
  status: ApplicationStatus
  /** The annex's fields as drafted (stationApplication.ts applicationFieldSchemas[kind]). */
  fields: JsonColumn<Record<string, unknown>>
  /** Annex B: the station's values when the change was submitted. */
  before: JsonColumn<ChangeSide | null> | null
  drafted_by_type: 'office' | 'device'
  /** Office username or device id. */
  drafted_by: string
  /** The staff member signed in on the tablet that drafted it. */
  drafted_by_staff: string | null
  /** The tablet event it came from (idempotency). */
  source_event_id: string | null
  created_at: ColumnType<Date, Date | string | undefined, never>
  submitted_at: Timestamp | null
  decision: ApplicationDecision | null
  review_opinion: string | null
  reviewer: string | null
  /** Civil date 'YYYY-MM-DD' of the review (年 月 日 on the form). */
  review_date: string | null
  reviewed_at: Timestamp | null
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export type StationApplicationRow = Selectable<StationApplicationsTable>

export interface StationApplicationTables {
  station_applications: StationApplicationsTable
}

declare module './schema' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merged into schema.ts's Database
  interface Database extends StationApplicationTables {}
}
