/** The stations' personal-data access log (issue 11 item 3): filtered pages of /api/office/audit/access, newest first (admin, online only). */
import { acceptHMRUpdate, defineStore } from 'pinia'
import { useFilteredPages } from './filteredPages'

/** src/server/routes/api/officeAccessLog.ts AccessLogView. */
export interface AccessLogEntry {
  seq: string
  eventId: string
  kind: 'revealed' | 'exported'
  occurredAt: string
  stationId: string
  stationName: string
  deviceId: string
  staffId: string | null
  staffName: string | null
  details: Record<string, unknown>
}

export interface AccessLogFilter {
  from?: string
  to?: string
  stationId?: string
  staffId?: string
  kind?: string
  field?: string
}

export const useOfficeAccessLogStore = defineStore('officeAccessLog', () => useFilteredPages<AccessLogEntry, AccessLogFilter>('/api/office/audit/access'))

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useOfficeAccessLogStore, import.meta.hot))
