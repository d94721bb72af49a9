/** Kysely type of the rate-limit counters of migration 0008 (issue 10 item 5). */
import type { ColumnType } from 'kysely'

export interface RateLimitsTable {
  /** Namespaced by the caller, e.g. 'enroll:addr:192.0.2.7' or 'office-signin:user:admin'. */
  key: string
  window_start: ColumnType<Date, Date | string, never>
  /** The window's end: rows past it are pruned. */
  expires_at: ColumnType<Date, Date | string, never>
  hits: number
}

export interface RateLimitTables {
  rate_limits: RateLimitsTable
}

declare module './schema' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merged into schema.ts's Database
  interface Database extends RateLimitTables {}
}
