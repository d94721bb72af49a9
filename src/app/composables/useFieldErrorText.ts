/**
 * How a field error (a server 400's `fields`, or the same shape from a local check with the domain's schema)
 * is told to staff, in the chosen language: in the Chinese UI the server's own message (Chinese, often more
 * specific); in any other locale a vue-i18n message (i18n/fieldErrors.*.ts) chosen by the error's code and
 * limits (src/domain/fieldIssue.ts), "This value is not accepted" when the code says nothing more.
 */
import type { FieldErrorWithIssue, FieldIssue } from '../../domain/fieldIssue'
import type { ErrorTranslator } from './useErrorText'
import { useI18n } from 'vue-i18n'

/** A field error's reason; anything with a message and an issue's code will do (an import's row error too). */
export type FieldErrorText = (error: FieldIssue & { message: string }) => string

export interface UseFieldErrorTextReturn {
  /** One field error's reason. */
  fieldErrorText: FieldErrorText
  /** The reasons by path ('pin', 'materials.0.form'), the last one for a path that has several. */
  fieldErrorsByPath: (errors: readonly FieldErrorWithIssue[]) => Record<string, string>
}

const FORMAT_KEYS = new Set(['date', 'datetime', 'time', 'uuid', 'email', 'url'])
const REASON_KEYS = new Set(['dateOrder'])
const OWN_CODES: Record<string, string> = {
  'invalid_type': 'invalidType',
  'invalid_value': 'invalidValue',
  'not_multiple_of': 'notMultipleOf',
  'unrecognized_keys': 'unrecognizedKeys',
  'exists': 'exists',
  'immutable': 'immutable',
  'outside-division': 'outsideDivision',
  'missing-column': 'missingColumn',
  'duplicate': 'duplicate',
  'unknown-item': 'unknownItem',
}

/** The fieldError.* key (and its params) for an error's code and limits. */
export function fieldErrorKey(error: FieldIssue): [key: string, params: Record<string, unknown>] {
  const { code, origin, minimum, maximum, format } = error
  if (code === 'too_small') {
    if (origin === 'string')
      return minimum === undefined || minimum <= 1 ? ['required', {}] : ['tooShort', { minimum }]
    if (origin === 'array' || origin === 'set')
      return ['tooFewItems', { minimum: minimum ?? 1 }]
    if (origin === 'date')
      return ['tooEarly', {}]
    if (minimum !== undefined)
      return ['tooSmallNumber', { minimum }]
  }
  if (code === 'too_big') {
    if (origin === 'string' && maximum !== undefined)
      return ['tooLong', { maximum }]
    if ((origin === 'array' || origin === 'set') && maximum !== undefined)
      return ['tooManyItems', { maximum }]
    if (origin === 'date')
      return ['tooLate', {}]
    if (maximum !== undefined)
      return ['tooBigNumber', { maximum }]
  }
  if (code === 'invalid_format' || (code === 'custom' && format !== undefined))
    return [`format.${format !== undefined && FORMAT_KEYS.has(format) ? format : 'other'}`, {}]
  if (code === 'custom' && error.reason !== undefined && REASON_KEYS.has(error.reason))
    return [`reason.${error.reason}`, {}]
  const own = code === undefined ? undefined : OWN_CODES[code]
  return [own ?? 'fallback', {}]
}

export function fieldErrorTextWith(i18n: Pick<ErrorTranslator, 't' | 'locale'>): FieldErrorText {
  return (error) => {
    if (i18n.locale.value === 'zh-CN' && error.message)
      return error.message
    const [key, params] = fieldErrorKey(error)
    return i18n.t(`fieldError.${key}`, params)
  }
}

/** fieldErrorText for a component (or a composable it calls in setup). */
export function useFieldErrorText(): UseFieldErrorTextReturn {
  const { t, locale } = useI18n()
  const fieldErrorText = fieldErrorTextWith({ t, locale })
  function fieldErrorsByPath(errors: readonly FieldErrorWithIssue[]): Record<string, string> {
    return Object.fromEntries(errors.map(error => [error.path, fieldErrorText(error)]))
  }
  return { fieldErrorText, fieldErrorsByPath }
}
