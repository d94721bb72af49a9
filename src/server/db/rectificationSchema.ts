/** Kysely types of the rectification and appeal tables of migrations 0021 and 0022 (issue 9 item 6). */
import type { ColumnType } from 'kysely'
import type { AppealState } from '../../domain/appeal'
import type { RectificationState } from '../../domain/rectification'
import type { JsonColumn, Timestamp } from './schema'

export interface RectificationProjectionsTable {
  /** The stream id 'rectification:<uuid>'. */
  id: string
  station_id: string
  /** 'rating' or 'complaint'. */
  source_kind: string
  source_subject: string
  status: string
  owner_staff_id: string | null
  opened_at: Timestamp
  due_at: Timestamp
  closed_at: Timestamp | null
  needs_attention: boolean
  state: JsonColumn<RectificationState>
  last_seq: number
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface AppealProjectionsTable {
  /** The stream id 'appeal:<uuid>'. */
  id: string
  station_id: string
  /** The appealed rating's stream 'rating:<uuid>'. */
  rating_stream: string
  /** 'filed', 'upheld' or 'rejected'. */
  status: string
  filed_at: Timestamp
  decided_at: Timestamp | null
  needs_attention: boolean
  state: JsonColumn<AppealState>
  last_seq: number
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface RectificationTables {
  rectification_projections: RectificationProjectionsTable
  appeal_projections: AppealProjectionsTable
}

declare module './schema' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merged into schema.ts's Database
  interface Database extends RectificationTables {}
}
