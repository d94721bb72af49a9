/**
 * A station's tablets for the office pages (issue 8 item 5): the list (last sync, version, clock offset,
 * unsent count reported), minting a one-time enrollment code with its QR URL, and revoking.
 */
import type { z } from 'zod'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { enrollmentUrl } from '../device/enrollLink'
import type { OfficeCallOptions } from '../office/officeClient'
import { useOfficeStore } from './office'
import type { MintCodeAnswer, OfficeDevice } from '../../domain/protocol'
import { deviceListAnswerSchema, mintCodeAnswerSchema, revokeDeviceAnswerSchema } from '../../domain/protocol'

export type { OfficeDevice } from '../../domain/protocol'

export interface MintedCode extends MintCodeAnswer {
  /** What the QR code encodes (SYNC-API.md "Enrollment QR"). */
  url: string
}

/** The server address tablets should use: this page's origin (the office console is served by the same server). */
function serverOrigin(): string {
  return typeof location !== 'undefined' ? location.origin : 'http://localhost'
}

export const useOfficeDevicesStore = defineStore('officeDevices', () => {
  // The office store is read when calling, not in setup (stores do not read each other in setup).
  const request = <T>(path: string, options: OfficeCallOptions, schema: z.ZodType<T>): Promise<T> => useOfficeStore().request(path, options, schema)
  const devices = shallowRef<OfficeDevice[]>([])
  const minted = shallowRef<MintedCode | null>(null)

  async function load(stationId: string): Promise<OfficeDevice[]> {
    const answer = await request(`/api/office/stations/${encodeURIComponent(stationId)}/devices`, {}, deviceListAnswerSchema)
    devices.value = answer.devices
    return answer.devices
  }

  async function mint(stationId: string): Promise<MintedCode> {
    const answer = await request('/api/office/enrollment-codes', { method: 'POST', body: { stationId } }, mintCodeAnswerSchema)
    minted.value = { ...answer, url: enrollmentUrl(serverOrigin(), answer.code) }
    return minted.value
  }

  async function revoke(stationId: string, deviceId: string): Promise<void> {
    await request(`/api/office/devices/${encodeURIComponent(deviceId)}/revoke`, { method: 'POST' }, revokeDeviceAnswerSchema)
    await load(stationId)
  }

  function forgetCode(): void {
    minted.value = null
  }

  return { devices, minted, load, mint, revoke, forgetCode }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useOfficeDevicesStore, import.meta.hot))
