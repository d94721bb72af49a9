/**
 * The consultation form (6.3.3.1.1–2, 6.3.4.1) as data: the draft staff fill in, its validation
 * (messages as i18n keys, or the domain validator's Chinese reason for the phone) and the events it
 * becomes. Kept apart from the view so it can be tested without mounting anything.
 */
import type { Reason } from '../../domain/reason'
import type { ConsultationChannel, ConsultationRecordedPayload, ConsultationReferredPayload } from '../../domain/consultation'
import { validateContactPhone } from '../../domain/identity'

export type ConsultationOutcome = 'answered' | 'referred' | 'pending'

export interface ConsultationDraft {
  channel: ConsultationChannel | null
  name: string
  phone: string
  itemCode: string | null
  itemName: string | null
  question: string
  outcome: ConsultationOutcome | null
  answer: string
  /** 6.3.5: the item's guide was shown or printed. */
  guideGiven: 'shown' | 'printed' | null
  department: string
  personName: string
  personPhone: string
}

export function emptyDraft(): ConsultationDraft {
  return { channel: null, name: '', phone: '', itemCode: null, itemName: null, question: '', outcome: null, answer: '', guideGiven: null, department: '', personName: '', personPhone: '' }
}

/** Has staff typed or chosen anything (the form guard holds while true)? */
export function isDraftDirty(d: ConsultationDraft): boolean {
  const e = emptyDraft()
  return (Object.keys(e) as (keyof ConsultationDraft)[]).some(k => d[k] !== e[k])
}

/** A field's problem: an i18n key (with params), or a message already in Chinese from the domain validators. */
/** A field's problem: an i18n key, or a domain validator's reason (worded from its code). */
export type FieldProblem = { key: string, params?: Record<string, unknown> } | { reason: Reason }

export type DraftField = 'channel' | 'name' | 'phone' | 'question' | 'outcome' | 'answer' | 'department' | 'personName' | 'personPhone'

const LIMITS = { name: 64, question: 2000, answer: 2000, department: 200, personName: 64 } as const

function text(value: string, field: keyof typeof LIMITS, required: boolean, problems: Partial<Record<DraftField, FieldProblem>>): void {
  const v = value.trim()
  if (v === '') {
    if (required)
      problems[field] = { key: `consultation.errors.${field}Required` }
    return
  }
  if ([...v].length > LIMITS[field])
    problems[field] = { key: 'consultation.errors.tooLong', params: { max: LIMITS[field] } }
}

/** Every problem of the draft at once (a form shows them all, not one at a time). */
export function validateDraft(d: ConsultationDraft): Partial<Record<DraftField, FieldProblem>> {
  const problems: Partial<Record<DraftField, FieldProblem>> = {}
  if (!d.channel)
    problems.channel = { key: 'consultation.errors.channelRequired' }
  text(d.name, 'name', true, problems)
  const phone = validateContactPhone(d.phone)
  if (!phone.ok)
    problems.phone = { reason: phone.problem }
  text(d.question, 'question', true, problems)
  if (!d.outcome)
    problems.outcome = { key: 'consultation.errors.outcomeRequired' }
  if (d.outcome === 'answered')
    text(d.answer, 'answer', true, problems)
  if (d.outcome === 'referred')
    Object.assign(problems, validateReferral(d))
  return problems
}

/** 6.3.3.1.3: the department and the person contacted there (their phone optional, checked when given). */
export function validateReferral(d: Pick<ConsultationDraft, 'department' | 'personName' | 'personPhone'>): Partial<Record<DraftField, FieldProblem>> {
  const problems: Partial<Record<DraftField, FieldProblem>> = {}
  text(d.department, 'department', true, problems)
  text(d.personName, 'personName', true, problems)
  if (d.personPhone.trim() !== '') {
    const p = validateContactPhone(d.personPhone)
    if (!p.ok)
      problems.personPhone = { reason: p.problem }
  }
  return problems
}

/** The `consultation.recorded` payload of a valid draft (the phone normalised). */
export function recordedPayload(d: ConsultationDraft): ConsultationRecordedPayload {
  const phone = validateContactPhone(d.phone)
  return {
    channel: d.channel as ConsultationChannel,
    contact: { name: d.name.trim(), phone: phone.ok ? phone.value : d.phone.trim() },
    itemCode: d.itemCode,
    itemName: d.itemName,
    question: d.question.trim(),
    answer: d.outcome === 'answered' ? d.answer.trim() : null,
    guideGiven: d.outcome === 'answered' ? d.guideGiven : null,
  }
}

/** The `consultation.referred` payload of a valid referred draft, due at `dueAt`. */
export function referredPayload(d: Pick<ConsultationDraft, 'department' | 'personName' | 'personPhone'>, dueAt: string, dueProvisional = false): ConsultationReferredPayload {
  const phone = d.personPhone.trim() === '' ? null : validateContactPhone(d.personPhone)
  return {
    department: d.department.trim(),
    personContacted: { name: d.personName.trim(), phone: phone === null ? null : phone.ok ? phone.value : d.personPhone.trim() },
    dueAt,
    ...(dueProvisional ? { dueProvisional: true as const } : {}),
  }
}
