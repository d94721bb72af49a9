/**
 * 帮办 (6.3.3.2) and 代办 (6.3.4) steps on a case after intake: the 委托书 with the citizen's signature,
 * accompanying, work-log entries, conversion to 代办, and the proxy states (in progress, supplement
 * requested/received, suspended/resumed, terminated, renewed). Each step is asked of the domain's
 * caseTransitionRefusal before it is written; signatures go with their event (one transaction).
 */
import type { CaseEventInput, CaseState } from '../../domain/case'
import type { BlobInput } from '../data'
import type { EntrustmentDraft } from '../entrustment/entrustmentForm'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { caseTransitionRefusal } from '../../domain/case'
import { blobsRepo, casesRepo, isoWithOffset, recordAs, sha256Hex } from '../data'
import { CaseTransitionRefused } from '../case/caseErrors'
import { entrustedEvent, nextEntrustmentNumber } from '../case/documentNumbers'
import { entrustedPayload } from '../entrustment/entrustmentForm'
import { useSessionStore } from './session'

export { entrustedEvent, nextEntrustmentNumber } from '../case/documentNumbers'

export const useProxyCasesStore = defineStore('proxyCases', () => {
  /** The case after the last step recorded here. */
  const last = shallowRef<CaseState | null>(null)

  async function stateOf(id: string): Promise<CaseState> {
    const state = await casesRepo.get(id)
    if (!state)
      throw new CaseTransitionRefused('case.notFound')
    return state
  }

  /** Ask the domain, then record one step (and its signature) and return the case as folded after it. */
  async function step(id: string, event: CaseEventInput, blobs: BlobInput[] = []): Promise<CaseState> {
    const refusal = caseTransitionRefusal(await stateOf(id), event, isoWithOffset())
    if (refusal)
      throw CaseTransitionRefused.because(refusal)
    await recordAs(useSessionStore().author, { stream: id, type: event.type, payload: event.payload }, { blobs })
    last.value = await stateOf(id)
    return last.value
  }

  /** 6.3.4.2: sign the 委托书 on a 代办 case whose materials are complete. */
  async function entrust(id: string, draft: EntrustmentDraft, signature: Blob): Promise<CaseState> {
    // Refuse before a number is reserved.
    const probe = caseTransitionRefusal(await stateOf(id), { type: 'case.entrusted', payload: entrustedPayload(draft, 'check', '0'.repeat(64)) })
    if (probe)
      throw CaseTransitionRefused.because(probe)
    const { event, blob } = await entrustedEvent(draft, signature, new Date())
    return step(id, event, [blob])
  }

  /** Annex F 续办委托书: a new number and validity, signed again by the principal. */
  async function renew(id: string, renewal: { validFrom: string, validTo: string, reason: string }, signature: Blob): Promise<CaseState> {
    const probe = caseTransitionRefusal(await stateOf(id), { type: 'case.renewed', payload: { entrustmentNumber: 'check', validFrom: renewal.validFrom, validTo: renewal.validTo, signatureSha256: '0'.repeat(64) } })
    if (probe)
      throw CaseTransitionRefused.because(probe)
    const sha256 = await sha256Hex(signature)
    const number = await nextEntrustmentNumber(new Date())
    const reason = renewal.reason.trim()
    return step(id, { type: 'case.renewed', payload: { entrustmentNumber: number, validFrom: renewal.validFrom, validTo: renewal.validTo, ...(reason ? { reason } : {}), signatureSha256: sha256 } }, [{ sha256, blob: signature }])
  }

  /** A stored signature (or photo) as a Blob, for the print views; null when this tablet does not have it. */
  async function blob(sha256: string): Promise<Blob | null> {
    return (await blobsRepo.get(sha256))?.blob ?? null
  }

  return { last, step, entrust, renew, blob }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useProxyCasesStore, import.meta.hot))
