// 办结 with its result (issue 14 item 7): 准予 with the result document, 不予 with the reason; older completions
// without a result still fold; the shared validator refuses a result without its document or reason.
import { describe, expect, it } from 'vitest'
import { caseCompletedPayloadSchema } from '../../src/domain/case'
import { validateDomainEvent } from '../../src/domain/eventTypes'
import { ledgerDRow } from '../../src/domain/ledgerD'
import { ledgerERow } from '../../src/domain/ledgerE'
import { ledgerFRow } from '../../src/domain/ledgerF'
import { purgePayload } from '../../src/domain/personalFields'
import { caseEvent } from './support/eventFactory'
import { buildCase, ctx, step, steps } from './support/ledgerFixtures'

const COMPLETED_AT = '2026-03-20T15:00:00+08:00'
const approved = { completedAt: COMPLETED_AT, result: 'approved', resultDocument: '居民身份证', resultDocumentNumber: '晋公证〔2026〕12号' } as const
const notApproved = { completedAt: COMPLETED_AT, result: 'notApproved', resultReason: '申请人户籍不在本县' } as const

const completedWith = (n: number, kind: 'intake' | 'assisted', payload: Record<string, unknown>) =>
  buildCase(n, steps.received(kind), steps.checked(), steps.accepted(), step('case.completed', '2026-03-20T15:10:00+08:00', payload))

describe('the 办结 result in the fold', () => {
  it('records 准予 with its document and number', () => {
    const state = completedWith(201, 'intake', approved)
    expect(state.status).toBe('completed')
    expect(state.completionResult).toEqual({ result: 'approved', document: '居民身份证', documentNumber: '晋公证〔2026〕12号', reason: null })
    expect(state.log.at(-1)?.summary).toBe('办结：准予，结果文书：居民身份证（晋公证〔2026〕12号）')
  })

  it('records 不予 with its reason', () => {
    const state = completedWith(202, 'intake', notApproved)
    expect(state.completionResult).toEqual({ result: 'notApproved', document: null, documentNumber: null, reason: '申请人户籍不在本县' })
    expect(state.log.at(-1)?.summary).toBe('办结：不予，不予理由：申请人户籍不在本县')
  })

  it('still folds a completion recorded before results were (no result: null)', () => {
    const state = completedWith(203, 'intake', { completedAt: COMPLETED_AT })
    expect(state.status).toBe('completed')
    expect(state.completedAt).toBe(COMPLETED_AT)
    expect(state.completionResult).toBeNull()
    expect(state.log.at(-1)?.summary).toBe('办结')
  })

  it('flags two tablets recording different results for the same completion', () => {
    const state = buildCase(204, steps.received('intake'), steps.checked(), steps.accepted(), step('case.completed', '2026-03-20T15:10:00+08:00', approved), step('case.completed', '2026-03-20T15:20:00+08:00', notApproved))
    expect(state.completionResult?.result).toBe('approved')
    expect(state.needsAttention).toBe(true)
    expect(state.attentionReasons.join('')).toContain('两次办结的结果不同')
  })
})

describe('the shared validator', () => {
  const valid = (payload: Record<string, unknown>) => caseCompletedPayloadSchema.safeParse(payload).success

  it('accepts both results and the old payload', () => {
    expect(valid(approved)).toBe(true)
    expect(valid({ completedAt: COMPLETED_AT, result: 'approved', resultDocument: '营业执照' })).toBe(true)
    expect(valid(notApproved)).toBe(true)
    expect(valid({ completedAt: COMPLETED_AT })).toBe(true)
  })

  it('refuses 准予 without a document, 不予 without a reason, and result fields without a result', () => {
    expect(valid({ completedAt: COMPLETED_AT, result: 'approved' })).toBe(false)
    expect(valid({ completedAt: COMPLETED_AT, result: 'approved', resultDocument: '  ' })).toBe(false)
    expect(valid({ completedAt: COMPLETED_AT, result: 'notApproved' })).toBe(false)
    expect(valid({ ...approved, resultReason: '不符合条件' })).toBe(false)
    expect(valid({ completedAt: COMPLETED_AT, resultDocument: '居民身份证' })).toBe(false)
    expect(valid({ completedAt: COMPLETED_AT, result: 'maybe', resultDocument: '居民身份证' })).toBe(false)
  })

  it('answers the sync upload with the field in error, in Chinese', () => {
    const bad = validateDomainEvent(caseEvent('case.completed', '15:10', { completedAt: COMPLETED_AT, result: 'notApproved' }))
    expect(bad.ok).toBe(false)
    if (!bad.ok)
      expect(bad.errors).toContainEqual({ path: 'payload.resultReason', message: '不予时须填写理由' })
    expect(validateDomainEvent(caseEvent('case.completed', '15:10', approved)).ok).toBe(true)
  })

  it('purges the document number with the personal data, keeping the decision and the document name', () => {
    const purged = purgePayload('case.completed', approved) as Record<string, unknown>
    expect(purged.result).toBe('approved')
    expect(purged.resultDocument).toBe('居民身份证')
    expect(purged.resultDocumentNumber).not.toBe(approved.resultDocumentNumber)
    expect(caseCompletedPayloadSchema.safeParse(purged).success).toBe(true)
  })
})

describe('the result in ledgers D, E and F', () => {
  it('D: 办件状态 says the decision, 备注 the document or the reason', () => {
    expect(ledgerDRow(completedWith(211, 'intake', approved), ctx())).toMatchObject({ caseStatus: '已办结（准予）', remarks: '结果文书：居民身份证（晋公证〔2026〕12号）' })
    expect(ledgerDRow(completedWith(212, 'intake', notApproved), ctx())).toMatchObject({ caseStatus: '已办结（不予）', remarks: '不予理由：申请人户籍不在本县' })
    expect(ledgerDRow(completedWith(213, 'intake', { completedAt: COMPLETED_AT }), ctx())).toMatchObject({ caseStatus: '已办结', remarks: '' })
  })

  it('E: 结果 carries the whole result', () => {
    expect(ledgerERow(completedWith(214, 'assisted', approved), ctx()).result).toBe('办结：准予，结果文书：居民身份证（晋公证〔2026〕12号）')
    expect(ledgerERow(completedWith(215, 'assisted', notApproved), ctx())).toMatchObject({ result: '办结：不予，不予理由：申请人户籍不在本县', remarks: '' })
  })

  it('F: 备注 carries the whole result', () => {
    const state = buildCase(216, steps.received('proxy'), steps.checked(), steps.entrusted(), steps.accepted(), step('case.completed', '2026-03-20T15:10:00+08:00', notApproved))
    expect(ledgerFRow(state, ctx()).remarks).toContain('办结结果：不予，不予理由：申请人户籍不在本县')
  })
})
