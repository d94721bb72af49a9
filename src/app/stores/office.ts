/**
 * The supervising office in the app (DESIGN §1: the same app, online, under its own role; issue 5 item 3):
 * an office login kept in sessionStorage for this tab only (never localStorage, never Dexie: the office
 * signs in on a shared desktop, not on an enrolled tablet), and the cross-station quality metrics with
 * their drill-down, read from /api/office/* with HTTP Basic. Tests inject a fetch (setOfficeFetch).
 */
import type { CivilDate } from '../../domain/calendar'
import type { MetricBucket, MetricPeriod } from '../../domain/metricPeriods'
import type { IncompleteGuide } from '../../domain/disclosure'
import type { MetricCase, MetricUndetermined } from '../../domain/metrics'
import type { FetchLike } from '../sync'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'

/** One 6.2 rate as the server answers it (src/server/metrics/officeMetrics.ts RateSummary). */
export interface OfficeRate {
  due: number
  onTime: number
  late: number
  pending: number
  undetermined: number
  rate: number | null
  display: string
}

export interface OfficeDisclosure {
  offered: number
  complete: number
  rate: number | null
  display: string
  incomplete: IncompleteGuide[]
}

export interface OfficeStationMetrics {
  onTimeCompletion: OfficeRate
  disclosure: OfficeDisclosure
  timelyHandling: OfficeRate
  consultations: OfficeRate
  complaints: OfficeRate
  series: { bucket: MetricBucket, onTimeCompletion: OfficeRate, timelyHandling: OfficeRate }[]
}

export interface OfficeStationRow extends OfficeStationMetrics {
  stationId: string
  code: string
  name: string
  countyCode: string
  county: string | null
  state: string
}

export interface OfficeMetrics {
  from: CivilDate
  to: CivilDate
  period: MetricPeriod
  asOf: string
  stations: OfficeStationRow[]
  overall: OfficeStationMetrics
}

export type OfficeDrillMetric = 'onTime' | 'consultation'

export interface OfficeMetricCase extends MetricCase {
  stationId: string
  maskedName: string | null
}

export interface OfficeMetricCases {
  stationId: string | null
  metric: OfficeDrillMetric
  from: CivilDate
  to: CivilDate
  asOf: string
  summary: OfficeRate
  cases: OfficeMetricCase[]
  pending: OfficeMetricCase[]
  undetermined: (MetricUndetermined & { stationId: string })[]
}

export interface OfficeAccount {
  username: string
  displayName: string
}

/** An office call failed; `message` is Chinese and shown as is. */
export class OfficeError extends Error {
  override readonly name = 'OfficeError'
  constructor(readonly code: 'unauthorized' | 'offline' | 'server' | 'invalid', message: string) {
    super(message)
  }
}

const SESSION_KEY = 'bianmin.office'

export const officeMessages = {
  wrongLogin: '用户名或密码不正确',
  offline: '无法连接中心服务器，主管机构页面需要联网使用',
  server: '中心服务器暂时无法处理请求，请稍后重试',
} as const

let injectedFetch: FetchLike | undefined
/** Tests: send office calls through this fetch (e.g. into the in-process server) instead of the network. */
export function setOfficeFetch(fetch: FetchLike | undefined): void {
  injectedFetch = fetch
}

function baseUrl(): string {
  return typeof location !== 'undefined' ? location.origin : 'http://localhost'
}

/** HTTP Basic credentials, UTF-8 (RFC 7617 charset="UTF-8", as the server announces). */
export function basicAuth(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`)
  let binary = ''
  for (const b of bytes)
    binary += String.fromCharCode(b)
  return `Basic ${btoa(binary)}`
}

interface Saved {
  authorization: string
  account: OfficeAccount
}

function readSaved(): Saved | null {
  try {
    const raw = globalThis.sessionStorage?.getItem(SESSION_KEY)
    return raw ? JSON.parse(raw) as Saved : null
  }
  catch {
    return null
  }
}

function writeSaved(saved: Saved | null): void {
  try {
    if (saved)
      globalThis.sessionStorage?.setItem(SESSION_KEY, JSON.stringify(saved))
    else
      globalThis.sessionStorage?.removeItem(SESSION_KEY)
  }
  catch {
    // Storage refused (private mode): the login lasts as long as this page.
  }
}

export const useOfficeStore = defineStore('office', () => {
  const saved = readSaved()
  const authorization = ref<string | null>(saved?.authorization ?? null)
  const account = shallowRef<OfficeAccount | null>(saved?.account ?? null)
  const signedIn = computed(() => authorization.value !== null && account.value !== null)

  async function call<T>(path: string, auth: string | null = authorization.value): Promise<T> {
    const doFetch: FetchLike = injectedFetch ?? ((input, init) => globalThis.fetch(input, init))
    let res: Response
    try {
      res = await doFetch(`${baseUrl()}${path}`, { headers: { Accept: 'application/json', ...(auth ? { Authorization: auth } : {}) } })
    }
    catch {
      throw new OfficeError('offline', officeMessages.offline)
    }
    if (res.status === 401) {
      throw new OfficeError('unauthorized', officeMessages.wrongLogin)
    }
    if (!res.ok) {
      const body = await res.json().catch(() => null) as { message?: string } | null
      throw new OfficeError(res.status === 400 ? 'invalid' : 'server', body?.message ?? officeMessages.server)
    }
    return await res.json() as T
  }

  /** Checks the login against the server; kept for this tab only when it is right. */
  async function login(username: string, password: string): Promise<OfficeAccount> {
    const auth = basicAuth(username.trim(), password)
    const me = await call<OfficeAccount>('/api/office/me', auth)
    authorization.value = auth
    account.value = me
    writeSaved({ authorization: auth, account: me })
    return me
  }

  function logout(): void {
    authorization.value = null
    account.value = null
    metrics.value = null
    drill.value = null
    writeSaved(null)
  }

  /** A call answered 401 (password changed, account removed): sign out, let the caller send to login. */
  async function guarded<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run()
    }
    catch (error) {
      if (error instanceof OfficeError && error.code === 'unauthorized')
        logout()
      throw error
    }
  }

  const metrics = shallowRef<OfficeMetrics | null>(null)
  const drill = shallowRef<OfficeMetricCases | null>(null)

  async function loadMetrics(query: { from: CivilDate, to: CivilDate, period: MetricPeriod, stationId?: string }): Promise<OfficeMetrics> {
    const qs = new URLSearchParams({ from: query.from, to: query.to, period: query.period, ...(query.stationId ? { stationId: query.stationId } : {}) })
    const answer = await guarded(() => call<OfficeMetrics>(`/api/office/metrics?${qs.toString()}`))
    metrics.value = answer
    return answer
  }

  async function loadCases(query: { from: CivilDate, to: CivilDate, metric: OfficeDrillMetric, stationId?: string }): Promise<OfficeMetricCases> {
    const qs = new URLSearchParams({ from: query.from, to: query.to, metric: query.metric, ...(query.stationId ? { stationId: query.stationId } : {}) })
    const answer = await guarded(() => call<OfficeMetricCases>(`/api/office/metrics/cases?${qs.toString()}`))
    drill.value = answer
    return answer
  }

  function closeDrill(): void {
    drill.value = null
  }

  return { account, signedIn, login, logout, metrics, drill, loadMetrics, loadCases, closeDrill }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useOfficeStore, import.meta.hot))
