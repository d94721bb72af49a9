// Issue 11: the one list of personal fields per event type, the purge tombstone, masking defaults and the
// reveal rule (no reason, no reveal).
import { describe, expect, it } from 'vitest'
import { revealAuditPayload, REVEAL_REASON_REQUIRED } from '../../src/domain/audit'
import { eventPayloadSchemas } from '../../src/domain/eventTypes'
import { maskIdCard, maskMobile, maskName } from '../../src/domain/identity'
import { holdsPersonalValues, personalBlobFields, personalBlobRefs, personalFields, personalValues, PURGED_VALUE, purgePayload, retentionDays } from '../../src/domain/personalFields'

/** The top-level keys a payload schema allows (objects, discriminated unions, refined objects). */
function topKeys(schema: unknown): string[] {
  const s = schema as { shape?: Record<string, unknown>, def?: { options?: unknown[], in?: unknown, schema?: unknown } }
  if (s.shape)
    return Object.keys(s.shape)
  if (s.def?.options)
    return s.def.options.flatMap(topKeys)
  if (s.def?.in)
    return topKeys(s.def.in)
  return []
}

const received = {
  kind: 'assisted',
  itemCode: 'SX-0001',
  itemName: '城乡居民基本养老保险参保登记',
  department: '人力资源和社会保障局',
  promisedLimitWorkdays: 5,
  channel: 'walkIn',
  applicant: { type: 'person', name: '张三丰', idNumber: '11010519491231002X', mobile: '13800138000' },
}

describe('personalFields', () => {
  it('names only fields the payload schemas have, for known event types', () => {
    for (const [type, paths] of Object.entries({ ...personalFields, ...personalBlobFields })) {
      const versions = (eventPayloadSchemas as Record<string, Record<number, unknown>>)[type]
      expect(versions, type).toBeDefined()
      const keys = topKeys(versions?.[1])
      for (const path of paths)
        expect(keys, `${type} ${path}`).toContain(path.split('.')[0])
    }
  })

  it('covers names, ID numbers, mobiles, addresses and the free text citizens type', () => {
    expect(personalFields['case.received']).toEqual(expect.arrayContaining(['applicant.name', 'applicant.idNumber', 'applicant.mobile', 'applicant.uscc']))
    expect(personalFields['case.handedOver']).toContain('recipient.address')
    expect(personalFields['consultation.recorded']).toEqual(expect.arrayContaining(['contact.name', 'contact.phone', 'question']))
    expect(personalFields['rating.given']).toContain('comment')
  })

  it('purges to tombstones in a copy, leaving the facts and passing the schema', () => {
    const purged = purgePayload('case.received', received)
    expect(received.applicant.name).toBe('张三丰')
    expect(purged.applicant).toEqual({ type: 'person', name: PURGED_VALUE, idNumber: PURGED_VALUE, mobile: PURGED_VALUE })
    expect(purged.itemName).toBe(received.itemName)
    expect(eventPayloadSchemas['case.received'][1].safeParse(purged).success).toBe(true)
    expect(holdsPersonalValues('case.received', received)).toBe(true)
    expect(holdsPersonalValues('case.received', purged)).toBe(false)
    expect(personalValues('case.received', received)).toEqual(['张三丰', '11010519491231002X', '13800138000'])
  })

  it('steps into arrays and keeps blob references (the bytes are what a purge deletes)', () => {
    const sha = 'a'.repeat(64)
    const payload = { materials: [{ name: '身份证', note: '本人 13800138000', photoSha256: sha }, { name: '户口簿', note: null }], complete: true }
    const purged = purgePayload('case.materialsChecked', payload)
    expect(purged.materials[0]).toEqual({ name: '身份证', note: PURGED_VALUE, photoSha256: sha })
    expect(purged.materials[1]).toEqual({ name: '户口簿', note: null })
    expect(personalBlobRefs('case.materialsChecked', payload)).toEqual([sha])
  })

  it('leaves types without personal data as they are', () => {
    const payload = { receiptNumber: 'JC01-2026-A-0001', dueAt: '2026-03-09T17:00:00+08:00' }
    expect(purgePayload('case.accepted', payload)).toBe(payload)
  })

  it('reads retention settings, falling back on the default for bad values', () => {
    expect(retentionDays(30, 90)).toBe(30)
    expect(retentionDays('45', 90)).toBe(45)
    expect(retentionDays(0, 90)).toBe(90)
    expect(retentionDays('x', 90)).toBe(90)
    expect(retentionDays(undefined, 1095)).toBe(1095)
  })
})

describe('masking defaults and tombstones', () => {
  it('masks by default and shows a tombstone as itself', () => {
    expect(maskName('张三丰')).toBe('张*丰')
    expect(maskIdCard('11010519491231002X')).toBe('110105********002X')
    expect(maskMobile('13800138000')).toBe('138****8000')
    for (const mask of [maskName, maskIdCard, maskMobile])
      expect(mask(PURGED_VALUE)).toBe(PURGED_VALUE)
  })
})

describe('revealAuditPayload', () => {
  const subject = 'case:0193a0b4-0000-7000-8000-000000000001'

  it('refuses a reveal without a reason', () => {
    expect(revealAuditPayload(subject, 'idNumber', '')).toEqual({ ok: false, error: REVEAL_REASON_REQUIRED })
    expect(revealAuditPayload(subject, 'idNumber', '   ')).toEqual({ ok: false, error: REVEAL_REASON_REQUIRED })
    expect(revealAuditPayload(subject, 'idNumber', null)).toEqual({ ok: false, error: REVEAL_REASON_REQUIRED })
  })

  it('refuses unknown fields and subjects that are not cases or consultations', () => {
    expect(revealAuditPayload(subject, 'password', '核对').ok).toBe(false)
    expect(revealAuditPayload('rating:0193a0b4-0000-7000-8000-000000000001', 'name', '核对').ok).toBe(false)
  })

  it('with a reason, gives the payload to record (record, field, why — never the value)', () => {
    expect(revealAuditPayload(subject, 'mobile', '  回访联系  ')).toEqual({ ok: true, payload: { subject, field: 'mobile', reason: '回访联系' } })
  })
})
