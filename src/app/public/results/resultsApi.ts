/**
 * The results page's calls (GET /api/public/results[/:stationId], src/server/SYNC-API.md) and its routes.
 * The answers' shapes are the wire contract's (src/domain/protocol/publicResults.ts), taken as types only:
 * the page checks the shape it relies on (answerShape.ts) so it stays its own small entry.
 */
import type { ResultsStationsAnswer, StationResults } from '../../../domain/protocol/publicResults'
import type { AnswerShape } from '../answerShape'
import type { PublicCallProblem, PublicFetch } from '../publicCall'
import { publicCall } from '../publicCall'

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

export type ResultsFetch = PublicFetch

/** The page's name for what went wrong with a call. */
function resultsFailure(problem: PublicCallProblem): ResultsCallFailed {
  if (problem.kind !== 'status')
    return new ResultsCallFailed(problem.kind === 'offline' ? 'offline' : 'server', null)
  return new ResultsCallFailed(problem.status === 404 ? 'notFound' : problem.status === 400 ? 'invalid' : 'server', problem.message)
}

function call<T>(fetchFn: ResultsFetch, path: string, shape: AnswerShape): Promise<T> {
  return publicCall<T>(fetchFn, path, shape, resultsFailure)
}

export function fetchStations(fetchFn: ResultsFetch): Promise<ResultsStationsAnswer> {
  return call<ResultsStationsAnswer>(fetchFn, '/api/public/results', { stations: 'array' })
}

export function fetchStationResults(stationId: string, period: { from?: string, to?: string }, fetchFn: ResultsFetch): Promise<StationResults> {
  const query = new URLSearchParams(Object.entries(period).filter((e): e is [string, string] => Boolean(e[1])))
  const qs = query.toString()
  return call<StationResults>(fetchFn, `/api/public/results/${encodeURIComponent(stationId)}${qs ? `?${qs}` : ''}`, { station: 'object', from: 'string', to: 'string', namesMasked: 'boolean', summary: 'object', staff: 'array' })
}

/** A share 0–1 as '87.5%'; '—' when null. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`
}
