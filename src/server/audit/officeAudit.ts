/**
 * The office audit log (issue 8 item 8): every office action — account, station, staff, PIN, catalog,
 * calendar, device, review — is one row, written in the same transaction as the change it records.
 * Details say what changed, never a password, PIN, token or citizen's personal data.
 */
import type { Kysely, Transaction } from 'kysely'
import type { OfficeUser } from '../auth/officeSessions'
import type { Database } from '../db'
import { jsonb } from '../db'

export interface OfficeAuditEntry {
  action: string
  targetType: string
  targetId?: string | null
  stationId?: string | null
  /** Division of the target; defaults to the acting office's division. */
  divisionCode?: string | null
  details?: Record<string, unknown>
}

export async function recordOfficeAudit(db: Kysely<Database> | Transaction<Database>, who: Pick<OfficeUser, 'username' | 'divisionCode'>, entry: OfficeAuditEntry, at: Date = new Date()): Promise<void> {
  await db.insertInto('office_audit').values({
    at,
    username: who.username,
    action: entry.action,
    target_type: entry.targetType,
    target_id: entry.targetId ?? null,
    station_id: entry.stationId ?? null,
    division_code: entry.divisionCode ?? who.divisionCode,
    details: jsonb(entry.details ?? {}),
  }).execute()
}
