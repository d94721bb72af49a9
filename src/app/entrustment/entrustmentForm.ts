/**
 * 6.3.4.2 委托书 (letter of entrustment) as staff fill it at the counter: the draft, its defaults (principal =
 * the applicant, agent = the signed-in staff member, items = the case's item, materials = what the checklist
 * received) and the event payload once numbered and signed. Pure: tested without mounting anything.
 */
import type { Applicant, CaseEntrustedPayload, EntrustmentAgent, EntrustmentPower, MaterialCheck, MaterialHandover } from '../../domain/case'
import { addCalendarDays, toCivilDate } from '../../domain/calendar'

/** Days a new entrustment is valid by default (staff may change it). */
export const DEFAULT_VALIDITY_DAYS = 30

/** What the form edits: everything on the 委托书 except its number and signature. */
export interface EntrustmentDraft {
  principal: Applicant
  agent: EntrustmentAgent
  items: { itemCode: string, itemName: string }[]
  powers: EntrustmentPower[]
  /** CST dates, inclusive. */
  validFrom: string
  validTo: string
  materials: MaterialHandover[]
}

/** 6.3.4.2: the 材料交接清单 from a checklist: what was provided or supplemented, with copies ≥ 1. */
export function handoverFromChecklist(checks: readonly Pick<MaterialCheck, 'name' | 'status' | 'form' | 'copies'>[]): MaterialHandover[] {
  return checks
    .filter(c => c.status === 'provided' || c.status === 'supplemented')
    .map(c => ({ name: c.name, copies: Math.max(1, c.copies), form: c.form }))
}

/** A new draft: all three powers, valid from today (CST) for DEFAULT_VALIDITY_DAYS. */
export function defaultEntrustment(input: { principal: Applicant, agent: EntrustmentAgent, item: { itemCode: string, itemName: string }, materials: MaterialHandover[], now?: Date }): EntrustmentDraft {
  const today = toCivilDate(input.now ?? new Date())
  return {
    principal: input.principal,
    agent: input.agent,
    items: [input.item],
    powers: ['submit', 'sign', 'collectResult'],
    validFrom: today,
    validTo: addCalendarDays(today, DEFAULT_VALIDITY_DAYS - 1),
    materials: input.materials,
  }
}

/** The i18n keys (under `entrustment.errors`) of what keeps the draft from being signed; empty when it may be. */
export function entrustmentProblems(draft: EntrustmentDraft, signature: Blob | null): string[] {
  const problems: string[] = []
  if (draft.powers.length === 0)
    problems.push('powersRequired')
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.validFrom) || !/^\d{4}-\d{2}-\d{2}$/.test(draft.validTo))
    problems.push('validityRequired')
  else if (draft.validTo < draft.validFrom)
    problems.push('validityOrder')
  if (!signature || signature.size === 0)
    problems.push('signatureRequired')
  return problems
}

/** The `case.entrusted` payload of a numbered, signed draft. */
export function entrustedPayload(draft: EntrustmentDraft, entrustmentNumber: string, signatureSha256: string): CaseEntrustedPayload {
  // A JSON copy: the draft comes from a reactive form, and IndexedDB cannot clone Vue proxies.
  const plain = JSON.parse(JSON.stringify(draft)) as EntrustmentDraft
  return {
    entrustmentNumber,
    principal: plain.principal,
    agent: plain.agent,
    items: plain.items,
    powers: plain.powers,
    validFrom: plain.validFrom,
    validTo: plain.validTo,
    materials: plain.materials,
    signatureSha256,
  }
}
