/**
 * The office's staff roster of a station (issue 8 item 3, 5.3): members with their masked mobile, the
 * assessment and training records, and the 1–2 staff rule as a warning. Also the one place that turns
 * assessment records into staff.assessment_passed / assessment_date, which tablets pull (the latest decides).
 */
import type { Kysely, Transaction } from 'kysely'
import { maskMobile } from '../../domain/identity'
import type { StaffingWarning } from '../../domain/staffing'
import type { RosterAnswer } from '../../domain/protocol'
import { decisiveAssessment, STAFF_PER_STATION, staffingWarning, TRAINING_KIND_LABELS } from '../../domain/staffing'
import { isLegacyPinVerifier } from '../../domain/auth/pinVerifier'
import type { Database } from '../db'

const warningMessages: Record<StaffingWarning, string> = {
  'no-staff': '本站没有在岗工作人员：按规范（5.3）每站应配备1–2名工作人员',
  'too-many-staff': '本站在岗工作人员超过2名：按规范（5.3）每站应配备1–2名工作人员',
}

type Db = Kysely<Database> | Transaction<Database>

export async function stationRoster(db: Db, stationId: string): Promise<RosterAnswer> {
  const staff = await db.selectFrom('staff')
    .select(['id', 'name', 'role', 'active', 'mobile', 'assessment_passed', 'assessment_date', 'pin_verifier'])
    .where('station_id', '=', stationId)
    .orderBy('active', 'desc').orderBy('name').orderBy('id')
    .execute()
  const assessments = await db.selectFrom('staff_assessments').selectAll()
    .where('station_id', '=', stationId)
    .orderBy('assessed_on', 'desc').orderBy('recorded_at', 'desc')
    .execute()
  const trainings = await db.selectFrom('staff_trainings')
    .leftJoin('staff as mentor', 'mentor.id', 'staff_trainings.mentor_id')
    .selectAll('staff_trainings')
    .select('mentor.name as mentor_name')
    .where('staff_trainings.station_id', '=', stationId)
    .orderBy('staff_trainings.trained_on', 'desc').orderBy('staff_trainings.recorded_at', 'desc')
    .execute()
  const active = staff.filter(s => s.active).length
  const warning = staffingWarning(active)
  return {
    stationId,
    staffing: { active, min: STAFF_PER_STATION.min, max: STAFF_PER_STATION.max, warning, message: warning ? warningMessages[warning] : null },
    staff: staff.map(s => ({
      id: s.id,
      name: s.name,
      role: s.role,
      active: s.active,
      mobileMasked: s.mobile ? maskMobile(s.mobile) : null,
      assessmentPassed: s.assessment_passed,
      assessmentDate: s.assessment_date,
      hasPin: s.pin_verifier !== null,
      pinNeedsReset: isLegacyPinVerifier(s.pin_verifier),
      assessments: assessments.filter(a => a.staff_id === s.id).map(a => ({
        id: a.id,
        date: a.assessed_on,
        passed: a.passed,
        assessor: a.assessor,
        notes: a.notes,
        recordedBy: a.recorded_by,
        recordedAt: a.recorded_at.toISOString(),
      })),
      trainings: trainings.filter(t => t.staff_id === s.id).map(t => ({
        id: t.id,
        kind: t.kind,
        kindLabel: TRAINING_KIND_LABELS[t.kind],
        date: t.trained_on,
        hours: t.hours === null ? null : Number(t.hours),
        notes: t.notes,
        mentorId: t.mentor_id,
        mentorName: t.mentor_name ?? null,
        recordedBy: t.recorded_by,
        recordedAt: t.recorded_at.toISOString(),
      })),
    })),
  }
}

/**
 * 5.3.2: sets staff.assessment_passed / assessment_date from the member's latest assessment record, so the
 * change reaches tablets by pull (the revision trigger); a member without records keeps what they had.
 */
export async function applyLatestAssessment(db: Db, staffId: string): Promise<{ passed: boolean, date: string } | null> {
  const rows = await db.selectFrom('staff_assessments').select(['id', 'assessed_on', 'passed', 'recorded_at']).where('staff_id', '=', staffId).execute()
  const latest = decisiveAssessment(rows.map(r => ({ id: r.id, date: r.assessed_on, passed: r.passed, recordedAt: r.recorded_at.toISOString() })))
  if (!latest)
    return null
  await db.updateTable('staff').set({ assessment_passed: latest.passed, assessment_date: latest.date }).where('id', '=', staffId).execute()
  return { passed: latest.passed, date: latest.date }
}
