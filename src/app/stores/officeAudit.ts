/** The office audit viewer (issue 8 item 8): filtered pages of /api/office/audit, newest first (admin, online only). */
import type { OfficeAuditEntry } from '../../domain/protocol'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { auditPageAnswerSchema } from '../../domain/protocol'
import { useFilteredPages } from './filteredPages'

export type { OfficeAuditEntry } from '../../domain/protocol'

export interface OfficeAuditFilter {
  from?: string
  to?: string
  username?: string
  action?: string
  stationId?: string
}

export const useOfficeAuditStore = defineStore('officeAudit', () => useFilteredPages<OfficeAuditEntry, OfficeAuditFilter>('/api/office/audit', auditPageAnswerSchema))

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useOfficeAuditStore, import.meta.hot))
