/**
 * Kysely types of the office tables of migration 0006 (issue 8): sessions and the audit log. The
 * accounts table itself is in referenceSchema.ts (it dates from 0002).
 */
import type { ColumnType, Generated } from 'kysely'
import type { JsonColumn } from './schema'

export interface OfficeSessionsTable {
  /** SHA-256 (hex) of the cookie's token: the token itself is never stored. */
  token_hash: string
  username: string
  created_at: ColumnType<Date, Date | string | undefined, never>
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>
  expires_at: ColumnType<Date, Date | string, Date | string>
}

export interface OfficeAuditTable {
  id: Generated<string>
  at: ColumnType<Date, Date | string | undefined, never>
  username: string
  /** Dotted verb, e.g. 'account.created', 'station.approved', 'staff.pinReset', 'calendar.imported'. */
  action: string
  /** 'account' | 'station' | 'application' | 'staff' | 'item' | 'calendar' | 'device' | 'inspection' | … */
  target_type: string
  target_id: string | null
  station_id: string | null
  /** Division of the target (station county code, or the account's division), for scoped reading. */
  division_code: string | null
  /** What changed; never passwords, PINs, tokens or citizens' personal data. */
  details: JsonColumn<Record<string, unknown>>
}

export interface OfficeTables {
  office_sessions: OfficeSessionsTable
  office_audit: OfficeAuditTable
}

declare module './schema' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merged into schema.ts's Database
  interface Database extends OfficeTables {}
}
