/**
 * Kysely types of migration 0012 (issue 8 items 3, 5): staff assessments and trainings, the staff member's
 * mobile, and what a device reported at its last sync. Merged into schema.ts's Database.
 */
import type { ColumnType } from 'kysely'
import type { TrainingKind } from '../../domain/staffing'

type RecordedAt = ColumnType<Date, Date | string | undefined, never>

export interface StaffAssessmentsTable {
  id: string
  staff_id: string
  station_id: string
  /** Civil date 'YYYY-MM-DD' (CST). */
  assessed_on: string
  passed: boolean
  assessor: string
  notes: string | null
  /** Office username who entered it. */
  recorded_by: string
  recorded_at: RecordedAt
}

export interface StaffTrainingsTable {
  id: string
  staff_id: string
  station_id: string
  kind: TrainingKind
  trained_on: string
  hours: number | null
  notes: string | null
  /** 结对帮扶: the mentor (a staff member); null for other kinds. */
  mentor_id: string | null
  recorded_by: string
  recorded_at: RecordedAt
}

export interface StaffRecordTables {
  staff_assessments: StaffAssessmentsTable
  staff_trainings: StaffTrainingsTable
}

declare module './schema' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merged into schema.ts's Database
  interface Database extends StaffRecordTables {}
}

declare module './referenceSchema' {
  interface StaffTable {
    /** 0012: personal data; masked in office lists, never sent to tablets. */
    mobile: ColumnType<string | null, string | null | undefined, string | null>
  }
  interface DevicesTable {
    /** 0012: the last push / pull this device made. */
    last_push_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
    last_pull_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
    /** 0012: outbox size the tablet reported (push/pull `unsent`), as of unsent_reported_at. */
    reported_unsent: ColumnType<number | null, number | null | undefined, number | null>
    unsent_reported_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  }
}
