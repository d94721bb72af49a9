/**
 * The supervising office in the app (DESIGN §1: the same app, online, under its own role; issue 5 item 3):
 * who is signed in kept in sessionStorage for this tab only (never localStorage, never Dexie: the office
 * signs in on a shared desktop, not on an enrolled tablet), and the cross-station quality metrics with
 * their drill-down, read from /api/office/* with the session cookie set by POST /api/office/session (officeClient.ts).
 * Tests inject a fetch (setOfficeFetch).
 */
import type { z } from 'zod'
import type { CivilDate } from '../../domain/calendar'
import type { MetricPeriod } from '../../domain/metricPeriods'
import type { DrillMetric, OfficeMeAnswer, OfficeMetricCasesAnswer, OfficeMetricsAnswer } from '../../domain/protocol'
import type { OfficeCallOptions } from '../office/officeClient'
import { noContentAnswerSchema, officeMetricCasesAnswerSchema, officeMetricsAnswerSchema, signInAnswerSchema } from '../../domain/protocol'
import { OfficeError, officeCall } from '../office/officeClient'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'

export type { DrillMetric, OfficeMetricCase, OfficeMetricCasesAnswer, OfficeMetricsAnswer, OfficeStationRow, RateSummary } from '../../domain/protocol'

/** Who is signed in (GET /api/office/me): admin (accounts, stations, catalog, calendar), reviewer (applications, inspections, results), viewer. */
export type OfficeAccount = OfficeMeAnswer

export { OfficeError, setOfficeFetch } from '../office/officeClient'
export type { OfficeFieldError } from '../office/officeClient'

const SESSION_KEY = 'bianmin.office'

/** Who is signed in, for this tab only: the session itself is an HttpOnly cookie the page never reads. */
function readSaved(): OfficeAccount | null {
  try {
    const raw = globalThis.sessionStorage?.getItem(SESSION_KEY)
    const saved = raw ? JSON.parse(raw) as Partial<OfficeAccount> : null
    return saved && typeof saved.username === 'string' && typeof saved.role === 'string' ? saved as OfficeAccount : null
  }
  catch {
    return null
  }
}

function writeSaved(saved: OfficeAccount | null): void {
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
  const account = shallowRef<OfficeAccount | null>(readSaved())
  const signedIn = computed(() => account.value !== null)
  const role = computed(() => account.value?.role ?? null)
  /** admin may change accounts, stations, catalog and calendar; reviewer decides applications and inspections. */
  const can = (...roles: OfficeAccount['role'][]): boolean => role.value !== null && roles.includes(role.value)

  /** POST /api/office/session: the server sets the session cookie; the account is kept for this tab. */
  async function login(username: string, password: string): Promise<OfficeAccount> {
    let me: OfficeAccount
    try {
      me = await officeCall('/api/office/session', { method: 'POST', body: { username: username.trim(), password } }, signInAnswerSchema)
    }
    catch (error) {
      if (error instanceof OfficeError && error.kind === 'unauthorized')
        throw new OfficeError('unauthorized', null, [], error.serverCode, 'office.wrongLogin')
      throw error
    }
    const kept: OfficeAccount = { username: me.username, displayName: me.displayName, role: me.role, divisionCode: me.divisionCode }
    account.value = kept
    writeSaved(kept)
    return kept
  }

  function forget(): void {
    account.value = null
    metrics.value = null
    drill.value = null
    writeSaved(null)
  }

  /** DELETE /api/office/session, then forget the account here (also when the server cannot be reached). */
  async function logout(): Promise<void> {
    try {
      await officeCall('/api/office/session', { method: 'DELETE' }, noContentAnswerSchema)
    }
    catch {
      // Signed out here all the same; the session expires on the server by itself.
    }
    forget()
  }

  /** A call answered 401 (session expired, account deactivated): forget it, let the caller send to login. */
  async function guarded<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run()
    }
    catch (error) {
      if (error instanceof OfficeError && error.kind === 'unauthorized')
        forget()
      throw error
    }
  }

  /** An office API call for the office pages' own stores, its answer parsed with the contract's schema: 401 signs out here. */
  function request<T>(path: string, options: OfficeCallOptions, schema: z.ZodType<T>): Promise<T> {
    return guarded(() => officeCall<T>(path, options, schema))
  }

  const metrics = shallowRef<OfficeMetricsAnswer | null>(null)
  const drill = shallowRef<OfficeMetricCasesAnswer | null>(null)

  async function loadMetrics(query: { from: CivilDate, to: CivilDate, period: MetricPeriod, stationId?: string }): Promise<OfficeMetricsAnswer> {
    const qs = new URLSearchParams({ from: query.from, to: query.to, period: query.period, ...(query.stationId ? { stationId: query.stationId } : {}) })
    const answer = await request(`/api/office/metrics?${qs.toString()}`, {}, officeMetricsAnswerSchema)
    metrics.value = answer
    return answer
  }

  async function loadCases(query: { from: CivilDate, to: CivilDate, metric: DrillMetric, stationId?: string }): Promise<OfficeMetricCasesAnswer> {
    const qs = new URLSearchParams({ from: query.from, to: query.to, metric: query.metric, ...(query.stationId ? { stationId: query.stationId } : {}) })
    const answer = await request(`/api/office/metrics/cases?${qs.toString()}`, {}, officeMetricCasesAnswerSchema)
    drill.value = answer
    return answer
  }

  function closeDrill(): void {
    drill.value = null
  }

  return { account, signedIn, role, can, login, logout, forget, request, metrics, drill, loadMetrics, loadCases, closeDrill }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useOfficeStore, import.meta.hot))
