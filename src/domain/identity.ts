/**
 * Identity numbers and phone numbers: validation at intake, masking in lists, ledgers, exports and
 * prints (DOMAIN.md "Validators and masking"; 个人信息保护法: show the minimum by default).
 *
 * Validators return a Validation: `{ ok: true, value }` with the normalised value, or
 * `{ ok: false, problem, reason, overridable }` with the problem by code (the app words it) and in Chinese
 * (`reason`, the server's words). `overridable: true`
 * marks a warning staff may override (only the USCC check character, which some real codes fail);
 * such a result still carries the normalised `value` so the overridden entry can be saved as typed.
 */

import type { Reason } from './reason'
import { reasonText } from './reason'

/** A validator's answer: the normalised value, or the problem by code and in Chinese (and whether staff may override it). */
export type Validation<Extra extends object = object>
  = | ({ ok: true, value: string, problem?: undefined, reason?: undefined, overridable?: undefined } & Extra)
    | { ok: false, problem: Reason, reason: string, overridable: false, value?: undefined }
    | { ok: false, problem: Reason, reason: string, overridable: true, value: string }

/** A problem staff must fix. */
function fail(problem: Reason): { ok: false, problem: Reason, reason: string, overridable: false } {
  return { ok: false, problem, reason: reasonText(problem), overridable: false }
}

/** A problem staff may override; `value` is the entry as typed, normalised. */
function warn(problem: Reason, value: string): { ok: false, problem: Reason, reason: string, overridable: true, value: string } {
  return { ok: false, problem, reason: reasonText(problem), overridable: true, value }
}

/** Full-width digits and letters (from a Chinese IME) become ASCII; surrounding blanks go. */
function clean(input: string): string {
  return input.normalize('NFKC').trim()
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'
const EARLIEST_BIRTH_YEAR = 1800

/** Extra facts read from a valid 居民身份证号码. */
export interface IdCardFacts {
  /** 'YYYY-MM-DD' (the 7th–14th digits). */
  birthDate: string
  /** From the parity of the 17th digit (odd male, even female). */
  sex: 'male' | 'female'
}

/** GB 11643-1999 check character of the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  const sum = ID_WEIGHTS.reduce((acc, weight, i) => acc + Number(first17.charAt(i)) * weight, 0)
  return ID_CHECK.charAt(sum % 11)
}

function cstToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
}

/**
 * GB 11643-1999 居民身份证号码: 18 characters, a real birth date not in the future, and the mod 11-2 check
 * character; lower-case x becomes X. The area code is not checked, so old abolished division codes pass.
 * `today` (CST 'YYYY-MM-DD') defaults to the current CST date.
 */
export function validateIdCard(input: string, today: string = cstToday()): Validation<IdCardFacts> {
  const value = clean(input).replace(/\s+/g, '').toUpperCase()
  if (value === '')
    return fail({ code: 'identity.idCardRequired' })
  if (value.length !== 18)
    return fail({ code: 'identity.idCardLength', params: { length: value.length } })
  if (!/^\d{17}[\dX]$/.test(value))
    return fail({ code: 'identity.idCardFormat' })
  const [y, m, d] = [Number(value.slice(6, 10)), Number(value.slice(10, 12)), Number(value.slice(12, 14))]
  const birth = new Date(Date.UTC(y, m - 1, d))
  if (y < EARLIEST_BIRTH_YEAR || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d)
    return fail({ code: 'identity.idCardBirthInvalid' })
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`
  if (birthDate > today)
    return fail({ code: 'identity.idCardBirthFuture' })
  if (idCardCheckChar(value) !== value[17])
    return fail({ code: 'identity.idCardCheck' })
  return { ok: true, value, birthDate, sex: Number(value[16]) % 2 === 1 ? 'male' : 'female' }
}

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** GB 32100-2015 check character of the first 17 characters (which must be in the code's charset). */
export function usccCheckChar(first17: string): string {
  const sum = USCC_WEIGHTS.reduce((acc, weight, i) => acc + USCC_CHARSET.indexOf(first17.charAt(i)) * weight, 0)
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31)
}

/**
 * GB 32100-2015 统一社会信用代码: 18 characters of 0-9 and A–Y without I, O, S, V, Z (a hard error
 * otherwise). A wrong check character or a non-numeric division code (3rd–8th characters) is only a
 * warning (`overridable: true`): DOMAIN.md, some real codes fail the check.
 */
export function validateUscc(input: string): Validation {
  const value = clean(input).replace(/[\s-]+/g, '').toUpperCase()
  if (value === '')
    return fail({ code: 'identity.usccRequired' })
  if (value.length !== 18)
    return fail({ code: 'identity.usccLength', params: { length: value.length } })
  const bad = [...value].filter(c => !USCC_CHARSET.includes(c))
  if (bad.length > 0)
    return fail({ code: 'identity.usccCharacters', params: { characters: [...new Set(bad)] } })
  if (!/^\d{6}$/.test(value.slice(2, 8)))
    return warn({ code: 'identity.usccDivision' }, value)
  if (usccCheckChar(value) !== value[17])
    return warn({ code: 'identity.usccCheck' }, value)
  return { ok: true, value }
}

/** Spaces (also full-width), dashes, dots and brackets people type inside phone numbers. */
function stripPhone(input: string): string {
  return clean(input).replace(/[\s\-.()（）]+/g, '')
}

const MOBILE = /^1[3-9]\d{9}$/

/** DOMAIN.md mobile numbers: strip spaces, dashes and a +86/0086 prefix, then ^1[3-9]\d{9}$. */
export function normalizeMobile(input: string): Validation {
  const digits = stripPhone(input).replace(/^(?:\+86|0086)/, '')
  if (digits === '')
    return fail({ code: 'identity.mobileRequired' })
  if (!/^\d+$/.test(digits))
    return fail({ code: 'identity.mobileDigits' })
  if (digits.length !== 11)
    return fail({ code: 'identity.mobileLength', params: { length: digits.length } })
  if (!MOBILE.test(digits))
    return fail({ code: 'identity.mobilePrefix' })
  return { ok: true, value: digits }
}

/** Which kind of number a contact phone is. */
export interface ContactPhoneFacts {
  kind: 'mobile' | 'landline'
}

/**
 * DOMAIN.md contact numbers: a mobile, or a landline with its area code ('0351-4123456'); a landline is
 * returned as 'area-number'. Beijing (010) and 02x area codes have 3 digits, all others 4; the local
 * number has 7–8 digits and does not start with 0 or 1. Extensions are not supported.
 */
export function validateContactPhone(input: string): Validation<ContactPhoneFacts> {
  const stripped = stripPhone(input)
  if (stripped === '')
    return fail({ code: 'identity.phoneRequired' })
  const mobile = normalizeMobile(stripped)
  if (mobile.ok)
    return { ok: true, value: mobile.value, kind: 'mobile' }
  // After +86/0086 the area code loses its leading 0: +86 351 4123456.
  const international = /^(?:\+86|0086)(\d+)$/.exec(stripped)
  const digits = international ? `0${international[1]}` : stripped
  if (!/^\d+$/.test(digits))
    return fail({ code: 'identity.phoneDigits' })
  if (digits.startsWith('1'))
    return fail(mobile.problem)
  if (!digits.startsWith('0'))
    return fail({ code: 'identity.landlineArea' })
  const areaLength = /^0(?:10|2\d)/.test(digits) ? 3 : 4
  const area = digits.slice(0, areaLength)
  const local = digits.slice(areaLength)
  if (!/^[2-9]\d{6,7}$/.test(local))
    return fail({ code: 'identity.landlineFormat' })
  return { ok: true, value: `${area}-${local}`, kind: 'landline' }
}

import { isPurged, PURGED_VALUE } from './personalFields'

/** Replace the characters between `keepStart` and `keepEnd` kept at each end by '*', one per character. */
function maskMiddle(chars: readonly string[], keepStart: number, keepEnd: number): string {
  return chars.slice(0, keepStart).join('') + '*'.repeat(chars.length - keepStart - keepEnd) + chars.slice(chars.length - keepEnd).join('')
}

/** DOMAIN.md masking: ID first 6 + last 4 (110105********1234); anything too short to keep 10 is fully starred. */
export function maskIdCard(idCard: string | null | undefined): string {
  if (isPurged(idCard))
    return PURGED_VALUE
  const chars = [...(idCard ?? '').trim()]
  if (chars.length <= 10)
    return '*'.repeat(chars.length)
  return maskMiddle(chars, 6, 4)
}

/** DOMAIN.md masking: mobile 138****5678 (normalised first); other numbers keep 3 + 4 digits, short ones are fully starred. */
export function maskMobile(phone: string | null | undefined): string {
  if (isPurged(phone))
    return PURGED_VALUE
  const raw = (phone ?? '').trim()
  const mobile = normalizeMobile(raw)
  if (mobile.ok)
    return maskMiddle([...mobile.value], 3, 4)
  const chars = [...raw]
  if (chars.length < 8)
    return '*'.repeat(chars.length)
  return maskMiddle(chars, 3, 4)
}

/** DOMAIN.md masking: 张* (two characters), 张*明 (three), 欧**明 (keep first and last, one star per hidden character). */
export function maskName(name: string | null | undefined): string {
  if (isPurged(name))
    return PURGED_VALUE
  // By code point, so a rare character outside the BMP (e.g. 𠮷) counts as one.
  const chars = [...(name ?? '').trim()]
  if (chars.length === 0)
    return ''
  if (chars.length === 1)
    return '*'
  if (chars.length === 2)
    return `${chars[0]}*`
  return maskMiddle(chars, 1, 1)
}
