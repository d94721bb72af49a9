/**
 * Revealing a citizen's full value in the office console (issue 11 item 3), admins and reviewers:
 *   POST /api/office/personal/reveal {subject: 'case:…'|'consultation:…', field, reason}
 *     → 200 {value: string | null}   (null when the record has no such field; a value purged past the server's
 *       retention comes back as its tombstone 已清除（中心留存）)
 * Only records of stations inside the office's division (else 404 record-not-found). The reveal is recorded
 * BEFORE the value is returned, in one transaction: an `audit.revealed` server event at the record's station
 * (deviceId 'office:<username>', staffId null), so it is in the access log with the tablets' reveals, and an
 * office audit row 'personal.revealed'. Missing reason → 400 with fields; bodies over 8 KB → 413.
 */
import type { Hono } from 'hono'
import type { RevealableField } from '../../../domain/audit'
import type { CaseState } from '../../../domain/case'
import type { ConsultationState } from '../../../domain/consultation'
import { newAuditStream } from '../../../domain/audit'
import type { PersonalRevealAnswer } from '../../../domain/protocol'
import { personalRevealBodySchema } from '../../../domain/protocol'
import { newEventId, streamKind } from '../../../domain/events'
import { recordOfficeAudit } from '../../audit/officeAudit'
import type { OfficeEnv } from '../../auth/requireOffice'
import { requireRole } from '../../auth/requireOffice'
import { errorResponse } from '../../errors'
import { appendServerEvent, lockStation } from '../../sync/serverEvents'
import { validateBody } from '../../validate'

/** The value of `field` in a case's or consultation's state; null when it has none. */
export function personalValueOf(kind: 'case' | 'consultation', state: unknown, field: RevealableField): string | null {
  if (kind === 'consultation') {
    const c = (state as ConsultationState).contact
    const v = field === 'name' || field === 'contactName' ? c?.name : field === 'mobile' || field === 'contactPhone' ? c?.phone : undefined
    return typeof v === 'string' ? v : null
  }
  const s = state as CaseState
  const a = s.applicant as Record<string, unknown> | undefined
  const recipient = (s as unknown as { handover?: { recipient?: Record<string, unknown> } }).handover?.recipient
  const byField: Record<RevealableField, unknown> = {
    name: a?.name,
    idNumber: a?.type === 'organisation' ? a.uscc : a?.idNumber,
    mobile: a?.mobile,
    contactName: a?.contactName,
    contactPhone: a?.contactPhone,
    address: recipient?.address,
  }
  const v = byField[field]
  return typeof v === 'string' ? v : null
}

/** CST wall time with its offset, as events carry it. */
function cstInstant(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00')
}

export function addPersonalRevealRoute(router: Hono<OfficeEnv>): Hono<OfficeEnv> {
  return router.post('/personal/reveal', requireRole('admin', 'reviewer'), validateBody(personalRevealBodySchema, { maxBytes: 8192 }), async (c) => {
    const { db, now } = c.var.deps
    const body = c.req.valid('json')
    const kind = streamKind(body.subject) as 'case' | 'consultation'
    const table = kind === 'case' ? 'case_projections' : 'consultation_projections'
    const row = await db.selectFrom(table).innerJoin('stations', 'stations.id', `${table}.station_id`)
      .select([`${table}.station_id as stationId`, `${table}.state as state`, 'stations.county_code as countyCode'])
      .where(`${table}.id`, '=', body.subject)
      .where('stations.county_code', 'like', `${c.var.office.divisionCode}%`)
      .executeTakeFirst()
    if (!row)
      return errorResponse(c, 404, 'record-not-found', '没有找到该记录')
    const at = now()
    await db.transaction().execute(async (trx) => {
      await lockStation(trx, row.stationId)
      await appendServerEvent(trx, {
        id: newEventId(),
        stream: newAuditStream(),
        type: 'audit.revealed',
        v: 1,
        payload: { subject: body.subject, field: body.field, reason: body.reason },
        stationId: row.stationId,
        deviceId: `office:${c.var.office.username}`.slice(0, 64),
        staffId: null,
        occurredAt: cstInstant(at),
      }, at)
      await recordOfficeAudit(trx, c.var.office, { action: 'personal.revealed', targetType: kind, targetId: body.subject, stationId: row.stationId, divisionCode: row.countyCode, details: { field: body.field, reason: body.reason } }, at)
    })
    return c.json({ value: personalValueOf(kind, row.state, body.field) } satisfies PersonalRevealAnswer)
  })
}
