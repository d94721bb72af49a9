/**
 * The results page's calls (GET /api/public/results[/:stationId], src/server/SYNC-API.md) and its routes.
 * The answers' shapes are the wire contract's (src/domain/protocol/publicResults.ts), read from that file
 * alone so the page stays its own small entry.
 */
import type { z } from 'zod'
import type { ResultsStationsAnswer, StationResults } from '../../../domain/protocol/publicResults'
import { parseAnswer } from '../../../domain/protocol/parse'
import { resultsStationsAnswerSchema, stationResultsSchema } from '../../../domain/protocol/publicResults'

export type { SatisfactionSummary } from '../../../domain/satisfaction'
export type { ResultsStation, StationResults } from '../../../domain/protocol/publicResults'

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

/** One call; a 2xx answer is parsed with the contract's schema, a malformed one is a 'server' failure. */
async function call<T>(fetchFn: ResultsFetch, path: string, schema: z.ZodType<T>): Promise<T> {
  let res: Response
  try {
    res = await fetchFn(path, { headers: { Accept: 'application/json' } })
  }
  catch {
    throw new ResultsCallFailed('offline', null)
  }
  const body = await res.json().catch(() => null) as ({ message?: string } & Record<string, unknown>) | null
  if (res.ok) {
    const parsed = parseAnswer(schema, body)
    if (!parsed.ok)
      throw new ResultsCallFailed('server', null)
    return parsed.value
  }
  const message = typeof body?.message === 'string' ? body.message : null
  throw new ResultsCallFailed(res.status === 404 ? 'notFound' : res.status === 400 ? 'invalid' : 'server', message)
}

export function fetchStations(fetchFn: ResultsFetch): Promise<ResultsStationsAnswer> {
  return call(fetchFn, '/api/public/results', resultsStationsAnswerSchema)
}

export function fetchStationResults(stationId: string, period: { from?: string, to?: string }, fetchFn: ResultsFetch): Promise<StationResults> {
  const query = new URLSearchParams(Object.entries(period).filter((e): e is [string, string] => Boolean(e[1])))
  const qs = query.toString()
  return call(fetchFn, `/api/public/results/${encodeURIComponent(stationId)}${qs ? `?${qs}` : ''}`, stationResultsSchema)
}

/** A share 0–1 as '87.5%'; '—' when null. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`
}
