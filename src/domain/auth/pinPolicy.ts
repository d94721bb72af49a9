/**
 * The staff PIN policy (5.3 counter sign-in, issue 11 item 2), one rule for the office pages, the server
 * (which makes the verifier, src/server/auth/pinVerifier.ts) and the benchmark's search-space count.
 * A PIN is 6 to 12 digits and not a trivial sequence: one digit repeated (111111), a run up or down by one
 * (123456, 654321, 012345; 890123 is not a run), or a short block repeated (121212, 123123).
 *
 * `pinPolicyProblem` names what is wrong as a code, so the app words it through vue-i18n (zh-CN, English);
 * `validateNewPin` gives the same answer with the Chinese reason the server puts in its 400 field errors.
 */
import type { Validation } from '../identity'
import type { Reason } from '../reason'
import { reasonText } from '../reason'

export const NEW_PIN_MIN_LENGTH = 6
export const NEW_PIN_MAX_LENGTH = 12

/** Why a PIN may not be given to staff; the app's messages are `pinPolicy.<code>` (src/app/i18n). */
export type PinProblem = 'empty' | 'not-digits' | 'too-short' | 'too-long' | 'repeated' | 'sequence'

/** Whether every digit is the previous one plus `step` (no wrap-around: 890123 is not a run). */
function isRun(digits: number[], step: number): boolean {
  return digits.every((d, i) => i === 0 || d - (digits[i - 1] ?? 0) === step)
}

/** Whether the PIN is a shorter block repeated to fill it (111111, 121212, 123123). */
function isRepeatedBlock(pin: string): boolean {
  for (let size = 1; size <= pin.length / 2; size++) {
    if (pin.length % size === 0 && pin.slice(0, size).repeat(pin.length / size) === pin)
      return true
  }
  return false
}

/** The form a typed PIN is checked and stored in: full-width digits folded (NFKC), spaces trimmed. */
export function normalizePin(input: string): string {
  return input.normalize('NFKC').trim()
}

/** What is wrong with `pin` (already normalised) as a new staff PIN, or null when it may be given. */
export function pinPolicyProblem(pin: string): PinProblem | null {
  if (pin === '')
    return 'empty'
  if (!/^\d+$/.test(pin))
    return 'not-digits'
  if (pin.length < NEW_PIN_MIN_LENGTH)
    return 'too-short'
  if (pin.length > NEW_PIN_MAX_LENGTH)
    return 'too-long'
  if (isRepeatedBlock(pin))
    return 'repeated'
  const digits = [...pin].map(Number)
  if (isRun(digits, 1) || isRun(digits, -1))
    return 'sequence'
  return null
}

/** True when `pin` (as stored, normalised) meets the policy: what the server checks before making a verifier. */
export function isValidPin(pin: string): boolean {
  return pinPolicyProblem(pin) === null
}

const REASONS: Record<PinProblem, Reason> = {
  'empty': { code: 'pin.empty' },
  'not-digits': { code: 'pin.notDigits' },
  'too-short': { code: 'pin.tooShort', params: { min: NEW_PIN_MIN_LENGTH } },
  'too-long': { code: 'pin.tooLong', params: { max: NEW_PIN_MAX_LENGTH } },
  'repeated': { code: 'pin.repeated' },
  'sequence': { code: 'pin.sequence' },
}

/** 5.3: a PIN staff may be given (set or reset by the office); the reason is Chinese, for the server's 400. */
export function validateNewPin(input: string): Validation {
  const pin = normalizePin(input)
  const problem = pinPolicyProblem(pin)
  return problem === null ? { ok: true, value: pin } : { ok: false, problem: REASONS[problem], reason: reasonText(REASONS[problem]), overridable: false }
}

/** How many PINs of exactly `length` digits the policy refuses (the benchmark subtracts them from 10^length). */
export function countTrivialPins(length: number): number {
  let refused = 0
  const total = 10 ** length
  for (let n = 0; n < total; n++) {
    if (pinPolicyProblem(String(n).padStart(length, '0')) !== null)
      refused++
  }
  return refused
}
