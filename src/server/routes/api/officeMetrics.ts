/**
 * Quality metrics across stations for the office (issue 5 item 3; 6.2), behind office login (office.ts):
 *   GET /api/office/metrics?from=YYYY-MM-DD&to=YYYY-MM-DD&period=day|week|month&stationId=
 *     → 200 OfficeMetricsAnswer: per station and overall, the three 6.2 rates with their counts and series
 *   GET /api/office/metrics/cases?metric=onTime|consultation&from&to&stationId=
 *     → 200 OfficeMetricCasesAnswer: the records behind a rate (masked names), which were late and by how much
 * Dates are CST civil days, both inclusive, at most 366 days, within 2000-01-01…2199-12-31 (CIVIL_DATE_WINDOW);
 * bad queries (a NUL in stationId included) → 400 with field errors;
 * an unknown station, or one outside the office's division → 404. Every office role may read them.
 */
import type { Context } from 'hono'
import { Hono } from 'hono'
import { z } from 'zod'
import { metricCasesQuerySchema, metricsQuerySchema } from '../../../domain/protocol'
import type { OfficeEnv } from '../../auth/requireOffice'
import { errorResponse, fieldErrors } from '../../errors'
import { officeMetricCases } from '../../metrics/metricCases'
import { officeMetrics } from '../../metrics/officeMetrics'

const zhCN = z.locales.zhCN().localeError

/** The query string validated by a schema, or a 400 with the field errors. */
function parseQuery<S extends z.ZodType>(c: Context, schema: S): { ok: true, data: z.output<S> } | { ok: false, response: Response } {
  const result = schema.safeParse(c.req.query(), { error: zhCN })
  if (result.success)
    return { ok: true, data: result.data }
  return { ok: false, response: errorResponse(c, 400, 'invalid-query', '查询参数不正确', { fields: fieldErrors(result.error) }) }
}

function stationNotFound(c: Context): Response {
  return errorResponse(c, 404, 'station-not-found', '找不到该便民服务站')
}

export function officeMetricsRoutes(): Hono<OfficeEnv> {
  return new Hono<OfficeEnv>()
    .get('/', async (c) => {
      const parsed = parseQuery(c, metricsQuerySchema)
      if (!parsed.ok)
        return parsed.response
      const { db, now } = c.var.deps
      const { from, to, period, stationId } = parsed.data
      const answer = await officeMetrics(db, { from, to, period, asOf: now(), divisionCode: c.var.office.divisionCode, ...(stationId ? { stationId } : {}) })
      return answer ? c.json(answer) : stationNotFound(c)
    })
    .get('/cases', async (c) => {
      const parsed = parseQuery(c, metricCasesQuerySchema)
      if (!parsed.ok)
        return parsed.response
      const { db, now } = c.var.deps
      const { from, to, metric, stationId } = parsed.data
      const answer = await officeMetricCases(db, { from, to, metric, asOf: now(), divisionCode: c.var.office.divisionCode, ...(stationId ? { stationId } : {}) })
      return answer ? c.json(answer) : stationNotFound(c)
    })
}
