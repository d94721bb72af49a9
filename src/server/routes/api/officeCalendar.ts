/**
 * Holiday schedules (节假日安排, DOMAIN.md "Working days"; issue 8 "Urgent first"), behind office login (office.ts):
 *   GET  /api/office/calendar-years → 200 {years: [{year, holidays, workdays, source, revision, updatedAt}]}
 *        (holidays / workdays are counts; any office role)
 *   POST /api/office/calendar-years {year, holidays[], workdays[], source?} (src/domain/calendar/calendarYear.ts
 *        calendarYearSchema) → 201 a new year, 200 a replaced one: {year, holidays, workdays, source, replaced,
 *        recounted}; admin only; 400 with field errors. In the same transaction: the year is stored (its new
 *        revision sends it to every tablet by pull), the case projections whose 暂定 due waits on it are
 *        refolded with it (`recounted`), and the import is audited.
 */
import { Hono } from 'hono'
import type { CalendarYearData } from '../../../domain/calendar'
import { calendarYearSchema } from '../../../domain/calendar'
import type { CalendarImportAnswer, CalendarYearsAnswer } from '../../../domain/protocol'
import { recordOfficeAudit } from '../../audit/officeAudit'
import { requireRole } from '../../auth/requireOffice'
import type { OfficeEnv } from '../../auth/requireOffice'
import { recountDuesFor } from '../../calendar/recountDues'
import { loadWorkCalendar } from '../../calendar/workCalendar'
import { jsonb } from '../../db'
import { validateBody } from '../../validate'

/** A year is at most 366 dates of a dozen bytes each, twice: 64 KB is plenty. */
export const CALENDAR_YEAR_MAX_BYTES = 64 * 1024

/** The dates of a year as stored: unique and in order. */
function normalised(data: CalendarYearData): CalendarYearData {
  const sorted = (dates: readonly string[]) => [...new Set(dates)].sort()
  return { year: data.year, holidays: sorted(data.holidays), workdays: sorted(data.workdays), ...(data.source?.trim() ? { source: data.source.trim() } : {}) }
}

export function officeCalendarRoutes(): Hono<OfficeEnv> {
  return new Hono<OfficeEnv>()
    .get('/', async (c) => {
      const rows = await c.var.deps.db.selectFrom('calendar_years').select(['year', 'holidays', 'workdays', 'source', 'revision', 'updated_at']).orderBy('year', 'desc').execute()
      return c.json({
        years: rows.map(r => ({
          year: r.year,
          holidays: r.holidays.length,
          workdays: r.workdays.length,
          source: r.source,
          revision: Number(r.revision),
          updatedAt: new Date(r.updated_at).toISOString(),
        })),
      } satisfies CalendarYearsAnswer)
    })
    .post('/', requireRole('admin'), validateBody(calendarYearSchema, { maxBytes: CALENDAR_YEAR_MAX_BYTES }), async (c) => {
      const { db, now } = c.var.deps
      const data = normalised(c.req.valid('json'))
      const office = c.var.office
      const answer = await db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('calendar_years').select('year').where('year', '=', data.year).executeTakeFirst()
        const values = { holidays: jsonb(data.holidays), workdays: jsonb(data.workdays), source: data.source ?? null }
        await trx.insertInto('calendar_years').values({ year: data.year, ...values })
          .onConflict(oc => oc.column('year').doUpdateSet(values))
          .execute()
        const calendar = await loadWorkCalendar(trx)
        const recounted = await recountDuesFor(trx, [data.year], calendar)
        await recordOfficeAudit(trx, office, {
          action: before ? 'calendar.replaced' : 'calendar.imported',
          targetType: 'calendarYear',
          targetId: String(data.year),
          details: { year: data.year, holidays: data.holidays.length, workdays: data.workdays.length, source: data.source ?? null, recounted },
        }, now())
        return { year: data.year, holidays: data.holidays.length, workdays: data.workdays.length, source: data.source ?? null, replaced: before !== undefined, recounted } satisfies CalendarImportAnswer
      })
      c.var.log.info({ year: answer.year, replaced: answer.replaced, recounted: answer.recounted, by: office.username }, 'calendar year imported')
      return c.json(answer, answer.replaced ? 200 : 201)
    })
}
