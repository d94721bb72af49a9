import type { DomainEvent } from '../../src/domain/events'
import { describe, expect, it } from 'vitest'
import { appointmentEventTypes } from '../../src/domain/appointment'
import { auditEventTypes } from '../../src/domain/audit'
import { caseEventTypes } from '../../src/domain/case'
import { complaintEventTypes } from '../../src/domain/complaint'
import { consultationEventTypes } from '../../src/domain/consultation'
import { eventContentKey, newEventId, newStreamId } from '../../src/domain/events'
import { followUpEventTypes } from '../../src/domain/followUp'
import { inspectionEventTypes } from '../../src/domain/inspection'
import { appealEventTypes } from '../../src/domain/appeal'
import { ratingEventTypes } from '../../src/domain/rating'
import { rectificationEventTypes } from '../../src/domain/rectification'
import { stationApplicationEventTypes } from '../../src/domain/stationApplication'
import { currentEventVersions, eventPayloadSchemas, foldStream, isKnownEventType, payloadSchemaFor, projectionFolds, validateDomainEvent } from '../../src/domain/eventTypes'
import { caseEvent, consultationEvent, defaultCasePayloads, defaultConsultationPayloads, defaultRatingPayloads, makeEvent } from './support/eventFactory'
import { builtinWorkCalendar } from '../../src/domain/calendar'

function valid(type: string, payload: unknown, stream = newStreamId(type.slice(0, type.indexOf('.')))): DomainEvent {
  return { id: newEventId(), stream, type, v: 1, payload, stationId: 'station-TY01', deviceId: 'tablet-A', staffId: 'staff-wang', occurredAt: '2026-03-02T09:00:00+08:00' }
}

function errorsOf(input: unknown) {
  const result = validateDomainEvent(input)
  if (result.ok)
    throw new Error('expected errors')
  return result.errors
}

describe('the registry', () => {
  it('knows every case, consultation, rating, audit, inspection, station-application, appointment, rectification, appeal, follow-up and complaint type at version 1', () => {
    expect(Object.keys(eventPayloadSchemas).sort()).toEqual([...caseEventTypes, ...consultationEventTypes, ...ratingEventTypes, ...auditEventTypes, ...inspectionEventTypes, ...stationApplicationEventTypes, ...appointmentEventTypes, ...rectificationEventTypes, ...appealEventTypes, ...followUpEventTypes, ...complaintEventTypes].sort())
    for (const type of Object.keys(eventPayloadSchemas)) {
      expect(isKnownEventType(type)).toBe(true)
      expect(payloadSchemaFor(type, 1)).not.toBeNull()
      expect(currentEventVersions[type as keyof typeof currentEventVersions]).toBe(1)
    }
    expect(payloadSchemaFor('case.received', 2)).toBeNull()
    expect(payloadSchemaFor('case.teleported', 1)).toBeNull()
    expect(isKnownEventType('toString')).toBe(false)
  })
})

describe('validateDomainEvent', () => {
  const allDefaults = [
    ...Object.entries(defaultCasePayloads),
    ...Object.entries(defaultConsultationPayloads),
    ...Object.entries(defaultRatingPayloads),
  ]

  it.each(allDefaults)('accepts a valid %s, returned unchanged', (type, payload) => {
    const event = valid(type, payload)
    const result = validateDomainEvent(event)
    expect(result).toEqual({ ok: true, event })
    if (result.ok)
      expect(eventContentKey(result.event)).toBe(eventContentKey(event))
  })

  it('accepts server-assigned seq and receivedAt', () => {
    expect(validateDomainEvent({ ...valid('case.returned', { reason: '不符合条件' }), seq: 7, receivedAt: '2026-03-02T01:00:00.000Z' }).ok).toBe(true)
  })

  it.each<[string, () => unknown, { path: string, message: string }[]]>([
    ['an unknown type', () => valid('case.teleported', {}, newStreamId('case')), [{ path: 'type', message: '未知的记录类型：case.teleported' }]],
    ['a version this build does not know', () => ({ ...valid('case.returned', { reason: 'x' }), v: 2 }), [{ path: 'v', message: '记录类型 case.returned 没有版本 v2（可能需要更新应用）' }]],
    ['a case event in a consultation stream', () => valid('case.returned', { reason: 'x' }, 'consultation:01950000-0000-7000-8000-000000000001'), [{ path: 'stream', message: 'case.returned 记录只能属于 case:… 流，不能属于 consultation:01950000-0000-7000-8000-000000000001' }]],
    ['a missing required payload field', () => valid('case.returned', {}), [{ path: 'payload.reason', message: '必填' }]],
    ['a blank reason', () => valid('case.returned', { reason: '   ' }), [{ path: 'payload.reason', message: '不能为空' }]],
    ['an unknown payload field (a new field needs a new version)', () => valid('case.returned', { reason: 'x', extra: 1 }), [{ path: 'payload', message: expect.stringContaining('extra') }]],
    ['a checklist marked complete with a required material missing', () => valid('case.materialsChecked', { materials: [{ name: '居民户口簿', required: true, status: 'missing', form: '原件', copies: 1 }], complete: true }), [{ path: 'payload.complete', message: '仍有缺少的必需材料，不能标记为齐全' }]],
    ['a checklist marked incomplete with nothing missing', () => valid('case.materialsChecked', { materials: [{ name: '证明', required: false, status: 'missing', form: '复印件', copies: 2 }], complete: false }), [{ path: 'payload.complete', message: '没有缺少的必需材料，应标记为齐全' }]],
    ['a liaison without a department', () => valid('case.logged', { kind: 'liaison', text: '联系了' }), [{ path: 'payload.department', message: '与部门联络须填写部门' }]],
    ['an appointment intake without the appointment', () => valid('case.received', { ...defaultCasePayloads['case.received'], channel: 'appointment' }), [{ path: 'payload.appointmentId', message: '来自预约的收件必须关联预约编号' }]],
    ['a referral due that is not an instant with offset', () => valid('consultation.referred', { ...defaultConsultationPayloads['consultation.referred'], dueAt: '2026-03-03' }), [{ path: 'payload.dueAt', message: '应为带时区的 ISO 8601 时间' }]],
    ['a photo reference that is not a SHA-256', () => valid('case.materialsChecked', { materials: [{ name: '户口簿', required: true, status: 'provided', form: '原件', copies: 1, photoSha256: 'abc' }], complete: true }), [{ path: 'payload.materials.0.photoSha256', message: '应为 64 位小写十六进制 SHA-256' }]],
    ['an entrustment ending before it starts', () => valid('case.entrusted', { ...defaultCasePayloads['case.entrusted'], validFrom: '2026-05-01', validTo: '2026-04-30' }), [{ path: 'payload.validTo', message: '有效期截止日期不能早于起始日期' }]],
    ['an entrustment with no items', () => valid('case.entrusted', { ...defaultCasePayloads['case.entrusted'], items: [] }), [{ path: 'payload.items', message: '至少委托一个事项' }]],
    ['an entrustment granting a power twice', () => valid('case.entrusted', { ...defaultCasePayloads['case.entrusted'], powers: ['submit', 'submit'] }), [{ path: 'payload.powers', message: '权限不能重复' }]],
    ['an entrustment without the principal\'s signature', () => valid('case.entrusted', { ...defaultCasePayloads['case.entrusted'], signatureSha256: undefined }), [{ path: 'payload.signatureSha256', message: '必填' }]],
    ['a validity date that is not a real date', () => valid('case.renewed', { ...defaultCasePayloads['case.renewed'], validTo: '2026-02-30' }), [{ path: 'payload.validTo', message: '日期应为有效的 YYYY-MM-DD' }]],
    ['a supplement request without the contact', () => valid('case.supplementRequested', { materials: [{ name: '照片' }] }), [{ path: 'payload.contact', message: '必填' }]],
    ['a handed-over material with no copies', () => valid('case.supplementReceived', { materials: [{ name: '照片', copies: 0, form: '原件' }], complete: true }), [{ path: 'payload.materials.0.copies', message: expect.stringMatching(/[\u4E00-\u9FFF]/) }]],
    ['an attention resolution without the reasons', () => valid('case.attentionResolved', { note: '已核实', reasons: [] }), [{ path: 'payload.reasons', message: '至少处理一条提示' }]],
    ['a 帮办 mode outside Annex E', () => valid('case.accompanied', { mode: 'driving' }), [{ path: 'payload.mode', message: expect.stringMatching(/[\u4E00-\u9FFF]/) }]],
    ['a rating in a case stream', () => valid('rating.prompted', { subject: 'case:01950000-0000-7000-8000-000000000001', staffId: 's' }, 'case:01950000-0000-7000-8000-000000000001'), [{ path: 'stream', message: 'rating.prompted 记录只能属于 rating:… 流，不能属于 case:01950000-0000-7000-8000-000000000001' }]],
    ['an in-person handover without the identity check', () => valid('case.handedOver', { method: 'inPerson', recipient: { name: '张三' }, eLicenceHintGiven: true }), [{ path: 'payload.recipient.identityChecked', message: '必填' }]],
    ['a handover without the e-licence hint recorded', () => valid('case.handedOver', { method: 'inPerson', recipient: { name: '张三', identityChecked: true } }), [{ path: 'payload.eLicenceHintGiven', message: '必填' }]],
    ['a post handover without the waybill', () => valid('case.handedOver', { method: 'post', carrier: 'EMS', recipient: { name: '张三', phone: '138', address: '太原' }, eLicenceHintGiven: true }), [{ path: 'payload.waybillNumber', message: '必填' }]],
  ])('rejects %s', (_name, input, expected) => {
    expect(errorsOf(input())).toEqual(expected)
  })

  it('names every envelope problem in Chinese', () => {
    const errors = errorsOf({ id: 'not-a-uuid', stream: 'case', type: 'case.received', v: 0, payload: {}, stationId: '', deviceId: 'd', staffId: null, occurredAt: 'yesterday' })
    expect(errors.map(e => e.path).sort()).toEqual(['id', 'occurredAt', 'stationId', 'stream', 'v'])
    expect(errors.find(e => e.path === 'stream')?.message).toBe('stream must be <kind>:<uuid>')
    for (const e of errors.filter(e => e.path !== 'stream'))
      expect(e.message).toMatch(/[\u4E00-\u9FFF]/)
  })

  it('rejects what is not an event at all', () => {
    expect(errorsOf(null)).toEqual([{ path: '', message: expect.stringMatching(/[\u4E00-\u9FFF]/) }])
    expect(errorsOf({}).map(e => e.path)).toContain('payload')
  })
})

describe('projectionFolds', () => {
  it('folds each stream kind with its own fold', () => {
    expect(projectionFolds.case([caseEvent('case.received', '09:00')], builtinWorkCalendar())?.status).toBe('received')
    expect(projectionFolds.consultation([consultationEvent('consultation.recorded', '09:00')], builtinWorkCalendar())?.status).toBe('open')
    expect(Object.keys(projectionFolds).sort()).toEqual(['case', 'consultation'])
  })

  it.each<[string, () => DomainEvent[], string | null, string | null]>([
    ['a case stream', () => [caseEvent('case.received', '09:00')], 'case', 'received'],
    ['a consultation stream', () => [consultationEvent('consultation.recorded', '09:00', { answer: '可以' })], 'consultation', 'answered'],
    ['a case stream without its receipt yet', () => [caseEvent('case.logged', '09:00')], 'case', null],
    ['a kind without a projection', () => [makeEvent('appointment.booked', '09:00', {}, { stream: 'appointment:01950000-0000-7000-8000-000000000001' })], null, null],
    ['no events', () => [], null, null],
  ])('foldStream: %s', (_name, events, kind, status) => {
    const result = foldStream(events(), builtinWorkCalendar())
    expect(result?.kind ?? null).toBe(kind)
    expect(result?.state?.status ?? null).toBe(status)
  })
})
