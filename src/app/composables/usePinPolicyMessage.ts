/**
 * The PIN policy's answer for a typed PIN (src/domain/auth/pinPolicy.ts) as a message in the current
 * language, for the office's set/reset PIN forms; null when the PIN may be given. The server checks the
 * same rule again and answers 400 with the Chinese reason.
 */
import { useI18n } from 'vue-i18n'
import { NEW_PIN_MAX_LENGTH, NEW_PIN_MIN_LENGTH, normalizePin, pinPolicyProblem } from '../../domain/auth/pinPolicy'

export function usePinPolicyMessage(): (pin: string) => string | null {
  const { t } = useI18n()
  return (pin) => {
    const problem = pinPolicyProblem(normalizePin(pin))
    return problem === null ? null : t(`officePeople.staff.pinPolicy.${problem}`, { min: NEW_PIN_MIN_LENGTH, max: NEW_PIN_MAX_LENGTH })
  }
}
