/** The wire contract's schemas (src/domain/protocol): what the server and the tablet hold each other to. */
import { describe, expect, it } from 'vitest'
import { enrollAnswerSchema, enrollRequestSchema, errorBodySchema, MAX_UNSENT, parseAnswer, pullAnswerSchema, pullQuerySchema, pushAnswerSchema, pushRequestSchema, referenceDeltaSchema } from '../../../src/domain/protocol'

const now = '2026-03-02T09:15:00.000Z'
const event = {
  id: '0193a5f0-0000-7000-8000-000000000001',
  stream: 'consultation:0193a5f0-0000-7000-8000-000000000002',
  type: 'consultation.recorded',
  v: 1,
  payload: { question: '补办社保卡？' },
  stationId: 'station-TY01',
  deviceId: 'tablet-A',
  staffId: null,
  occurredAt: '2026-03-02T17:15:00+08:00',
  seq: 7,
  receivedAt: now,
}

describe('push', () => {
  it('takes the documented request and answers with field paths for what is wrong', () => {
    expect(pushRequestSchema.safeParse({ protocol: 1, appVersion: '1.2.3', events: [{ id: 'a' }], sentAt: now, relay: true, unsent: 4 }).success).toBe(true)
    const bad = pushRequestSchema.safeParse({ protocol: 2, appVersion: 'latest', events: [{}], relay: 'yes', unsent: MAX_UNSENT + 1 })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues.map(i => i.path.join('.')).sort()).toEqual(['appVersion', 'events.0.id', 'protocol', 'relay', 'unsent'])
  })

  it('reads an answer of results in the three statuses, reason only when given', () => {
    const answer = { results: [{ id: 'a', status: 'applied' }, { id: 'b', status: 'duplicate' }, { id: 'c', status: 'rejected', reason: 'scope' }], serverTime: now }
    expect(parseAnswer(pushAnswerSchema, answer)).toEqual({ ok: true, value: answer })
    const unknownStatus = parseAnswer(pushAnswerSchema, { results: [{ id: 'a', status: 'queued' }], serverTime: now })
    expect(unknownStatus.ok).toBe(false)
    expect(unknownStatus.ok ? '' : unknownStatus.problems).toMatch(/^results\.0\.status: /)
    expect(parseAnswer(pushAnswerSchema, null).ok).toBe(false)
  })
})

describe('pull', () => {
  it('defaults the query and refuses a limit over 2000', () => {
    expect(pullQuerySchema.parse({})).toEqual({ cursor: 0, limit: 500, refRevision: 0 })
    expect(pullQuerySchema.parse({ cursor: '12', limit: '2000', refRevision: '3', unsent: '0' })).toEqual({ cursor: 12, limit: 2000, refRevision: 3, unsent: 0 })
    expect(pullQuerySchema.safeParse({ limit: '2001' }).success).toBe(false)
  })

  it('reads a page with events and reference rows, keeping members it does not know (additions only)', () => {
    const reference = {
      revision: 9,
      staff: [{ id: 's1', stationId: 'station-TY01', name: '王芳', role: 'lead', assessmentPassed: true, assessmentDate: '2026-01-05', active: true, pinVerifier: { alg: 'argon2id', salt: 'c2FsdA==', memoryKiB: 65536 }, revision: 8, newColumn: 'kept' }],
      serviceItems: [{ code: 'SX-0001', active: true, revision: 4, name: '社会保障卡挂失补办', materials: [] }],
      futureTable: [{ id: 1 }],
    }
    const parsed = parseAnswer(pullAnswerSchema, { events: [event], reference, cursor: 7, more: false, serverTime: now })
    expect(parsed.ok).toBe(true)
    if (!parsed.ok)
      return
    expect(parsed.value.events).toEqual([event])
    expect(parsed.value.reference).toEqual(reference)
  })

  it('takes an event stored under older rules (an uppercase id) rather than stall the pull on it', () => {
    const old = { ...event, id: event.id.toUpperCase() }
    expect(parseAnswer(pullAnswerSchema, { events: [old], reference: null, cursor: 7, more: false, serverTime: now }).ok).toBe(true)
  })

  it('refuses a page whose envelope or reference rows miss what the tablet relies on', () => {
    const page = { events: [event], reference: null, cursor: 7, more: false, serverTime: now }
    expect(parseAnswer(pullAnswerSchema, { ...page, events: [{ ...event, occurredAt: undefined }] }).ok).toBe(false)
    expect(parseAnswer(pullAnswerSchema, { ...page, more: 'no' }).ok).toBe(false)
    expect(parseAnswer(pullAnswerSchema, { ...page, cursor: -1 }).ok).toBe(false)
    expect(referenceDeltaSchema.safeParse({ revision: 1, stationItems: [{ stationId: 's', offered: true, revision: 1 }] }).success).toBe(false)
    expect(referenceDeltaSchema.safeParse({ revision: 1, staff: [{ id: 's1', stationId: 's', name: '王', role: 'boss', assessmentPassed: true, assessmentDate: null, active: true, pinVerifier: null, revision: 1 }] }).success).toBe(false)
  })
})

describe('enrollment', () => {
  it('normalises the request as before and reads the answer, a slot outside 1…600 read as none', () => {
    expect(enrollRequestSchema.parse({ code: '  K7QM-XR4P-TZ ', deviceName: ' 柜台平板 ' })).toEqual({ code: 'K7QM-XR4P-TZ', deviceName: '柜台平板' })
    expect(enrollRequestSchema.safeParse({ code: 'K7QM', deviceName: 'a\u0000b' }).success).toBe(false)
    const answer = { deviceId: 'd', token: 't'.repeat(43), stationId: 's', serverTime: now }
    expect(enrollAnswerSchema.parse({ ...answer, deviceSlot: 3 }).deviceSlot).toBe(3)
    for (const deviceSlot of [0, 601, 2.5, '3', undefined])
      expect(enrollAnswerSchema.parse({ ...answer, deviceSlot }).deviceSlot).toBeUndefined()
    expect(enrollAnswerSchema.safeParse({ ...answer, token: undefined }).success).toBe(false)
  })
})

describe('errors', () => {
  it('keep their stable code, field errors and extra members', () => {
    const body = { error: 'version-not-supported', message: '应用版本过旧', minAppVersion: '1.4.0' }
    expect(errorBodySchema.parse(body)).toEqual(body)
    expect(errorBodySchema.safeParse({ message: 'no code' }).success).toBe(false)
  })
})
