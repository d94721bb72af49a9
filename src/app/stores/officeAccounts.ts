/** Office accounts of the admin's division (issue 8 item 1): list, create, change, deactivate, reset a password (online only). */
import type { NewOfficeAccount, OfficeAccountPatch, OfficeAccountView } from '../../domain/protocol'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { accountListAnswerSchema, officeAccountViewSchema } from '../../domain/protocol'
import { useOfficeStore } from './office'

export type { OfficeAccountPatch } from '../../domain/protocol'
/** An account as the accounts API answers it. */
export type OfficeAccountRow = OfficeAccountView
/** The create form's fields (POST /api/office/accounts). */
export type NewOfficeAccountInput = NewOfficeAccount

export const useOfficeAccountsStore = defineStore('officeAccounts', () => {
  const accounts = shallowRef<OfficeAccountRow[]>([])

  async function load(): Promise<void> {
    accounts.value = (await useOfficeStore().request('/api/office/accounts', {}, accountListAnswerSchema)).accounts
  }

  function replace(row: OfficeAccountRow): void {
    const rest = accounts.value.filter(a => a.username !== row.username)
    accounts.value = [...rest, row].sort((a, b) => a.divisionCode.localeCompare(b.divisionCode) || a.username.localeCompare(b.username))
  }

  async function create(input: NewOfficeAccountInput): Promise<OfficeAccountRow> {
    const row = await useOfficeStore().request('/api/office/accounts', { method: 'POST', body: { ...input, username: input.username.trim() } }, officeAccountViewSchema)
    replace(row)
    return row
  }

  async function update(username: string, patch: OfficeAccountPatch): Promise<OfficeAccountRow> {
    const row = await useOfficeStore().request(`/api/office/accounts/${encodeURIComponent(username)}`, { method: 'PATCH', body: patch }, officeAccountViewSchema)
    replace(row)
    return row
  }

  async function resetPassword(username: string, password: string): Promise<void> {
    replace(await useOfficeStore().request(`/api/office/accounts/${encodeURIComponent(username)}/password`, { method: 'POST', body: { password } }, officeAccountViewSchema))
  }

  return { accounts, load, create, update, resetPassword }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useOfficeAccountsStore, import.meta.hot))
