/**
 * The results page's calls (GET /api/public/results[/:stationId], src/server/SYNC-API.md) and its routes.
 * Types are repeated here (not imported from the server) so the page stays its own small entry.
 */
import type { RatingDimension, RatingLevel } from '../../../domain/rating/scale'

export interface DimensionFigure {
  average: number | null
  satisfiedRate: number | null
  byLevel: Record<RatingLevel, number>
}

export interface SatisfactionSummary {
  total: number
  excluded: number
  byLevel: Record<RatingLevel, number>
  bad: number
  satisfiedRate: number | null
  dimensions: Record<RatingDimension, DimensionFigure>
}

export interface PublicStation {
  id: string
  name: string
  countyCode: string
}

export interface StationResults {
  station: PublicStation
  from: string
  to: string
  namesMasked: boolean
  summary: SatisfactionSummary
  staff: { staffId: string, name: string, summary: SatisfactionSummary }[]
}

export type ResultsRoute
  = | { kind: 'stations' }
    | { kind: 'station', stationId: string, staffId: string | null }

/** /results, /results/<stationId>, /results/<stationId>/staff/<staffId>. */
export function routeFromPath(pathname: string): ResultsRoute {
  const match = /^\/results\/([\w-]+)(?:\/staff\/([\w-]+))?\/?$/.exec(pathname)
  return match?.[1] ? { kind: 'station', stationId: match[1], staffId: match[2] ?? null } : { kind: 'stations' }
}

export type ResultsFailure = 'notFound' | 'invalid' | 'offline' | 'server'

export class ResultsCallFailed extends Error {
  override readonly name = 'ResultsCallFailed'
  constructor(readonly kind: ResultsFailure, readonly serverMessage: string | null) {
    super(serverMessage ?? kind)
  }
}

export type ResultsFetch = (input: string, init?: RequestInit) => Promise<Response>

async function call<T>(fetchFn: ResultsFetch, path: string): Promise<T> {
  let res: Response
  try {
    res = await fetchFn(path, { headers: { Accept: 'application/json' } })
  }
  catch {
    throw new ResultsCallFailed('offline', null)
  }
  const body = await res.json().catch(() => null) as ({ message?: string } & Record<string, unknown>) | null
  if (res.ok)
    return body as T
  const message = typeof body?.message === 'string' ? body.message : null
  throw new ResultsCallFailed(res.status === 404 ? 'notFound' : res.status === 400 ? 'invalid' : 'server', message)
}

export function fetchStations(fetchFn: ResultsFetch): Promise<{ stations: PublicStation[] }> {
  return call(fetchFn, '/api/public/results')
}

export function fetchStationResults(stationId: string, period: { from?: string, to?: string }, fetchFn: ResultsFetch): Promise<StationResults> {
  const query = new URLSearchParams(Object.entries(period).filter((e): e is [string, string] => Boolean(e[1])))
  const qs = query.toString()
  return call(fetchFn, `/api/public/results/${encodeURIComponent(stationId)}${qs ? `?${qs}` : ''}`)
}

/** A share 0–1 as '87.5%'; '—' when null. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`
}
