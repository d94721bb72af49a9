/** The office audit viewer (issue 8 item 8): filtered pages of /api/office/audit, newest first (admin, online only). */
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { useOfficeStore } from './office'

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

const PAGE = 50

export const useOfficeAuditStore = defineStore('officeAudit', () => {
  const entries = shallowRef<OfficeAuditEntry[]>([])
  const nextBefore = ref<string | null>(null)
  let filter: OfficeAuditFilter = {}

  async function page(before: string | null): Promise<{ entries: OfficeAuditEntry[], nextBefore: string | null }> {
    const qs = new URLSearchParams({ limit: String(PAGE) })
    for (const [key, value] of Object.entries(filter)) {
      if (typeof value === 'string' && value.trim())
        qs.set(key, value.trim())
    }
    if (before)
      qs.set('before', before)
    return useOfficeStore().request(`/api/office/audit?${qs.toString()}`)
  }

  /** The first page of a new filter. */
  async function search(next: OfficeAuditFilter = {}): Promise<void> {
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
  import.meta.hot.accept(acceptHMRUpdate(useOfficeAuditStore, import.meta.hot))
