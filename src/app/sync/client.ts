/**
 * HTTP client for the sync protocol v1 (DESIGN §4): enroll, health, push, pull, blobs.
 * It only speaks HTTP; the engine decides what to send and what to keep. `fetch` and the base URL
 * are injectable so tests can drive the real server app in-process.
 */
import type { z } from 'zod'
import type { DomainEvent } from '../../domain/events'
import type { EnrollAnswer, HealthAnswer, PullAnswer, PushAnswer } from '../../domain/protocol'
import { blobPutAnswerSchema, enrollAnswerSchema, healthAnswerSchema, parseAnswer, pullAnswerSchema, pushAnswerSchema } from '../../domain/protocol'
import { BlobHashMismatchError, BlobQuotaExceededError, BlobTypeRefusedError, HttpError, MalformedAnswerError, NetworkError, UnauthorizedError, UpdateRequiredError } from './httpErrors'
import { isCount, pushBody } from './pushBatches'

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>

export interface PushOptions {
  /**
   * Addition (SYNC-API.md): the events are another tablet's of this station (an imported export file) and
   * keep its deviceId; the server accepts any device ever enrolled at the token's station.
   */
  relay?: boolean
  /**
   * Addition (SYNC-API.md): this tablet's outbox size when sending, this batch included, so the office sees
   * what waits on the tablet. Servers that do not know it ignore it.
   */
  unsent?: number
}

/** Timing of one round trip, for the clock offset (offset = serverTime − local midpoint). */
export interface Timed<T> {
  body: T
  sentAt: number
  receivedAt: number
}

export interface SyncClientOptions {
  /** Server origin, e.g. 'https://station.example'; defaults to the page's origin. */
  baseUrl?: string
  /** Injectable fetch (tests pass the in-process server app). Defaults to globalThis.fetch. */
  fetch?: FetchLike
  /** The device token; read on every request so a re-enrollment takes effect at once. */
  getToken?: () => string | null | undefined | Promise<string | null | undefined>
  /** This app's version, sent with every push for the 426 check. */
  appVersion: string
  /** Clock used to time requests (tests skew it). */
  now?: () => number
}

export interface SyncClient {
  /** The app version sent with pushes. */
  readonly appVersion: string
  health: (signal?: AbortSignal) => Promise<HealthAnswer>
  enroll: (code: string, deviceName: string, signal?: AbortSignal) => Promise<Timed<EnrollAnswer>>
  push: (events: readonly DomainEvent[], signal?: AbortSignal, options?: PushOptions) => Promise<Timed<PushAnswer>>
  /** `unsent` (addition, SYNC-API.md): the outbox size at this pull, for the office's device list. */
  pull: (params: { cursor: number, limit?: number, refRevision?: number | null, unsent?: number }, signal?: AbortSignal) => Promise<Timed<PullAnswer>>
  putBlob: (sha256: string, bytes: Blob | ArrayBuffer | Uint8Array, signal?: AbortSignal) => Promise<'created' | 'exists'>
  getBlob: (sha256: string, signal?: AbortSignal) => Promise<Blob>
}

function defaultBaseUrl(): string {
  return typeof location !== 'undefined' ? location.origin : ''
}

/** Creates the protocol client (DESIGN §4). */
export function createSyncClient(options: SyncClientOptions): SyncClient {
  const baseUrl = (options.baseUrl ?? defaultBaseUrl()).replace(/\/+$/, '')
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const now = options.now ?? Date.now

  async function headers(extra: Record<string, string> = {}): Promise<Record<string, string>> {
    const h: Record<string, string> = { Accept: 'application/json', ...extra }
    const token = options.getToken ? await options.getToken() : null
    if (token)
      h.Authorization = `Bearer ${token}`
    return h
  }

  async function send(path: string, init: RequestInit): Promise<Response> {
    try {
      return await doFetch(`${baseUrl}${path}`, init)
    }
    catch (error) {
      if (init.signal?.aborted)
        throw init.signal.reason ?? error
      throw new NetworkError(error instanceof Error ? error.message : String(error), { cause: error })
    }
  }

  async function readJson(res: Response): Promise<unknown> {
    const text = await res.text().catch((error: unknown) => {
      throw new NetworkError('connection dropped while reading the answer', { cause: error })
    })
    if (!text)
      return null
    try {
      return JSON.parse(text) as unknown
    }
    catch {
      return text
    }
  }

  async function failure(res: Response): Promise<never> {
    const body = await readJson(res).catch(() => null)
    if (res.status === 426) {
      const min = body && typeof body === 'object' && 'minAppVersion' in body ? String((body as { minAppVersion: unknown }).minAppVersion) : null
      throw new UpdateRequiredError(min, body)
    }
    if (res.status === 401)
      throw new UnauthorizedError(body)
    throw new HttpError(res.status, body)
  }

  /** One call whose 2xx answer is parsed with the contract's schema; anything else is a MalformedAnswerError. */
  async function json<S extends z.ZodType>(path: string, init: RequestInit, schema: S): Promise<Timed<z.output<S>>> {
    const sentAt = now()
    const res = await send(path, init)
    if (!res.ok)
      return failure(res)
    const parsed = parseAnswer(schema, await readJson(res))
    if (!parsed.ok)
      throw new MalformedAnswerError(path.split('?', 1)[0] ?? path, parsed.problems)
    return { body: parsed.value, sentAt, receivedAt: now() }
  }

  return {
    appVersion: options.appVersion,

    async health(signal) {
      // Whatever answers that is not our server's health (a captive portal's page) means: not online.
      const res = await json('/api/health', { method: 'GET', headers: { Accept: 'application/json' }, signal }, healthAnswerSchema).catch((error: unknown) => {
        throw error instanceof MalformedAnswerError ? new NetworkError('health check did not answer ok', { cause: error }) : error
      })
      if (res.body.status !== 'ok')
        throw new NetworkError('health check did not answer ok')
      return res.body
    },

    async enroll(code, deviceName, signal) {
      return json('/api/devices/enroll', {
        method: 'POST',
        headers: { 'Accept': 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify({ code, deviceName }),
        signal,
      }, enrollAnswerSchema)
    },

    async push(events, signal, pushOptions) {
      return json('/api/sync/push', {
        method: 'POST',
        headers: await headers({ 'Content-Type': 'application/json' }),
        body: pushBody(options.appVersion, events, new Date(now()).toISOString(), pushOptions?.relay === true, pushOptions?.unsent),
        signal,
      }, pushAnswerSchema)
    },

    async pull({ cursor, limit, refRevision, unsent }, signal) {
      const q = new URLSearchParams({ cursor: String(cursor) })
      if (limit !== undefined)
        q.set('limit', String(limit))
      if (refRevision !== undefined && refRevision !== null)
        q.set('refRevision', String(refRevision))
      if (isCount(unsent))
        q.set('unsent', String(unsent))
      return json(`/api/sync/pull?${q.toString()}`, { method: 'GET', headers: await headers(), signal }, pullAnswerSchema)
    },

    async putBlob(sha256, bytes, signal) {
      const body = bytes instanceof Uint8Array ? new Blob([bytes as Uint8Array<ArrayBuffer>]) : bytes
      const res = await send(`/api/blobs/${encodeURIComponent(sha256)}`, {
        method: 'PUT',
        headers: await headers({ 'Content-Type': 'application/octet-stream' }),
        body,
        signal,
      })
      if (res.status === 400)
        throw new BlobHashMismatchError(sha256, await readJson(res).catch(() => null))
      if (res.status === 415)
        throw new BlobTypeRefusedError(sha256, await readJson(res).catch(() => null))
      if (res.status === 507)
        throw new BlobQuotaExceededError(await readJson(res).catch(() => null))
      if (!res.ok)
        return failure(res)
      const answer = parseAnswer(blobPutAnswerSchema, await readJson(res))
      if (!answer.ok || answer.value.sha256 !== sha256)
        throw new MalformedAnswerError('/api/blobs', answer.ok ? `sha256 ${answer.value.sha256} is not ${sha256}` : answer.problems)
      return res.status === 201 ? 'created' : 'exists'
    },

    async getBlob(sha256, signal) {
      const res = await send(`/api/blobs/${encodeURIComponent(sha256)}`, { method: 'GET', headers: await headers({ Accept: 'application/octet-stream' }), signal })
      if (!res.ok)
        return failure(res)
      return res.blob()
    },
  }
}

/** Clock offset of the server relative to this device: serverTime − local midpoint of the request. */
export function clockOffsetMs(serverTime: string, sentAt: number, receivedAt: number): number | null {
  const server = Date.parse(serverTime)
  if (Number.isNaN(server))
    return null
  return Math.round(server - (sentAt + receivedAt) / 2)
}
