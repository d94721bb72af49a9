/**
 * 5.3 staffing of a station (人员配备): 1–2 counter staff, each onboarded with a passed assessment
 * (5.3.2) and kept trained (5.3.3). 带班学习 and 结对帮扶 pair a new member with an experienced one.
 */

/** 5.3: a station has 1 to 2 staff on its counter. */
export const STAFF_PER_STATION = { min: 1, max: 2 } as const

/** Why a roster breaks the 1–2 staff rule, or null when it holds; a warning to the office, never a block. */
export type StaffingWarning = 'no-staff' | 'too-many-staff'

/** 5.3: the 1–2 staff rule over the number of active staff. */
export function staffingWarning(activeStaff: number): StaffingWarning | null {
  if (activeStaff < STAFF_PER_STATION.min)
    return 'no-staff'
  if (activeStaff > STAFF_PER_STATION.max)
    return 'too-many-staff'
  return null
}

/** 5.3.3 training kinds: 定期培训, 线上指导, 带班学习, 结对帮扶 (the last names the mentor). */
export const TRAINING_KINDS = ['regular', 'online', 'shadowing', 'pairing'] as const
export type TrainingKind = typeof TRAINING_KINDS[number]

export const TRAINING_KIND_LABELS: Record<TrainingKind, string> = {
  regular: '定期培训',
  online: '线上指导',
  shadowing: '带班学习',
  pairing: '结对帮扶',
}

/** 结对帮扶 is with a named mentor; the other kinds may name none. */
export function trainingNeedsMentor(kind: TrainingKind): boolean {
  return kind === 'pairing'
}

export const STAFF_ROLES = ['staff', 'lead'] as const
export type StaffRoleName = typeof STAFF_ROLES[number]

/** One onboarding assessment as recorded; the latest decides whether the member may sign in. */
export interface AssessmentRecord {
  /** Time-ordered (UUIDv7): the last tie-break. */
  id: string
  /** Civil date 'YYYY-MM-DD' (CST). */
  date: string
  passed: boolean
  /** When it was entered (ISO); breaks ties between two records of one date. */
  recordedAt: string
}

function sortKey(r: AssessmentRecord): [string, number, string] {
  return [r.date, Date.parse(r.recordedAt), r.id]
}

/** 5.3.2: the record that decides sign-in — the latest by date, then by when it was entered; null: none. */
export function decisiveAssessment<A extends AssessmentRecord>(records: readonly A[]): A | null {
  let best: A | null = null
  for (const r of records) {
    if (!best) {
      best = r
      continue
    }
    const [d, t, id] = sortKey(r)
    const [bd, bt, bid] = sortKey(best)
    if (d > bd || (d === bd && (t > bt || (t === bt && id > bid))))
      best = r
  }
  return best
}
