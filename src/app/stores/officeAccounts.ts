/** Office accounts of the admin's division (issue 8 item 1): list, create, change, deactivate, reset a password (online only). */
import type { OfficeAccount } from './office'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { useOfficeStore } from './office'

/** src/server/routes/api/officeAccounts.ts OfficeAccountView. */
export interface OfficeAccountRow extends OfficeAccount {
  active: boolean
  createdAt: string
  updatedAt: string
}

export interface NewOfficeAccountInput {
  username: string
  password: string
  role: OfficeAccount['role']
  divisionCode: string
  displayName: string
}

export type OfficeAccountPatch = Partial<Pick<OfficeAccountRow, 'role' | 'displayName' | 'active'>>

export const useOfficeAccountsStore = defineStore('officeAccounts', () => {
  const accounts = shallowRef<OfficeAccountRow[]>([])

  async function load(): Promise<void> {
    accounts.value = (await useOfficeStore().request<{ accounts: OfficeAccountRow[] }>('/api/office/accounts')).accounts
  }

  function replace(row: OfficeAccountRow): void {
    const rest = accounts.value.filter(a => a.username !== row.username)
    accounts.value = [...rest, row].sort((a, b) => a.divisionCode.localeCompare(b.divisionCode) || a.username.localeCompare(b.username))
  }

  async function create(input: NewOfficeAccountInput): Promise<OfficeAccountRow> {
    const row = await useOfficeStore().request<OfficeAccountRow>('/api/office/accounts', { method: 'POST', body: { ...input, username: input.username.trim() } })
    replace(row)
    return row
  }

  async function update(username: string, patch: OfficeAccountPatch): Promise<OfficeAccountRow> {
    const row = await useOfficeStore().request<OfficeAccountRow>(`/api/office/accounts/${encodeURIComponent(username)}`, { method: 'PATCH', body: patch })
    replace(row)
    return row
  }

  async function resetPassword(username: string, password: string): Promise<void> {
    replace(await useOfficeStore().request<OfficeAccountRow>(`/api/office/accounts/${encodeURIComponent(username)}/password`, { method: 'POST', body: { password } }))
  }

  return { accounts, load, create, update, resetPassword }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useOfficeAccountsStore, import.meta.hot))
