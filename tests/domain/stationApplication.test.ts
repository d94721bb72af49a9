/** 5.4.1 in the domain: the annexes' field schemas, the tablet events' stream kind, and the station's state steps. */
import { describe, expect, it } from 'vitest'
import { newEventId } from '../../src/domain/events'
import { validateDomainEvent } from '../../src/domain/eventTypes'
import { changeApplicationFieldsSchema, closeApplicationFieldsSchema, newStationApplicationStream, openApplicationFieldsSchema, stationStateAfter } from '../../src/domain/stationApplication'

const change = { after: { applicantUnit: '某银行', contactPhone: '0356-1234567', address: '某地 1 号', countyCode: '140502', functions: '增加社保业务' } }

function event(type: string, payload: unknown, stream = newStationApplicationStream()) {
  return { id: newEventId(), stream, type, v: 1, payload, stationId: 's1', deviceId: 'd1', staffId: 'staff-1', occurredAt: '2026-12-01T10:00:00+08:00' }
}

describe('station applications (5.4.1)', () => {
  it('checks each annex\'s fields: required ones, a Shanxi county-level code, a phone', () => {
    expect(openApplicationFieldsSchema.safeParse({ applicantUnit: '某银行', countyCode: '140502', site: '某地' }).success).toBe(true)
    const bad = closeApplicationFieldsSchema.safeParse({ applicantName: ' ', contactPhone: 'abc', countyCode: '140500', address: '某地', reason: '' })
    expect(bad.success).toBe(false)
    expect([...new Set(bad.error?.issues.map(i => i.path.join('.')))].sort()).toEqual(['applicantName', 'contactPhone', 'countyCode', 'reason'])
    expect(changeApplicationFieldsSchema.safeParse({ ...change, extra: 1 }).success).toBe(false)
  })

  it('validates the tablet events on a stationApplication stream only', () => {
    expect(validateDomainEvent(event('stationApplication.changeRequested', change)).ok).toBe(true)
    const wrongStream = validateDomainEvent(event('stationApplication.changeRequested', change, 'case:0193e3b4-1c2d-7abc-8def-0123456789ab'))
    expect(wrongStream.ok).toBe(false)
    const badPayload = validateDomainEvent(event('stationApplication.closeRequested', { reason: '撤并' }))
    expect(badPayload.ok ? [] : badPayload.errors.map(e => e.path)).toContain('payload.applicantName')
  })

  it('steps the station: 申请中 → 运行 → 变更中 → 运行 → 撤销, and refuses what the state does not allow', () => {
    expect(stationStateAfter('open', 'submitted', 'applying')).toBe('applying')
    expect(stationStateAfter('open', 'approved', 'applying')).toBe('open')
    expect(stationStateAfter('open', 'rejected', 'applying')).toBe('applying')
    expect(stationStateAfter('open', 'submitted', 'open')).toBeNull()
    expect(stationStateAfter('change', 'submitted', 'open')).toBe('changing')
    expect(stationStateAfter('change', 'submitted', 'applying')).toBeNull()
    expect(stationStateAfter('change', 'approved', 'changing')).toBe('open')
    expect(stationStateAfter('change', 'rejected', 'changing')).toBe('open')
    expect(stationStateAfter('close', 'submitted', 'open')).toBe('open')
    expect(stationStateAfter('close', 'approved', 'open')).toBe('closed')
    expect(stationStateAfter('close', 'rejected', 'open')).toBe('open')
    expect(stationStateAfter('change', 'submitted', 'closed')).toBeNull()
    expect(stationStateAfter('close', 'approved', 'closed')).toBeNull()
  })
})
