/** Kysely types of the inspection tables of migration 0014 (issue 8 item 6). */
import type { ColumnType } from 'kysely'
import type { InspectionState } from '../../domain/inspection'
import type { JsonColumn, Timestamp } from './schema'

export interface InspectionProjectionsTable {
  /** The stream id 'inspection:<uuid>'. */
  id: string
  station_id: string
  /** 'self' (自查) or 'office' (巡查). */
  kind: string
  tier: string
  inspected_at: Timestamp
  /** CST civil day 'YYYY-MM-DD'. */
  inspected_on: string
  findings: number
  findings_open: number
  needs_attention: boolean
  state: JsonColumn<InspectionState>
  last_seq: number
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface InspectionTasksTable {
  inspection_id: string
  check_id: string
  station_id: string
  due_at: Timestamp | null
  fixed_at: Timestamp | null
}

export interface InspectionTables {
  inspection_projections: InspectionProjectionsTable
  inspection_tasks: InspectionTasksTable
}

declare module './schema' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merged into schema.ts's Database
  interface Database extends InspectionTables {}
}
