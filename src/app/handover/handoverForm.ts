/**
 * The handover form (6.3.3.3, 6.3.4.5) as plain data: its draft, what is missing (error codes), and the
 * `case.handedOver` payload it becomes. Kept out of the component so it is tested without mounting.
 */
import type { ErrorCode } from '../appError'
import type { Applicant, CaseHandedOverPayload } from '../../domain/case'

export type HandoverMethod = CaseHandedOverPayload['method']

export interface HandoverFormDraft {
  method: HandoverMethod
  /** In person: the applicant collects it themselves (name filled in) or someone else does. */
  collector: 'self' | 'other'
  recipientName: string
  identityChecked: boolean
  carrier: string
  waybillNumber: string
  postName: string
  postPhone: string
  address: string
  eLicenceHintGiven: boolean
}

/** The applicant's name and phone, to fill in the recipient. */
export function applicantContact(a: Applicant | null): { name: string, phone: string } {
  if (!a)
    return { name: '', phone: '' }
  return a.type === 'person' ? { name: a.name, phone: a.mobile } : { name: a.contactName, phone: a.contactPhone }
}

export function emptyHandoverDraft(a: Applicant | null): HandoverFormDraft {
  const who = applicantContact(a)
  return { method: 'inPerson', collector: 'self', recipientName: who.name, identityChecked: false, carrier: '', waybillNumber: '', postName: who.name, postPhone: who.phone, address: '', eLicenceHintGiven: false }
}

/** Field → error code (appError.handover.*) for each required thing missing; empty when the draft can be recorded. */
export function handoverErrors(d: HandoverFormDraft, signed: boolean): Record<string, ErrorCode> {
  const errors: Record<string, ErrorCode> = {}
  const blank = (s: string) => s.trim() === ''
  if (d.method === 'inPerson') {
    if (blank(d.recipientName))
      errors.recipientName = 'handover.recipientName'
    if (!d.identityChecked)
      errors.identityChecked = 'handover.identityChecked'
    if (!signed)
      errors.signature = 'handover.signature'
  }
  else {
    if (blank(d.carrier))
      errors.carrier = 'handover.carrier'
    if (blank(d.waybillNumber))
      errors.waybillNumber = 'handover.waybillNumber'
    if (blank(d.postName))
      errors.postName = 'handover.postName'
    if (blank(d.postPhone))
      errors.postPhone = 'handover.postPhone'
    if (blank(d.address))
      errors.address = 'handover.address'
  }
  return errors
}

/** The `case.handedOver` payload (signature hash added by the store). */
export function handoverPayload(d: HandoverFormDraft): CaseHandedOverPayload {
  if (d.method === 'inPerson')
    return { method: 'inPerson', recipient: { name: d.recipientName.trim(), identityChecked: d.identityChecked }, eLicenceHintGiven: d.eLicenceHintGiven }
  return {
    method: 'post',
    carrier: d.carrier.trim(),
    waybillNumber: d.waybillNumber.trim(),
    recipient: { name: d.postName.trim(), phone: d.postPhone.trim(), address: d.address.trim() },
    eLicenceHintGiven: d.eLicenceHintGiven,
  }
}
