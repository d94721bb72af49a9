/**
 * 6.3.2 applicant at intake, as data: the draft staff fill in (person or organisation), every problem
 * at once in Chinese (the domain validators' reasons, or i18n keys for missing fields), and the
 * normalised `applicant` payload. The USCC check warning can be overridden (DOMAIN.md: never a block).
 */
import type { Applicant } from '../../domain/case'
import type { Reason } from '../../domain/reason'
import type { FieldProblem } from '../consultation/consultationForm'
import { normalizeMobile, validateContactPhone, validateIdCard, validateUscc } from '../../domain/identity'

export type { FieldProblem }

export interface ApplicantDraft {
  type: 'person' | 'organisation'
  name: string
  idNumber: string
  mobile: string
  orgName: string
  uscc: string
  /** Staff confirmed a USCC that fails its check against the licence. */
  usccOverride: boolean
  contactName: string
  contactPhone: string
}

export type ApplicantField = 'name' | 'idNumber' | 'mobile' | 'orgName' | 'uscc' | 'contactName' | 'contactPhone'

export function emptyApplicant(): ApplicantDraft {
  return { type: 'person', name: '', idNumber: '', mobile: '', orgName: '', uscc: '', usccOverride: false, contactName: '', contactPhone: '' }
}

export function isApplicantDirty(d: ApplicantDraft): boolean {
  const e = emptyApplicant()
  return (Object.keys(e) as (keyof ApplicantDraft)[]).some(k => k !== 'type' && d[k] !== e[k])
}

/** A USCC problem staff may override (a wrong check character), by code; null otherwise. */
export function usccWarning(uscc: string): Reason | null {
  const v = validateUscc(uscc)
  return !v.ok && v.overridable ? v.problem : null
}

function required(value: string, field: ApplicantField, max: number, problems: Partial<Record<ApplicantField, FieldProblem>>): void {
  const v = value.trim()
  if (v === '')
    problems[field] = { key: `intake.errors.${field}Required` }
  else if ([...v].length > max)
    problems[field] = { key: 'intake.errors.tooLong', params: { max } }
}

/** Every problem of the applicant at once; `today` is the CST date (the ID's birth date may not be later). */
export function validateApplicant(d: ApplicantDraft, today?: string): Partial<Record<ApplicantField, FieldProblem>> {
  const problems: Partial<Record<ApplicantField, FieldProblem>> = {}
  if (d.type === 'person') {
    required(d.name, 'name', 64, problems)
    const id = validateIdCard(d.idNumber, today)
    if (!id.ok)
      problems.idNumber = { reason: id.problem }
    const mobile = normalizeMobile(d.mobile)
    if (!mobile.ok)
      problems.mobile = { reason: mobile.problem }
    return problems
  }
  required(d.orgName, 'orgName', 128, problems)
  const uscc = validateUscc(d.uscc)
  if (!uscc.ok && !(uscc.overridable && d.usccOverride))
    problems.uscc = { reason: uscc.problem }
  required(d.contactName, 'contactName', 64, problems)
  const phone = validateContactPhone(d.contactPhone)
  if (!phone.ok)
    problems.contactPhone = { reason: phone.problem }
  return problems
}

/** The `applicant` payload of case.received (normalised numbers); call only when validateApplicant found nothing. */
export function applicantPayload(d: ApplicantDraft): Applicant {
  if (d.type === 'person') {
    const id = validateIdCard(d.idNumber)
    const mobile = normalizeMobile(d.mobile)
    return { type: 'person', name: d.name.trim(), idType: 'idCard', idNumber: id.value ?? d.idNumber.trim(), mobile: mobile.value ?? d.mobile.trim() }
  }
  const uscc = validateUscc(d.uscc)
  const phone = validateContactPhone(d.contactPhone)
  return {
    type: 'organisation',
    name: d.orgName.trim(),
    uscc: uscc.value ?? d.uscc.trim(),
    ...(uscc.ok ? {} : { usccWarningOverridden: true }),
    contactName: d.contactName.trim(),
    contactPhone: phone.value ?? d.contactPhone.trim(),
  }
}
