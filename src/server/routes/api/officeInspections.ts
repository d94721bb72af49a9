/**
 * Inspections for the office (issue 8 item 6; 4.2, 5.2, 5.4.2), behind office login (office.ts), every role:
 *   GET /api/office/inspections                 → 200 OfficeInspectionsAnswer: per station of the office's
 *       division the latest inspection, its fix tasks still open and how many are overdue now
 *   GET /api/office/stations/:id/inspections    → 200 OfficeStationInspectionsAnswer: that station's
 *       inspections, newest first, each with its checks, fixes and overdue count; 404 outside the division
 * Inspections come from tablets (inspection.recorded / inspection.fixed pushed through /api/sync/push).
 */
import { Hono } from 'hono'
import { scopedStation, stationNotFound } from '../../auth/officeScope'
import type { OfficeEnv } from '../../auth/requireOffice'
import { officeInspections, stationInspections } from '../../inspections/officeInspections'

/** Mounted at '/' of the office router: it answers under /inspections and /stations/:id/inspections. */
export function officeInspectionRoutes(): Hono<OfficeEnv> {
  return new Hono<OfficeEnv>()
    .get('/inspections', async (c) => {
      const { db, now } = c.var.deps
      return c.json(await officeInspections(db, c.var.office, now()))
    })
    .get('/stations/:id/inspections', async (c) => {
      const { db, now } = c.var.deps
      const station = await scopedStation(db, c.var.office, c.req.param('id'))
      if (!station)
        return stationNotFound(c)
      return c.json(await stationInspections(db, station, now()))
    })
}
