/**
 * A field error in the chosen language (issue 13 item 5): the server's Chinese message in zh-CN; in English a
 * message chosen by the error's code and limits, with a generic fallback, and never the Chinese message.
 */
import type { FieldErrorWithIssue } from '../../../src/domain/fieldIssue'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { fieldErrorTextWith } from '../../../src/app/composables/useFieldErrorText'
import { fieldErrorOf } from '../../../src/domain/fieldIssue'
import { createAppI18n, loadLocaleMessages } from '../../../src/app/i18n'

async function textIn(locale: 'zh-CN' | 'en') {
  const i18n = createAppI18n(locale)
  await loadLocaleMessages(i18n.global, locale)
  return fieldErrorTextWith(i18n.global)
}

/** The field errors zod gives for `value` against `schema`, as the server words them. */
function errorsOf(schema: z.ZodType, value: unknown): FieldErrorWithIssue[] {
  const result = schema.safeParse(value, { error: z.locales.zhCN().localeError })
  if (result.success)
    throw new Error('expected a failure')
  return result.error.issues.map(issue => fieldErrorOf(issue))
}

describe('fieldErrorText', () => {
  it('shows the server\'s own message in the Chinese UI', async () => {
    const text = await textIn('zh-CN')
    expect(text({ message: '名称不能超过 100 个字', code: 'too_big', origin: 'string', maximum: 100 })).toBe('名称不能超过 100 个字')
  })

  it('words each kind of issue in English from its code and limits', async () => {
    const text = await textIn('en')
    const schema = z.object({
      name: z.string().min(1).max(5),
      code: z.string().min(4),
      count: z.number().min(2).max(9),
      tags: z.array(z.string()).min(1).max(2),
      day: z.iso.date(),
      id: z.uuid(),
      kind: z.enum(['a', 'b']),
      missing: z.string(),
      checked: z.string().refine(() => false, '不行'),
      civil: z.string().refine(() => false, { message: '日期不对', params: { format: 'date' } }),
    })
    const errors = errorsOf(schema, { name: 'toolong', code: 'ab', count: 10, tags: [], day: '2026-02-30', id: 'x', kind: 'c', checked: 'x', civil: 'x' })
    const byPath = Object.fromEntries(errors.map(e => [e.path, text(e)]))
    expect(byPath).toEqual({
      name: 'Too long: at most 5 characters',
      code: 'Too short: at least 4 characters',
      count: 'Too large: at most 9',
      tags: 'At least 1 needed',
      day: 'Not a valid date (YYYY-MM-DD)',
      id: 'Not a valid ID',
      kind: 'Choose one of the offered values',
      missing: 'Missing or not valid',
      checked: 'This value is not accepted',
      civil: 'Not a valid date (YYYY-MM-DD)',
    })
    expect(errorsOf(z.string().min(1), '').map(text)).toEqual(['Required'])
    expect(errorsOf(z.number().min(3), 1).map(text)).toEqual(['Too small: at least 3'])
  })

  it('falls back to a generic English reason for an answer without a code (an older server)', async () => {
    const text = await textIn('en')
    expect(text({ message: '格式不正确' })).toBe('This value is not accepted')
    expect(text({ message: '该事项编码已存在', code: 'exists' })).toBe('Already exists')
  })
})
