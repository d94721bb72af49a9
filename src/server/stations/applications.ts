/**
 * Station applications (5.4.1, Annexes A–C) on the server: creating, submitting and reviewing them, and
 * the station's state and record following them. Every function runs inside the caller's transaction;
 * the office routes audit each step in the same one.
 *
 *   open (A):   submitted → station 'applying'; approved → 'open'; rejected → stays 'applying'
 *   change (B): submitted → 'changing' (before = the station's record then); approved → 'open' with the
 *               after values; rejected → 'open' unchanged
 *   close (C):  submitted → station keeps running; approved → 'closed', its tablets revoked after their
 *               last sync (closure.ts); rejected → unchanged
 */
import { randomUUID } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { ApplicationDecision, ApplicationKind, ChangeApplicationFields, ChangeSide, StationLifecycleState } from '../../domain/stationApplication'
import { stationStateAfter } from '../../domain/stationApplication'
import type { Database } from '../db'
import { jsonb } from '../db'
import type { StationApplicationRow } from '../db/applicationSchema'
import type { StationRow } from '../db/referenceSchema'

export type ApplicationFailure = 'station-closed' | 'state-conflict' | 'pending-exists' | 'not-submitted'

export class ApplicationStepError extends Error {
  override readonly name = 'ApplicationStepError'
  constructor(readonly reason: ApplicationFailure) {
    super(reason)
  }
}

export const applicationFailureMessages: Record<ApplicationFailure, string> = {
  'station-closed': '该便民服务站已撤销',
  'state-conflict': '便民服务站当前状态不允许此申请',
  'pending-exists': '该便民服务站已有待审核的申请，请先审核',
  'not-submitted': '该申请不是待审核状态',
}

export interface DraftedBy {
  type: 'office' | 'device'
  by: string
  staffId?: string | null
}

export interface NewApplication {
  id?: string
  kind: ApplicationKind
  station: StationRow
  fields: Record<string, unknown>
  draftedBy: DraftedBy
  sourceEventId?: string
  /** Submit at once (a tablet's event, an office-created station) or keep as a draft. */
  submit: boolean
  /** A tablet's application is kept even when the station's state does not allow it (the push must not fail): it waits for review. */
  lenient?: boolean
}

/** Annex B's before side: the station's record as the office holds it. */
export function changeSideOf(station: StationRow): ChangeSide {
  return {
    applicantUnit: station.host_unit,
    contactPhone: station.contact_phone ?? '',
    address: station.address,
    countyCode: station.county_code,
    ...(station.functions ? { functions: station.functions } : {}),
  }
}

async function pendingOf(trx: Transaction<Database>, stationId: string, exceptId?: string): Promise<StationApplicationRow | undefined> {
  let q = trx.selectFrom('station_applications').selectAll().where('station_id', '=', stationId).where('status', '=', 'submitted')
  if (exceptId)
    q = q.where('id', '<>', exceptId)
  return q.executeTakeFirst()
}

async function setStationState(trx: Transaction<Database>, station: StationRow, state: StationLifecycleState): Promise<void> {
  if (station.state !== state)
    await trx.updateTable('stations').set({ state }).where('id', '=', station.id).execute()
}

/** The station's next state on submission, or an error; `lenient` keeps the state instead. */
async function checkSubmission(trx: Transaction<Database>, kind: ApplicationKind, station: StationRow, lenient: boolean, exceptId?: string): Promise<StationLifecycleState> {
  const next = stationStateAfter(kind, 'submitted', station.state)
  const pending = await pendingOf(trx, station.id, exceptId)
  if (!lenient) {
    if (station.state === 'closed')
      throw new ApplicationStepError('station-closed')
    if (pending)
      throw new ApplicationStepError('pending-exists')
    if (!next)
      throw new ApplicationStepError('state-conflict')
  }
  return next && !pending ? next : station.state
}

export async function createApplication(trx: Transaction<Database>, input: NewApplication, now: Date): Promise<string> {
  const id = input.id ?? randomUUID()
  const lenient = input.lenient ?? false
  const nextState = input.submit ? await checkSubmission(trx, input.kind, input.station, lenient) : null
  await trx.insertInto('station_applications').values({
    id,
    kind: input.kind,
    station_id: input.station.id,
    status: input.submit ? 'submitted' : 'draft',
    fields: jsonb(input.fields),
    before: input.kind === 'change' && input.submit ? jsonb(changeSideOf(input.station)) : null,
    drafted_by_type: input.draftedBy.type,
    drafted_by: input.draftedBy.by,
    drafted_by_staff: input.draftedBy.staffId ?? null,
    source_event_id: input.sourceEventId ?? null,
    created_at: now,
    submitted_at: input.submit ? now : null,
    updated_at: now,
  }).onConflict(oc => oc.column('id').doNothing()).execute()
  if (nextState)
    await setStationState(trx, input.station, nextState)
  return id
}

/** Submits a draft: the station's state follows (B records its before values now). */
export async function submitApplication(trx: Transaction<Database>, application: StationApplicationRow, station: StationRow, now: Date): Promise<void> {
  if (application.status !== 'draft')
    throw new ApplicationStepError('not-submitted')
  const next = await checkSubmission(trx, application.kind, station, false, application.id)
  await trx.updateTable('station_applications').set({
    status: 'submitted',
    submitted_at: now,
    updated_at: now,
    ...(application.kind === 'change' ? { before: jsonb(changeSideOf(station)) } : {}),
  }).where('id', '=', application.id).execute()
  await setStationState(trx, station, next)
}

export interface Review {
  decision: ApplicationDecision
  opinion: string
  date: string
  reviewer: string
}

/** Records the review and applies an approval to the station. */
export async function reviewApplication(trx: Transaction<Database>, application: StationApplicationRow, station: StationRow, review: Review, now: Date): Promise<StationLifecycleState> {
  if (application.status !== 'submitted')
    throw new ApplicationStepError('not-submitted')
  const next = stationStateAfter(application.kind, review.decision, station.state)
  if (!next)
    throw new ApplicationStepError(station.state === 'closed' ? 'station-closed' : 'state-conflict')
  await trx.updateTable('station_applications').set({
    status: review.decision,
    decision: review.decision,
    review_opinion: review.opinion,
    reviewer: review.reviewer,
    review_date: review.date,
    reviewed_at: now,
    updated_at: now,
  }).where('id', '=', application.id).execute()
  if (application.kind === 'change' && review.decision === 'approved') {
    const after = (application.fields as ChangeApplicationFields).after
    await trx.updateTable('stations').set({
      host_unit: after.applicantUnit,
      contact_phone: after.contactPhone,
      address: after.address,
      county_code: after.countyCode,
      functions: after.functions ?? station.functions,
      state: next,
    }).where('id', '=', station.id).execute()
    return next
  }
  await setStationState(trx, station, next)
  return next
}
