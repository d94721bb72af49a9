/**
 * The office's side of rectification and appeals (issue 9 item 6; 7.2.2, DOMAIN.md 申诉复核): the tasks and
 * appeals of its division's stations, the re-check (复查) that closes a task or sends it back, and the
 * decision on an appeal. Decisions are server-made events ('office:<username>' devices) appended under the
 * station's insert lock, projected and audited in one transaction; tablets get them on their next pull.
 */
import type { Kysely } from 'kysely'
import type { DomainEvent } from '../../domain/events'
import type { OfficeUser } from '../auth/officeSessions'
import type { Database } from '../db'
import { appealStreamFor } from '../../domain/appeal'
import { newEventId } from '../../domain/events'
import { foldRating } from '../../domain/rating'
import { isRectificationOverdue } from '../../domain/rectification'
import type { OfficeAppealsAnswer, OfficeRatingSummary, OfficeRectificationsAnswer } from '../../domain/protocol'
import { recordOfficeAudit } from '../audit/officeAudit'
import { whereStationInScope } from '../auth/officeScope'
import { loadWorkCalendar } from '../calendar/workCalendar'
import { officeDeviceId } from '../inspections/officeInspect'
import { rowToEvent } from '../sync/eventRows'
import { appendServerEvent, lockStation } from '../sync/serverEvents'

async function stationsInScope(db: Kysely<Database>, office: Pick<OfficeUser, 'divisionCode'>) {
  const rows = await whereStationInScope(db.selectFrom('stations').select(['id', 'name', 'code', 'county_code']), office).execute()
  return new Map(rows.map(r => [r.id, r]))
}

async function ratingSummaries(db: Kysely<Database>, streams: readonly string[]): Promise<Map<string, OfficeRatingSummary>> {
  const out = new Map<string, OfficeRatingSummary>()
  const wanted = [...new Set(streams.filter(s => s.startsWith('rating:')))]
  if (!wanted.length)
    return out
  const [rows, calendar] = await Promise.all([db.selectFrom('events').selectAll().where('stream', 'in', wanted).orderBy('seq').execute(), loadWorkCalendar(db)])
  const byStream = new Map<string, DomainEvent[]>()
  for (const r of rows)
    byStream.set(r.stream, [...(byStream.get(r.stream) ?? []), rowToEvent(r)])
  const appeals = await db.selectFrom('appeal_projections').select(['rating_stream', 'status']).where('rating_stream', 'in', wanted).execute()
  const appealOf = new Map(appeals.map(a => [a.rating_stream, a.status]))
  const staffIds = new Set<string>()
  const states = [...byStream].map(([id, events]) => ({ id, state: foldRating(events, calendar) }))
  for (const s of states) {
    if (s.state?.staffId)
      staffIds.add(s.state.staffId)
  }
  const staff = staffIds.size ? await db.selectFrom('staff').select(['id', 'name']).where('id', 'in', [...staffIds]).execute() : []
  const names = new Map(staff.map(s => [s.id, s.name]))
  for (const { id, state } of states) {
    out.set(id, {
      id,
      level: state?.level ?? null,
      dimensions: state?.dimensions ?? null,
      reasons: state?.reasons ?? [],
      ratedAt: state?.ratedAt ?? null,
      channel: state?.channel ?? null,
      staffId: state?.staffId ?? null,
      staffName: state?.staffId ? names.get(state.staffId) ?? null : null,
      appeal: appealOf.get(id) ?? null,
    })
  }
  return out
}

/** 7.2.2: the rectification tasks of the office's division, the ones waiting for a re-check first, then by due. */
export async function officeRectifications(db: Kysely<Database>, office: Pick<OfficeUser, 'divisionCode'>, asOf: Date): Promise<OfficeRectificationsAnswer> {
  const stations = await stationsInScope(db, office)
  if (!stations.size)
    return { asOf: asOf.toISOString(), tasks: [] }
  const rows = await db.selectFrom('rectification_projections').select(['state']).where('station_id', 'in', [...stations.keys()]).orderBy('due_at').limit(500).execute()
  const states = rows.map(r => r.state)
  const ratings = await ratingSummaries(db, states.map(s => s.source.subject))
  const owners = [...new Set(states.map(s => s.ownerStaffId).filter((s): s is string => s !== null))]
  const staff = owners.length ? await db.selectFrom('staff').select(['id', 'name']).where('id', 'in', owners).execute() : []
  const names = new Map(staff.map(s => [s.id, s.name]))
  const order = { submitted: 0, open: 1, sentBack: 1, closed: 2 } as const
  const tasks = states.map((s) => {
    const station = stations.get(s.stationId)
    return { ...s, stationName: station?.name ?? '', stationCode: station?.code ?? '', ownerName: s.ownerStaffId ? names.get(s.ownerStaffId) ?? null : null, overdue: isRectificationOverdue(s, asOf), rating: ratings.get(s.source.subject) ?? null }
  }).sort((a, b) => order[a.status] - order[b.status] || Date.parse(a.dueAt) - Date.parse(b.dueAt))
  return { asOf: asOf.toISOString(), tasks }
}

/** DOMAIN.md 申诉复核: the appeals of the office's division, undecided first, newest first. */
export async function officeAppeals(db: Kysely<Database>, office: Pick<OfficeUser, 'divisionCode'>): Promise<OfficeAppealsAnswer> {
  const stations = await stationsInScope(db, office)
  if (!stations.size)
    return { appeals: [] }
  const rows = await db.selectFrom('appeal_projections').select(['state']).where('station_id', 'in', [...stations.keys()]).orderBy('filed_at', 'desc').limit(500).execute()
  const ratings = await ratingSummaries(db, rows.map(r => r.state.rating))
  const appeals = rows.map((r) => {
    const station = stations.get(r.state.stationId)
    return { ...r.state, stationName: station?.name ?? '', stationCode: station?.code ?? '', ratingSummary: ratings.get(r.state.rating) ?? null }
  }).sort((a, b) => Number(a.status !== 'filed') - Number(b.status !== 'filed'))
  return { appeals }
}

export type DecisionOutcome = { ok: true } | { ok: false, status: 404 | 409, code: string, message: string }

function cst(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00')
}

/** 7.2.2 复查: closes the task (`closed`) or sends it back (`sentBack`) with the reason. */
export async function recheckRectification(db: Kysely<Database>, office: OfficeUser, uuid: string, body: { result: 'closed' | 'sentBack', reason: string }, now: Date): Promise<DecisionOutcome> {
  const id = `rectification:${uuid}`
  const row = await db.selectFrom('rectification_projections').innerJoin('stations', 'stations.id', 'rectification_projections.station_id')
    .select(['rectification_projections.station_id', 'stations.county_code']).where('rectification_projections.id', '=', id).executeTakeFirst()
  if (!row || !row.county_code.startsWith(office.divisionCode))
    return { ok: false, status: 404, code: 'rectification-not-found', message: '找不到该整改任务' }
  return db.transaction().execute(async (trx) => {
    await lockStation(trx, row.station_id)
    const current = await trx.selectFrom('rectification_projections').select('status').where('id', '=', id).executeTakeFirstOrThrow()
    if (current.status === 'closed')
      return { ok: false, status: 409, code: 'rectification-closed', message: '该整改任务已办结' } as const
    await appendServerEvent(trx, { id: newEventId(), stream: id, type: 'rectification.rechecked', v: 1, payload: { result: body.result, reason: body.reason.trim(), by: office.displayName.slice(0, 64) }, stationId: row.station_id, deviceId: officeDeviceId(office.username), staffId: null, occurredAt: cst(now) }, now)
    await recordOfficeAudit(trx, office, { action: 'rectification.rechecked', targetType: 'rectification', targetId: id, stationId: row.station_id, divisionCode: row.county_code, details: { result: body.result } }, now)
    return { ok: true } as const
  })
}

/** DOMAIN.md 申诉复核: the office's decision on an appeal, with its reason. */
export async function decideAppeal(db: Kysely<Database>, office: OfficeUser, uuid: string, body: { decision: 'upheld' | 'rejected', reason: string }, now: Date): Promise<DecisionOutcome> {
  const id = `appeal:${uuid}`
  const row = await db.selectFrom('appeal_projections').innerJoin('stations', 'stations.id', 'appeal_projections.station_id')
    .select(['appeal_projections.station_id', 'appeal_projections.rating_stream', 'stations.county_code']).where('appeal_projections.id', '=', id).executeTakeFirst()
  if (!row || !row.county_code.startsWith(office.divisionCode) || appealStreamFor(row.rating_stream) !== id)
    return { ok: false, status: 404, code: 'appeal-not-found', message: '找不到该申诉' }
  return db.transaction().execute(async (trx) => {
    await lockStation(trx, row.station_id)
    const current = await trx.selectFrom('appeal_projections').select('status').where('id', '=', id).executeTakeFirstOrThrow()
    if (current.status !== 'filed')
      return { ok: false, status: 409, code: 'appeal-decided', message: '该申诉已作出复核结论' } as const
    await appendServerEvent(trx, { id: newEventId(), stream: id, type: 'appeal.decided', v: 1, payload: { rating: row.rating_stream, decision: body.decision, reason: body.reason.trim(), by: office.displayName.slice(0, 64) }, stationId: row.station_id, deviceId: officeDeviceId(office.username), staffId: null, occurredAt: cst(now) }, now)
    await recordOfficeAudit(trx, office, { action: 'appeal.decided', targetType: 'appeal', targetId: id, stationId: row.station_id, divisionCode: row.county_code, details: { decision: body.decision } }, now)
    return { ok: true } as const
  })
}
