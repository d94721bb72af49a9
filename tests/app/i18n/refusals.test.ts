/**
 * Issue 13 item 5: every reason the domain gives (src/domain/reason.ts) has words in both languages, the same
 * parameters in both, and the Chinese UI reads exactly the domain's Chinese (the text a projection's flags and a
 * recorded resolution name it by). A row folded before reasons had codes shows the text it stored.
 */
import type { NestedReason, Reason, ReasonCode } from '../../../src/domain/reason'
import { describe, expect, it } from 'vitest'
import { storedReasons, storedRefusal } from '../../../src/app/domainReason'
import { createAppI18n, loadLocaleMessages, loadRefusalMessages } from '../../../src/app/i18n'
import { reasonWordsWith } from '../../../src/app/reasonWords'
import { reasonsEn, reasonStepsEn } from '../../../src/app/i18n/refusals.en'
import { reasonStepsZh } from '../../../src/app/i18n/refusals.zh-CN'
import { appealEventLabels } from '../../../src/domain/appeal'
import { consultationEventLabels } from '../../../src/domain/consultation'
import { ratingEventLabels } from '../../../src/domain/rating/payloads'
import { rectificationEventLabels } from '../../../src/domain/rectification/payloads'
import { builtinWorkCalendar } from '../../../src/domain/calendar'
import { caseEventLabels } from '../../../src/domain/case/labels'
import { foldCase } from '../../../src/domain/case'
import { reasonTemplates, reasonText, step } from '../../../src/domain/reason'

const HAN = /[\u4E00-\u9FFF]/
const codes = Object.keys(reasonTemplates) as ReasonCode[]
const placeholders = (template: string): string[] => [...template.matchAll(/\{(\w+)\}/g)].map(m => m[1] ?? '').sort()

async function words() {
  const i18n = createAppI18n('zh-CN')
  await loadLocaleMessages(i18n.global, 'en')
  await loadRefusalMessages(i18n.global, 'zh-CN')
  const { t, te } = i18n.global
  // No fallback: every code must have a message of its own.
  const inLocale = (locale: 'zh-CN' | 'en') => reasonWordsWith({ t: (key, params) => t(key, params ?? {}, { locale }), te: key => te(key, locale) }, r => `no message for ${r.code}`)
  return { zh: inLocale('zh-CN'), en: inLocale('en'), te }
}

/** `code` with every parameter filled: a step, a nested reason, a list, or plain data. */
function sample(code: ReasonCode): Reason {
  const params: Record<string, unknown> = {}
  for (const name of placeholders(reasonTemplates[code])) {
    params[name] = name === 'step'
      ? step('case.accepted', caseEventLabels['case.accepted'])
      : name === 'why' || name === 'what'
        ? { code: 'case.materialsMissing', params: { missing: ['A-1', 'B-2'] } } satisfies NestedReason
        : name === 'missing' ? ['A-1', 'B-2'] : `${name}-7`
  }
  return (Object.keys(params).length > 0 ? { code, params } : { code }) as Reason
}

describe('the domain\'s reasons in both languages', () => {
  it('knows the codes it checks', () => {
    expect(codes.length).toBeGreaterThan(80)
    expect(codes).toContain('case.materialsMissing')
  })

  it('has an English message for every code, with the same parameters as the Chinese, and no Chinese in it', () => {
    for (const code of codes) {
      expect(reasonsEn[code], code).toBeTypeOf('string')
      expect(placeholders(reasonsEn[code]), code).toEqual(placeholders(reasonTemplates[code]))
      expect(reasonsEn[code], code).not.toMatch(HAN)
    }
    for (const name of Object.values(reasonStepsEn))
      expect(name).not.toMatch(HAN)
  })

  it('has both locales\' message for every code, and the Chinese UI reads exactly the domain\'s Chinese', async () => {
    const { zh, en, te } = await words()
    for (const code of codes) {
      expect(te(`reason.${code}`, 'zh-CN'), code).toBe(true)
      expect(te(`reason.${code}`, 'en'), code).toBe(true)
      const r = sample(code)
      expect(zh(r), code).toBe(reasonText(r))
      const english = en(r)
      expect(english, code).not.toMatch(HAN)
      expect(english, code).not.toMatch(/\{\w+\}/)
    }
    // Parameters read in the locale: the step's name, a nested reason, a list joined the locale's way.
    const missing = sample('fold.notApplied')
    expect(en(missing)).toBe('Acceptance not recorded: materials are missing: A-1, B-2 (issue the one-time notice and wait for the supplement)')
    expect(zh(missing)).toBe('受理未生效：材料不齐全，缺少：A-1、B-2（应出具一次性告知单并等待补正）')
  })

  it('names every step in Chinese as the domain\'s event labels do, and in English', async () => {
    expect(reasonStepsZh).toEqual({ ...caseEventLabels, ...consultationEventLabels, ...ratingEventLabels, ...rectificationEventLabels, ...appealEventLabels })
    const { te } = await words()
    for (const type of Object.keys(reasonStepsZh))
      expect(te(`reasonStep.${type}`, 'en'), type).toBe(true)
  })

  it('shows a projection folded before reasons had codes as it was stored, and never a code that reads otherwise', () => {
    expect(storedReasons({ attentionReasons: ['旧版本记录的提示'] })).toEqual([{ text: '旧版本记录的提示', reason: null }])
    // A code out of step with its stored text (another version's wording) is not trusted.
    expect(storedReasons({ attentionReasons: ['别的提示'], attentionCodes: [{ code: 'case.returned' }] })).toEqual([{ text: '别的提示', reason: null }])
    expect(storedRefusal({ rejection: '旧版本的拒绝原因' })).toEqual({ text: '旧版本的拒绝原因', reason: null })
    expect(storedRefusal({ rejection: null })).toBeNull()
  })

  it('folds keep each flag\'s code beside its text', () => {
    const at = '2026-03-02T09:00:00+08:00'
    const base = { stream: 'case:0193a2b4-0000-7000-8000-000000000001', v: 1, stationId: 'st', deviceId: 'd1', staffId: 's1' }
    const state = foldCase([
      { ...base, id: '0193a2b4-0000-7000-8000-00000000000a', type: 'case.received', occurredAt: at, payload: { kind: 'assisted', itemCode: 'x', itemName: '事项', department: '部门', promisedLimitWorkdays: null, channel: 'walkIn', applicant: { type: 'person', name: '张三', idNumber: '11010519491231002X', mobile: '13800138000' } } },
      { ...base, id: '0193a2b4-0000-7000-8000-00000000000b', type: 'case.handedOver', occurredAt: at, payload: {} },
    ], builtinWorkCalendar())
    if (!state)
      throw new Error('the case should fold')
    expect(state.attentionReasons.length).toBe(1)
    const flagged = storedReasons(state)
    expect(flagged[0]?.reason?.code).toBe(state.log[1]?.refusal?.code)
    expect(flagged[0]?.text).toBe(state.attentionReasons[0])
  })
})
