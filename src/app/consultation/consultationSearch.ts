import type { ConsultationState, ConsultationStatus } from '../../domain/consultation'
import { normalizeQuery } from '../catalog/normalizeQuery'

/**
 * 6.3.3.1.4 register search: by name, phone (any digits of it), item or question text, and status.
 * Runs on the device over records already held there; nothing personal goes into an index.
 */
export function filterConsultations<C extends Pick<ConsultationState, 'contact' | 'itemName' | 'question' | 'status'>>(rows: readonly C[], query: string, status: ConsultationStatus | null): C[] {
  const q = normalizeQuery(query)
  return rows.filter((c) => {
    if (status && c.status !== status)
      return false
    if (q === '')
      return true
    const digits = c.contact.phone.replace(/\D/g, '')
    return normalizeQuery(c.contact.name).includes(q)
      || (/^\d+$/.test(q) && digits.includes(q))
      || normalizeQuery(c.itemName ?? '').includes(q)
      || normalizeQuery(c.question).includes(q)
  })
}
