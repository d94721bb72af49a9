/**
 * The sync module's public face: the protocol client, the engine, and wiring to the app's data layer.
 * The UI wraps `engine.subscribe` in a Pinia store; views never import this directly.
 */
import type { FetchLike, SyncClient } from './client'
import type { SyncEngine, SyncEngineOptions } from './engine'
import type { Enrollment, SyncPort } from '../data'
import { appVersion } from '../appVersion'
import { createDataSyncPort, saveEnrollment } from '../data'
import { createSyncClient } from './client'
import { createSyncEngine } from './engine'

export * from './backoff'
export * from './client'
export * from './engine'
export * from './httpErrors'
export * from './messages'
export * from './pushBatches'
export type { DeviceIdentity, Enrollment, ImportResult, RejectedItem, OutboxItem, StoredBlob, SyncPort } from '../data'
export { exportUnsent, importUnsent, parseUnsentFile, UNSENT_FORMAT, UNSENT_VERSION } from './transfer'
export type { ImportSummary, UnsentFile } from './transfer'

export interface AppSyncOptions extends Partial<Omit<SyncEngineOptions, 'client' | 'port'>> {
  /** Server origin; defaults to the page's origin. */
  baseUrl?: string
  fetch?: FetchLike
  /** Defaults to the app's data layer. */
  port?: SyncPort
}

/** The engine wired to the app's database and build version. */
export function createAppSyncEngine(options: AppSyncOptions = {}): { engine: SyncEngine, client: SyncClient, port: SyncPort } {
  const port = options.port ?? createDataSyncPort()
  const client = createSyncClient({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    appVersion,
    now: options.now,
    getToken: async () => (await port.getDevice())?.token,
  })
  const { baseUrl: _b, fetch: _f, port: _p, ...engineOptions } = options
  return { engine: createSyncEngine({ ...engineOptions, client, port }), client, port }
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
