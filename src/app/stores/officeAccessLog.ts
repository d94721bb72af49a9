/** The stations' personal-data access log (issue 11 item 3): filtered pages of /api/office/audit/access, newest first (admin, online only). */
import type { AccessLogEntry } from '../../domain/protocol'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { accessLogPageAnswerSchema } from '../../domain/protocol'
import { useFilteredPages } from './filteredPages'

export type { AccessLogEntry } from '../../domain/protocol'

export interface AccessLogFilter {
  from?: string
  to?: string
  stationId?: string
  staffId?: string
  kind?: string
  field?: string
}

export const useOfficeAccessLogStore = defineStore('officeAccessLog', () => useFilteredPages<AccessLogEntry, AccessLogFilter>('/api/office/audit/access', accessLogPageAnswerSchema))

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useOfficeAccessLogStore, import.meta.hot))
