/** The office audit viewer (issue 8 item 8): filtered pages of /api/office/audit, newest first (admin, online only). */
import { acceptHMRUpdate, defineStore } from 'pinia'
import { useFilteredPages } from './filteredPages'

/** src/server/routes/api/officeAudit.ts OfficeAuditView. */
export interface OfficeAuditEntry {
  id: string
  at: string
  username: string
  action: string
  targetType: string
  targetId: string | null
  stationId: string | null
  divisionCode: string | null
  details: Record<string, unknown>
}

export interface OfficeAuditFilter {
  from?: string
  to?: string
  username?: string
  action?: string
  stationId?: string
}

export const useOfficeAuditStore = defineStore('officeAudit', () => useFilteredPages<OfficeAuditEntry, OfficeAuditFilter>('/api/office/audit'))

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useOfficeAuditStore, import.meta.hot))
