/**
 * Follow-up calls and complaints for the office (issue 9 items 4, 5; 7.1.3, 6.2.3), behind office login:
 *   GET  /api/office/follow-ups?days=&status=open|all&stationId=   → 200 OfficeFollowUpsAnswer (any role)
 *   POST /api/office/stations/:id/follow-ups {subject, reached, view?, notes?}   (reviewer, admin)
 *        → 201 {id, eventId}: a call-back the office made, as `followUp.recorded` on the subject's stream
 *   GET  /api/office/complaints?status=open|all&stationId=          → 200 OfficeComplaintsAnswer (any role)
 *   POST /api/office/stations/:id/complaints {subject?, channel, content}   (reviewer, admin)
 *        → 201 {id}: `complaint.recorded`, due after the complaintDueWorkdays setting
 *   POST /api/office/complaints/:uuid/handle {result}   (reviewer, admin) → 200 {id}: `complaint.handled`;
 *        409 already handled
 *   GET  /api/office/settings/follow-ups (any role), PUT (admin) {samplePercent, complaintDueWorkdays} → 200
 * Events recorded here reach the station's tablets on their next pull. Stations (and their complaints)
 * outside the office's division answer 404; a closed station 409.
 */
import type { Context } from 'hono'
import { Hono } from 'hono'
import { z } from 'zod'
import { complaintDue, newComplaintStream } from '../../../domain/complaint'
import { followUpStreamFor } from '../../../domain/followUp'
import type { ComplaintWriteAnswer, FollowUpRecordedAnswer, FollowUpSettings, OfficeComplaintsAnswer, OfficeFollowUpsAnswer } from '../../../domain/protocol'
import { complaintHandleBodySchema, followUpListQuerySchema, followUpSettingsBodySchema, officeComplaintBodySchema, officeFollowUpBodySchema } from '../../../domain/protocol'
import { recordOfficeAudit } from '../../audit/officeAudit'
import { scopedStation, stationNotFound } from '../../auth/officeScope'
import type { OfficeEnv } from '../../auth/requireOffice'
import { requireRole } from '../../auth/requireOffice'
import { loadWorkCalendar } from '../../calendar/workCalendar'
import type { StationRow } from '../../db/referenceSchema'
import { errorResponse, fieldErrors, invalidBody } from '../../errors'
import { readFollowUpSettings, writeFollowUpSettings } from '../../followUps/followUpSettings'
import { complaintById, officeComplaints } from '../../followUps/officeComplaints'
import { recordOfficeEvent } from '../../followUps/officeEvents'
import { followUpReasonFor, officeFollowUps } from '../../followUps/officeFollowUps'
import { validateBody } from '../../validate'

const uuidParam = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, '投诉编号格式不正确')

function parseQuery(c: Context<OfficeEnv>): z.infer<typeof followUpListQuerySchema> | Response {
  const parsed = followUpListQuerySchema.safeParse(c.req.query())
  return parsed.success ? parsed.data : invalidBody(c, fieldErrors(parsed.error))
}

async function openStation(c: Context<OfficeEnv>): Promise<StationRow | Response> {
  const station = await scopedStation(c.var.deps.db, c.var.office, c.req.param('id') ?? '')
  if (!station)
    return stationNotFound(c)
  if (station.state === 'closed')
    return errorResponse(c, 409, 'station-closed', '该便民服务站已撤销')
  return station
}

const writers = requireRole('admin', 'reviewer')

/** Mounted at '/' of the office router. */
export function officeFollowUpRoutes(): Hono<OfficeEnv> {
  return new Hono<OfficeEnv>()
    .get('/follow-ups', async (c) => {
      const q = parseQuery(c)
      if (q instanceof Response)
        return q
      return c.json(await officeFollowUps(c.var.deps.db, c.var.office, q, c.var.deps.now()) satisfies OfficeFollowUpsAnswer)
    })
    .post('/stations/:id/follow-ups', writers, validateBody(officeFollowUpBodySchema, { maxBytes: 8 * 1024 }), async (c) => {
      const { db, now } = c.var.deps
      const station = await openStation(c)
      if (station instanceof Response)
        return station
      const body = c.req.valid('json')
      const reason = await followUpReasonFor(db, station.id, body.subject)
      if (!reason)
        return errorResponse(c, 404, 'subject-not-found', '该站点没有这笔办件或咨询')
      const notes = body.notes?.trim()
      const result = await recordOfficeEvent(db, c.var.office, station, {
        stream: followUpStreamFor(body.subject),
        type: 'followUp.recorded',
        payload: { subject: body.subject, reason, reached: body.reached, ...(body.view ? { view: body.view } : {}), ...(notes ? { notes } : {}) },
        auditTarget: 'followUp',
        auditDetails: { subject: body.subject, reached: body.reached },
      }, now())
      if (!result.ok)
        return invalidBody(c, result.fields)
      return c.json({ id: result.id, eventId: result.eventId } satisfies FollowUpRecordedAnswer, 201)
    })
    .get('/complaints', async (c) => {
      const q = parseQuery(c)
      if (q instanceof Response)
        return q
      return c.json(await officeComplaints(c.var.deps.db, c.var.office, q, c.var.deps.now()) satisfies OfficeComplaintsAnswer)
    })
    .post('/stations/:id/complaints', writers, validateBody(officeComplaintBodySchema, { maxBytes: 16 * 1024 }), async (c) => {
      const { db, now } = c.var.deps
      const station = await openStation(c)
      if (station instanceof Response)
        return station
      const body = c.req.valid('json')
      const [settings, calendar] = await Promise.all([readFollowUpSettings(db), loadWorkCalendar(db)])
      const at = now()
      const result = await recordOfficeEvent(db, c.var.office, station, {
        stream: newComplaintStream(),
        type: 'complaint.recorded',
        payload: { ...(body.subject ? { subject: body.subject } : {}), channel: body.channel, content: body.content.trim(), ...complaintDue(at, settings.complaintDueWorkdays, calendar) },
        auditTarget: 'complaint',
        auditDetails: { channel: body.channel, subject: body.subject ?? null },
      }, at)
      if (!result.ok)
        return invalidBody(c, result.fields)
      return c.json({ id: result.id } satisfies ComplaintWriteAnswer, 201)
    })
    .post('/complaints/:uuid/handle', writers, validateBody(complaintHandleBodySchema, { maxBytes: 16 * 1024 }), async (c) => {
      const { db, now } = c.var.deps
      const uuid = uuidParam.safeParse(c.req.param('uuid'))
      if (!uuid.success)
        return invalidBody(c, [{ path: 'uuid', message: '投诉编号格式不正确' }])
      const complaint = await complaintById(db, `complaint:${uuid.data}`)
      const station = complaint ? await scopedStation(db, c.var.office, complaint.stationId) : null
      if (!complaint || !station)
        return errorResponse(c, 404, 'complaint-not-found', '找不到该投诉')
      if (complaint.status === 'handled')
        return errorResponse(c, 409, 'complaint-handled', '该投诉已处理')
      const result = await recordOfficeEvent(db, c.var.office, station, {
        stream: complaint.id,
        type: 'complaint.handled',
        payload: { result: c.req.valid('json').result.trim() },
        auditTarget: 'complaint',
      }, now())
      if (!result.ok)
        return invalidBody(c, result.fields)
      return c.json({ id: result.id } satisfies ComplaintWriteAnswer)
    })
    .get('/settings/follow-ups', async c => c.json(await readFollowUpSettings(c.var.deps.db) satisfies FollowUpSettings))
    .put('/settings/follow-ups', requireRole('admin'), validateBody(followUpSettingsBodySchema, { maxBytes: 4096 }), async (c) => {
      const { db, now } = c.var.deps
      const body = c.req.valid('json')
      await writeFollowUpSettings(db, body)
      await recordOfficeAudit(db, c.var.office, { action: 'settings.followUps', targetType: 'settings', targetId: 'follow-ups', details: { ...body } }, now())
      return c.json(await readFollowUpSettings(db) satisfies FollowUpSettings)
    })
}
