/**
 * Issue 13 item 5: the domain names its reasons by code (src/domain/reason.ts) and words them in Chinese with
 * reasonText — the server's words and the key a flag is resolved by, so the wording must stay as released.
 */
import { describe, expect, it } from 'vitest'
import { builtinWorkCalendar } from '../../src/domain/calendar'
import { caseTransitionRefusal, foldCase } from '../../src/domain/case'
import { reasonTemplates, reasonText, step } from '../../src/domain/reason'
import { caseReasons } from '../../src/domain/reasons/caseReasons'
import { foldReasons } from '../../src/domain/reasons/foldReasons'
import { identityReasons } from '../../src/domain/reasons/identityReasons'
import { oversightReasons } from '../../src/domain/reasons/oversightReasons'
import { ratingReasons } from '../../src/domain/reasons/ratingReasons'
import { caseEvent, defaultCasePayloads } from './support/eventFactory'

describe('domain reasons', () => {
  it('gives every code one template: no table shadows another\'s code', () => {
    const tables = [foldReasons, caseReasons, ratingReasons, oversightReasons, identityReasons]
    const all = tables.flatMap(t => Object.keys(t))
    expect(new Set(all).size).toBe(all.length)
    expect(Object.keys(reasonTemplates)).toHaveLength(all.length)
  })

  it('words a reason in Chinese: the step by its name, a nested reason, a list joined with 、', () => {
    expect(reasonText({ code: 'fold.notApplied', params: { step: step('case.accepted', '受理'), why: { code: 'case.materialsMissing', params: { missing: ['居民身份证', '户口簿'] } } } }))
      .toBe('受理未生效：材料不齐全，缺少：居民身份证、户口簿（应出具一次性告知单并等待补正）')
    expect(reasonText({ code: 'fold.conflictBetweenDevices', params: { what: { code: 'case.acceptedAndReturned' } } }))
      .toBe('两台设备记录了相互矛盾的事实：受理与退件（以时间在先的记录为准）')
    expect(reasonText({ code: 'identity.mobileLength', params: { length: 10 } })).toBe('手机号码应为11位，当前为10位')
  })

  it('a refused step carries its code, and the fold keeps it beside the text on the timeline and the flags', () => {
    const received = caseEvent('case.received', '2026-03-02T09:00:00+08:00')
    const handedOver = caseEvent('case.handedOver', '2026-03-02T09:05:00+08:00')
    const state = foldCase([received, handedOver], builtinWorkCalendar())
    const refused = state?.log.find(l => l.eventId === handedOver.id)
    expect(refused?.refusal).toMatchObject({ code: 'fold.notApplied', params: { why: { code: expect.any(String) } } })
    expect(refused?.rejection).toBe(refused?.refusal ? reasonText(refused.refusal) : null)
    expect(state?.attentionCodes?.map(reasonText)).toEqual(state?.attentionReasons)
    if (state)
      expect(caseTransitionRefusal(state, { type: 'case.handedOver', payload: defaultCasePayloads['case.handedOver'] })).toMatchObject({ code: 'fold.notApplied', params: { why: { code: 'case.notCompleted' } } })
  })
})
