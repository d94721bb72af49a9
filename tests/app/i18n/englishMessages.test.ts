/**
 * Issue 13 item 5: the English UI's own words are English. Every English message (the counter's, the office's,
 * the refusals', the field errors') is free of Chinese, and a rejected record's detail in the server's own Chinese
 * words is shown in the Chinese UI only.
 */
import { describe, expect, it } from 'vitest'
import en from '../../../src/app/i18n/en'
import office from '../../../src/app/i18n/office.en'
import refusals from '../../../src/app/i18n/refusals.en'
import zhCN from '../../../src/app/i18n/zh-CN'
import { rejectionWords } from '../../../src/app/stores/sync'

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
    const detail = 'invalid: payload.name: 请填写姓名'
    expect(rejectionWords(detail, 'zh-CN')).toEqual({ key: 'invalid', detail: 'payload.name: 请填写姓名' })
    expect(rejectionWords(detail, 'en')).toEqual({ key: 'inChinese', detail: '' })
    expect(rejectionWords('invalid: payload.name: Required', 'en')).toEqual({ key: 'invalid', detail: 'payload.name: Required' })
    expect(rejectionWords('服务器自己的话', 'en').key).toBe('inChinese')
    expect(HAN.test(en.sync.reason.inChinese)).toBe(false)
    expect(zhCN.sync.reason.inChinese).toMatch(HAN)
  })
})
