/**
 * Issue 13 item 5: the English UI's own words are English. Every English message (the counter's, the office's,
 * the refusals', the field errors') is free of Chinese, and a message that would pass the server's own Chinese
 * words through (a rejected record's detail) does not take them in English.
 */
import { describe, expect, it } from 'vitest'
import en from '../../../src/app/i18n/en'
import office from '../../../src/app/i18n/office.en'
import refusals from '../../../src/app/i18n/refusals.en'
import zhCN from '../../../src/app/i18n/zh-CN'

const HAN = /[\u4E00-\u9FFF]/

/** English messages that must show Chinese, each with why: the language's own name, a file format, an example. */
const QUOTED_CHINESE: Record<string, string> = {
  'language.zh-CN': 'the Chinese language named in Chinese, as a language picker does',
  'calendar.office.formatXlsx': 'the calendar spreadsheet\'s column headers and day types, which the file must contain',
  'officeFollowUps.resultsMaskStaffNamesHint': 'an example of a masked Chinese staff name',
}

/** Every leaf string of a message tree, with its dotted key. */
function leaves(tree: unknown, prefix = ''): [string, string][] {
  if (typeof tree === 'string')
    return [[prefix, tree]]
  if (tree === null || typeof tree !== 'object')
    return []
  return Object.entries(tree).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key))
}

describe('English messages', () => {
  it.each([['counter', en], ['office', office], ['refusals', refusals]] as const)('the %s messages hold no Chinese', (_name, messages) => {
    const chinese = leaves(messages).filter(([key, text]) => HAN.test(text) && !(key in QUOTED_CHINESE))
    expect(chinese).toEqual([])
  })

  it('a rejected record\'s server detail is shown in Chinese only', () => {
    expect(en.sync.reason.invalid).not.toContain('{detail}')
    expect(zhCN.sync.reason.invalid).toContain('{detail}')
  })
})
