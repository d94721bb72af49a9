import type { StoredReason } from '../domainReason'
import type { ReasonWords } from '../reasonWords'
import { useI18n } from 'vue-i18n'
import { reasonText } from '../../domain/reason'
import { storedReasonWords } from '../domainReason'
import { reasonWordsWith } from '../reasonWords'

export interface UseReasonTextReturn {
  /** A domain reason (refusal, conflict, unreadable record) in the chosen language. */
  reasonWords: ReasonWords
  /** A reason as a projection stored it: by its code when it has one, else its stored text. */
  storedText: (stored: StoredReason | null) => string
}

/** How a component words the domain's reasons (src/app/reasonWords.ts) with its vue-i18n. */
export function useReasonText(): UseReasonTextReturn {
  const { t, te } = useI18n()
  const reasonWords = reasonWordsWith({ t, te }, reasonText)
  return { reasonWords, storedText: stored => (stored ? storedReasonWords(reasonWords, stored) : '') }
}
