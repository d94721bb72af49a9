/**
 * 查看完整 (DOMAIN.md masking; issue 11 item 3): a personal value is shown only after `audit.revealed` is
 * recorded by the signed-in staff member (data's recordAs), offline too, synced like any event. Throws the
 * recorder's errors (RecorderNotSignedInError, EventValidationError, StorageQuotaError).
 */
import type { AuditRevealedPayload } from '../../domain/audit'
import { newAuditStream } from '../../domain/audit'
import { recordAs } from '../data'
import { useSessionStore } from '../stores/session'

/** The function that records one reveal, for the current Pinia (call it in setup). */
export function useRecordReveal(): (payload: AuditRevealedPayload) => Promise<void> {
  const session = useSessionStore()
  return async (payload) => {
    await recordAs(session.author, { stream: newAuditStream(), type: 'audit.revealed', payload })
  }
}
