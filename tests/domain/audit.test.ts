import type { DomainEvent } from '../../src/domain/events'
import { describe, expect, it } from 'vitest'
import { auditEventTypes, EXPORT_REASON_REQUIRED, exportReasonError, newAuditStream } from '../../src/domain/audit'
import { newEventId, streamKind } from '../../src/domain/events'
import { foldStream, isKnownEventType, isProjectionKind, validateDomainEvent } from '../../src/domain/eventTypes'
import { builtinWorkCalendar } from '../../src/domain/calendar'

const CASE = 'case:01950000-0000-7000-8000-00000000ca5e'
const CONSULTATION = 'consultation:01950000-0000-7000-8000-00000000c0de'

function auditEvent(type: string, payload: unknown, stream = newAuditStream()): DomainEvent {
  return { id: newEventId(), stream, type, v: 1, payload, stationId: 'station-TY01', deviceId: 'tablet-A', staffId: 'staff-wang', occurredAt: '2026-11-30T16:20:00+08:00' }
}

function errorsOf(event: DomainEvent) {
  const result = validateDomainEvent(event)
  if (result.ok)
    throw new Error('expected errors')
  return result.errors
}

const exported = {
  ledger: 'D',
  format: 'xlsx',
  filter: { from: '2026-11-01', to: '2026-11-30' },
  rowCount: 3012,
  masked: false,
  reason: '区政务服务中心月度核查需要完整联系方式',
}
const revealed = { subject: CASE, field: 'idNumber', reason: '申请人核对证件号码' }

describe('audit events', () => {
  it('are known types on streams of their own, with no projection', () => {
    const stream = newAuditStream()
    expect(stream).toMatch(/^audit:[0-9a-f-]{36}$/)
    expect(auditEventTypes.every(isKnownEventType)).toBe(true)
    expect(isProjectionKind(streamKind(stream))).toBe(false)
    expect(foldStream([auditEvent('audit.exported', exported, stream)], builtinWorkCalendar())).toBeNull()
  })

  it.each<[string, string, unknown]>([
    ['a full-value xlsx export of this month\'s ledger D', 'audit.exported', exported],
    ['a CSV export of ledger F with every filter', 'audit.exported', { ...exported, ledger: 'F', format: 'csv', filter: { from: '2026-11-01', to: '2026-11-01', staffIds: ['staff-wang'], itemCodes: ['hukou-idcard-renew'], statuses: ['completed', 'handedOver'] } }],
    ['a print of ledger E with no date bounds', 'audit.exported', { ...exported, ledger: 'E', format: 'print', filter: {}, rowCount: 0 }],
    ['revealing a case applicant\'s ID number', 'audit.revealed', revealed],
    ['revealing a consultation contact\'s phone', 'audit.revealed', { subject: CONSULTATION, field: 'contactPhone', reason: '回电答复' }],
  ])('accept %s', (_name, type, payload) => {
    expect(validateDomainEvent(auditEvent(type, payload)).ok).toBe(true)
  })

  it.each<[string, string, unknown, { path: string, message: unknown }[]]>([
    ['an export without a reason', 'audit.exported', { ...exported, reason: undefined }, [{ path: 'payload.reason', message: '必填' }]],
    ['an export with a blank reason', 'audit.exported', { ...exported, reason: '   ' }, [{ path: 'payload.reason', message: '不能为空' }]],
    ['a masked export (nothing to audit)', 'audit.exported', { ...exported, masked: true }, [{ path: 'payload.masked', message: expect.any(String) }]],
    ['an unknown ledger', 'audit.exported', { ...exported, ledger: 'G' }, [{ path: 'payload.ledger', message: expect.any(String) }]],
    ['an unknown format', 'audit.exported', { ...exported, format: 'pdf' }, [{ path: 'payload.format', message: expect.any(String) }]],
    ['a negative row count', 'audit.exported', { ...exported, rowCount: -1 }, [{ path: 'payload.rowCount', message: expect.any(String) }]],
    ['a date range that ends before it starts', 'audit.exported', { ...exported, filter: { from: '2026-11-30', to: '2026-11-01' } }, [{ path: 'payload.filter.to', message: '开始日期不能晚于结束日期' }]],
    ['a blank staff id in the filter', 'audit.exported', { ...exported, filter: { staffIds: [' '] } }, [{ path: 'payload.filter.staffIds.0', message: '不能为空' }]],
    ['a filter date that does not exist', 'audit.exported', { ...exported, filter: { from: '2026-02-30', to: null } }, [{ path: 'payload.filter.from', message: '日期应为有效的 YYYY-MM-DD' }]],
    // No personal data in the audit trail: a filter field outside the known ones (a searched name, say) is refused.
    ['a filter carrying a searched name', 'audit.exported', { ...exported, filter: { from: null, to: null, applicantName: '张三' } }, [{ path: 'payload.filter', message: expect.stringContaining('applicantName') }]],
    ['an export payload carrying the values', 'audit.exported', { ...exported, values: ['110105194912310021'] }, [{ path: 'payload', message: expect.stringContaining('values') }]],
    ['a reveal carrying the revealed value', 'audit.revealed', { ...revealed, value: '11010519491231002X' }, [{ path: 'payload', message: expect.stringContaining('value') }]],
    ['a reveal without a reason', 'audit.revealed', { ...revealed, reason: '' }, [{ path: 'payload.reason', message: '不能为空' }]],
    ['a reveal of a field that is not personal data', 'audit.revealed', { ...revealed, field: 'itemName' }, [{ path: 'payload.field', message: expect.any(String) }]],
    ['a reveal whose subject is not a case or consultation', 'audit.revealed', { ...revealed, subject: 'rating:01950000-0000-7000-8000-00000000ca5e' }, [{ path: 'payload.subject', message: '查看对象应为办件或咨询' }]],
    ['a reveal naming a person instead of a record', 'audit.revealed', { ...revealed, subject: '张三' }, [{ path: 'payload.subject', message: 'stream must be <kind>:<uuid>' }, { path: 'payload.subject', message: '查看对象应为办件或咨询' }]],
  ])('refuse %s', (_name, type, payload, errors) => {
    expect(errorsOf(auditEvent(type, payload))).toEqual(errors)
  })

  it('refuse an audit event on a case stream', () => {
    expect(errorsOf(auditEvent('audit.revealed', revealed, CASE))).toEqual([{ path: 'stream', message: `audit.revealed 记录只能属于 audit:… 流，不能属于 ${CASE}` }])
  })
})

describe('exportReasonError', () => {
  it.each<[string, string | null | undefined, string | null]>([
    ['no reason', undefined, EXPORT_REASON_REQUIRED],
    ['null', null, EXPORT_REASON_REQUIRED],
    ['an empty reason', '', EXPORT_REASON_REQUIRED],
    ['blanks only', '  \n ', EXPORT_REASON_REQUIRED],
    ['a reason', '月度核查', null],
    ['200 characters between blanks', `  ${'核'.repeat(200)}  `, null],
    ['201 characters', '核'.repeat(201), '原因不能超过 200 个字符'],
  ])('%s → %j', (_name, reason, error) => {
    expect(exportReasonError(reason)).toBe(error)
  })

  it('says what is missing in Chinese', () => {
    expect(EXPORT_REASON_REQUIRED).toBe('请填写导出完整信息的原因')
  })
})
