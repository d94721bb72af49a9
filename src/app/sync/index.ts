/**
 * The sync module's public face: the protocol client, the engine, and wiring to the app's data layer.
 * The UI wraps `engine.subscribe` in a Pinia store; views never import this directly.
 */
import type { FetchLike, SyncClient } from './client'
import type { SyncEngine, SyncEngineOptions } from './engine'
import type { Enrollment, SyncStore } from './store'
import { appVersion } from '../appVersion'
import { createSyncClient } from './client'
import { createDataSyncStore, saveEnrollment } from './dataStore'
import { createSyncEngine } from './engine'

export * from './backoff'
export * from './client'
export * from './engine'
export * from './messages'
export * from './store'
export { blobRefsOf, createDataSyncStore, forgetDeviceToken, saveEnrollment } from './dataStore'
export { exportUnsent, importUnsent, parseUnsentFile, UNSENT_FORMAT, UNSENT_VERSION } from './transfer'
export type { ImportSummary, UnsentFile } from './transfer'

export interface AppSyncOptions extends Partial<Omit<SyncEngineOptions, 'client' | 'store'>> {
  /** Server origin; defaults to the page's origin. */
  baseUrl?: string
  fetch?: FetchLike
  /** Defaults to the app's data layer. */
  store?: SyncStore
}

/** The engine wired to the app's database and build version. */
export function createAppSyncEngine(options: AppSyncOptions = {}): { engine: SyncEngine, client: SyncClient, store: SyncStore } {
  const store = options.store ?? createDataSyncStore()
  const client = createSyncClient({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    appVersion,
    now: options.now,
    getToken: async () => (await store.getDevice())?.token,
  })
  const { baseUrl: _b, fetch: _f, store: _s, ...engineOptions } = options
  return { engine: createSyncEngine({ ...engineOptions, client, store }), client, store }
}

/**
 * Enrolls this tablet with a one-time code (DESIGN §4) and saves deviceId, stationId, token and the
 * deviceSlot addition (left out when the server sends none or a value outside 1…MAX_DEVICE_SLOT).
 * Throws the client's errors (HttpError 400/403 for a bad or used code, NetworkError offline).
 */
export async function enrollDevice(client: SyncClient, code: string, deviceName: string, save: (identity: Enrollment) => Promise<void> = saveEnrollment): Promise<Enrollment & { serverTime: string }> {
  const { body } = await client.enroll(code.trim(), deviceName)
  // The contract's schema reads a slot outside 1…MAX_DEVICE_SLOT as none (domain/protocol/enrollment.ts).
  const deviceSlot = body.deviceSlot
  const identity: Enrollment = { deviceId: body.deviceId, stationId: body.stationId, token: body.token, ...(deviceSlot === undefined ? {} : { deviceSlot }) }
  await save(identity)
  return { ...identity, serverTime: body.serverTime }
}
