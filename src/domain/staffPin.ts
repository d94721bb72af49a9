/**
 * 5.3 counter sign-in: the rule a new or reset staff PIN must meet, shared by the office pages and the
 * server (which makes the verifier, src/server/auth/pinVerifier.ts). At least 6 digits (12 at most, the
 * verifier's limit) and not a trivial sequence: one digit repeated (111111), a run up or down by one
 * (123456, 654321, 012345), or a short block repeated (121212, 123123).
 */
import type { Validation } from './identity'

export const NEW_PIN_MIN_LENGTH = 6
export const NEW_PIN_MAX_LENGTH = 12

function fail(reason: string): { ok: false, reason: string, overridable: false } {
  return { ok: false, reason, overridable: false }
}

/** Whether every digit is the previous one plus `step` (mod nothing: 890123 is not a run). */
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

/** 5.3: a PIN staff may be given (set or reset by the office); the reason is Chinese, for the form. */
export function validateNewPin(input: string): Validation {
  const pin = input.normalize('NFKC').trim()
  if (pin === '')
    return fail('请设置PIN')
  if (!/^\d+$/.test(pin))
    return fail('PIN只能由数字组成')
  if (pin.length < NEW_PIN_MIN_LENGTH)
    return fail(`PIN至少${NEW_PIN_MIN_LENGTH}位数字`)
  if (pin.length > NEW_PIN_MAX_LENGTH)
    return fail(`PIN不能超过${NEW_PIN_MAX_LENGTH}位数字`)
  const digits = [...pin].map(Number)
  if (isRepeatedBlock(pin))
    return fail('PIN过于简单（不能是重复的数字，如111111、121212）')
  if (isRun(digits, 1) || isRun(digits, -1))
    return fail('PIN过于简单（不能是连续的数字，如123456、654321）')
  return { ok: true, value: pin }
}
