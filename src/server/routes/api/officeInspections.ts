/**
 * Inspections for the office (issue 8 item 6; 4.2, 5.2, 5.4.2), behind office login (office.ts), every role:
 *   GET /api/office/inspections                 → 200 OfficeInspectionsAnswer: per station of the office's
 *       division the latest inspection, its fix tasks still open and how many are overdue now
 *   GET /api/office/stations/:id/inspections    → 200 OfficeStationInspectionsAnswer: that station's
 *       inspections, newest first, each with its checks, fixes and overdue count; 404 outside the division
 *   POST /api/office/stations/:id/inspections {checks: [{id, result, note?}], note?}  (reviewer, admin)
 *       → 201 {id}: the office's own inspection (巡查) of the station's tier, findings due after the
 *       inspectionFixWorkdays setting; it reaches the station's tablets by pull. 400 with fields for an
 *       incomplete or unknown checklist, 404 outside the division, 409 for a closed station.
 * Inspections come from tablets (inspection.recorded / inspection.fixed pushed through /api/sync/push).
 */
import { Hono } from 'hono'
import type { InspectionRecordedAnswer, OfficeInspectionsAnswer, OfficeStationInspectionsAnswer } from '../../../domain/protocol'
import { officeInspectionBodySchema } from '../../../domain/protocol'
import { scopedStation, stationNotFound } from '../../auth/officeScope'
import type { OfficeEnv } from '../../auth/requireOffice'
import { requireRole } from '../../auth/requireOffice'
import { errorResponse, invalidBody } from '../../errors'
import { recordOfficeInspection } from '../../inspections/officeInspect'
import { officeInspections, stationInspections } from '../../inspections/officeInspections'
import { validateBody } from '../../validate'

/** Mounted at '/' of the office router: it answers under /inspections and /stations/:id/inspections. */
export function officeInspectionRoutes(): Hono<OfficeEnv> {
  return new Hono<OfficeEnv>()
    .get('/inspections', async (c) => {
      const { db, now } = c.var.deps
      return c.json(await officeInspections(db, c.var.office, now()) satisfies OfficeInspectionsAnswer)
    })
    .get('/stations/:id/inspections', async (c) => {
      const { db, now } = c.var.deps
      const station = await scopedStation(db, c.var.office, c.req.param('id'))
      if (!station)
        return stationNotFound(c)
      return c.json(await stationInspections(db, station, now()) satisfies OfficeStationInspectionsAnswer)
    })
    .post('/stations/:id/inspections', requireRole('admin', 'reviewer'), validateBody(officeInspectionBodySchema, { maxBytes: 64 * 1024 }), async (c) => {
      const { db, now } = c.var.deps
      const station = await scopedStation(db, c.var.office, c.req.param('id'))
      if (!station)
        return stationNotFound(c)
      if (station.state === 'closed')
        return errorResponse(c, 409, 'station-closed', '该便民服务站已撤销，不能巡查')
      const result = await recordOfficeInspection(db, c.var.office, station, c.req.valid('json'), now())
      if (!result.ok)
        return invalidBody(c, result.fields)
      c.var.log.info({ stationId: station.id, by: c.var.office.username }, 'office inspection recorded')
      return c.json({ id: result.id } satisfies InspectionRecordedAnswer, 201)
    })
}
