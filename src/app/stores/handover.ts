/**
 * 办结 and 交付 (6.2.1, 6.3.3.3, 6.3.4.5; issue 4 item 8): record a case's completion with its result, then the handover of
 * its result in person (with the recipient's signature blob) or by post. Each step is checked with the
 * domain's caseTransitionRefusal on the stored stream first, so a refusal (e.g. handover before completion)
 * reaches staff in Chinese and nothing is written. The on-time flag is the fold's, fixed at completion.
 */
import type { CaseCompletedPayload, CaseHandedOverPayload, CaseState } from '../../domain/case'
import type { CompletionResultFields } from '../handover/completionForm'
import type { BlobInput } from '../data'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import { caseTransitionRefusal, foldCase } from '../../domain/case'
import { eventsRepo, isoWithOffset, recordAs, sha256Hex, workCalendar } from '../data'
import { CaseTransitionRefused } from './cases'
import { useSessionStore } from './session'

/** A handover as the form gives it: the payload without the signature hash, which is computed here. */
export type HandoverDraft = CaseHandedOverPayload

export const useHandoverStore = defineStore('handover', () => {
  const saving = ref(false)

  async function stateOf(id: string): Promise<CaseState | null> {
    const stored = await eventsRepo.byStream(id)
    return stored.length > 0 ? foldCase(stored, workCalendar()) : null
  }

  async function guarded(id: string, payload: { type: 'case.completed', payload: CaseCompletedPayload } | { type: 'case.handedOver', payload: CaseHandedOverPayload }, blobs: BlobInput[]): Promise<void> {
    saving.value = true
    try {
      const state = await stateOf(id)
      if (!state)
        throw new CaseTransitionRefused('case.notFound')
      const refusal = caseTransitionRefusal(state, payload)
      if (refusal)
        throw CaseTransitionRefused.because(refusal)
      await recordAs(useSessionStore().author, { stream: id, type: payload.type, payload: payload.payload }, { blobs })
    }
    finally {
      saving.value = false
    }
  }

  /** 6.2.1: 办结 now with its result (准予 + document, or 不予 + reason; issue 14 item 7). Accepted or in progress cases only; the fold fixes the on-time flag. */
  async function complete(id: string, result: CompletionResultFields, at: Date = new Date()): Promise<void> {
    await guarded(id, { type: 'case.completed', payload: { completedAt: isoWithOffset(at), ...result } }, [])
  }

  /** 6.3.3.3: 交付 in person (the signature PNG stored with the event, keyed by its SHA-256) or by post. */
  async function handOver(id: string, draft: HandoverDraft, signature: Blob | null = null): Promise<void> {
    if (draft.method === 'inPerson' && signature) {
      const sha256 = await sha256Hex(signature)
      const payload: CaseHandedOverPayload = { ...draft, recipient: { ...draft.recipient, signatureSha256: sha256 } }
      await guarded(id, { type: 'case.handedOver', payload }, [{ sha256, blob: signature }])
      return
    }
    await guarded(id, { type: 'case.handedOver', payload: draft }, [])
  }

  return { saving, complete, handOver }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useHandoverStore, import.meta.hot))
