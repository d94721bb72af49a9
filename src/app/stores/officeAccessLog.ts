/** The stations' personal-data access log (issue 11 item 3): filtered pages of /api/office/audit/access, newest first (admin, online only). */
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { useOfficeStore } from './office'

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

const PAGE = 50

export const useOfficeAccessLogStore = defineStore('officeAccessLog', () => {
  const entries = shallowRef<AccessLogEntry[]>([])
  const nextBefore = ref<string | null>(null)
  let filter: AccessLogFilter = {}

  async function page(before: string | null): Promise<{ entries: AccessLogEntry[], nextBefore: string | null }> {
    const qs = new URLSearchParams({ limit: String(PAGE) })
    for (const [key, value] of Object.entries(filter)) {
      if (typeof value === 'string' && value.trim())
        qs.set(key, value.trim())
    }
    if (before)
      qs.set('before', before)
    return useOfficeStore().request(`/api/office/audit/access?${qs.toString()}`)
  }

  async function search(next: AccessLogFilter = {}): Promise<void> {
    filter = { ...next }
    const answer = await page(null)
    entries.value = answer.entries
    nextBefore.value = answer.nextBefore
  }

  async function more(): Promise<void> {
    if (!nextBefore.value)
      return
    const answer = await page(nextBefore.value)
    entries.value = [...entries.value, ...answer.entries]
    nextBefore.value = answer.nextBefore
  }

  return { entries, nextBefore, search, more }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useOfficeAccessLogStore, import.meta.hot))
