/**
 * Published evaluation results (issue 9 item 7; 7.1.1), public — no login, read only, rate-limited per client
 * address (PUBLIC_RESULTS_RATE_LIMIT; past it 429 with Retry-After):
 *   GET /api/public/results                                  → 200 {stations: [{id, name, countyCode}]}
 *   GET /api/public/results/:stationId?from=YYYY-MM-DD&to=YYYY-MM-DD
 *       → 200 PublicStationResults: satisfaction by level and dimension, counts, per staff member (names
 *         masked when the office says so), ratings of upheld appeals left out and counted in `excluded`.
 *         Default period: the last 30 days to today (CST); at most 366 days. 400 with fields for a bad
 *         period, 404 for a station not published.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type { ResultsStationsAnswer, StationResults } from '../../../domain/protocol'
import type { AppEnv } from '../../appEnv'
import { addCalendarDays, isCivilDate, toCivilDate } from '../../../domain/calendar'
import { clientAddress } from '../../clientAddress'
import { errorResponse, invalidBody } from '../../errors'
import { rateLimit } from '../../rateLimit'
import { publicStations, stationResults } from '../../results/publicResults'

/** Per client address: a visitor browses a few stations and periods; a scraper would need far more. */
export const PUBLIC_RESULTS_RATE_LIMIT = { limit: 120, windowMs: 10 * 60 * 1000 } as const
export const MAX_RESULTS_DAYS = 366

const day = z.string().refine(isCivilDate, '日期应为 YYYY-MM-DD')
const querySchema = z.object({ from: day.optional(), to: day.optional() })

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

export function publicResultsRoutes(): Hono<AppEnv> {
  const limitByAddress = rateLimit({ name: 'public-results:addr', ...PUBLIC_RESULTS_RATE_LIMIT, key: clientAddress, message: wait => `操作过于频繁，请在 ${wait}后重试` })
  return new Hono<AppEnv>()
    .use(limitByAddress)
    .get('/', async c => c.json({ stations: await publicStations(c.var.deps.db) } satisfies ResultsStationsAnswer))
    .get('/:stationId', async (c) => {
      const parsed = querySchema.safeParse(c.req.query())
      if (!parsed.success)
        return invalidBody(c, parsed.error.issues.map(i => ({ path: i.path.join('.'), message: i.message })), '查询参数不正确')
      const today = toCivilDate(c.var.deps.now())
      const to = parsed.data.to ?? today
      const from = parsed.data.from ?? addCalendarDays(to, -29)
      if (from > to)
        return invalidBody(c, [{ path: 'from', message: '开始日期不能晚于结束日期' }], '查询参数不正确')
      if (daysBetween(from, to) >= MAX_RESULTS_DAYS)
        return invalidBody(c, [{ path: 'from', message: `统计期间最长 ${MAX_RESULTS_DAYS} 天` }], '查询参数不正确')
      const stationId = c.req.param('stationId')
      const results = stationId.length <= 64 ? await stationResults(c.var.deps.db, stationId, from, to) : null
      return results ? c.json(results satisfies StationResults) : errorResponse(c, 404, 'station-not-found', '找不到该便民服务站')
    })
}
