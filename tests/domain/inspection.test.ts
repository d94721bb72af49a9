/** Self-inspection (4.2, 5.2, 5.4.2): the checklist by tier, the events' rules, fix deadlines and the fold. */
import type { DomainEvent } from '../../src/domain/events'
import type { InspectionRecordedPayload } from '../../src/domain/inspection'
import { describe, expect, it } from 'vitest'
import { builtinWorkCalendar, createWorkCalendar } from '../../src/domain/calendar'
import { newEventId, newStreamId } from '../../src/domain/events'
import { validateDomainEvent } from '../../src/domain/eventTypes'
import { checklistFor, foldInspection, inspectionFixDue, inspectionFixWorkdays, overdueFindings } from '../../src/domain/inspection'

function event(stream: string, type: string, payload: unknown, occurredAt: string): DomainEvent {
  return { id: newEventId(), stream, type, v: 1, payload, stationId: 'st-1', deviceId: 'dev-1', staffId: 'staff-wang', occurredAt }
}

function allOk(tier: 'basic' | 'standard'): InspectionRecordedPayload {
  return { kind: 'self', tier, checks: checklistFor(tier).map(c => ({ id: c.id, result: 'ok' as const })) }
}

function withFinding(payload: InspectionRecordedPayload, id: string, dueAt: string): InspectionRecordedPayload {
  return { ...payload, checks: payload.checks.map(c => (c.id === id ? { id, result: 'finding' as const, note: '缺失', dueAt } : c)) }
}

describe('the checklist by tier (4.2, 5.2.1)', () => {
  it('asks a basic station for the five basic devices and a busier one also for copier, scanner and document camera', () => {
    const basic = checklistFor('basic').map(c => c.id)
    const standard = checklistFor('standard').map(c => c.id)
    expect(basic.filter(id => id.startsWith('equipment.'))).toEqual(['equipment.phone', 'equipment.computer', 'equipment.printer', 'equipment.desks', 'equipment.cabinet'])
    expect(standard.filter(id => !basic.includes(id))).toEqual(['equipment.copier', 'equipment.scanner', 'equipment.documentCamera'])
    for (const id of ['display.logo', 'display.noticeBoard', 'display.guides', 'facility.accessibility', 'facility.emergency', 'environment.clean', 'environment.order'])
      expect(basic).toContain(id)
  })
})

describe('inspection events', () => {
  const stream = newStreamId('inspection')

  it('accepts a complete checklist and refuses a missing check, a check of another tier, and a finding without note or due date', () => {
    expect(validateDomainEvent(event(stream, 'inspection.recorded', allOk('basic'), '2026-03-02T09:00:00+08:00')).ok).toBe(true)
    const missing = validateDomainEvent(event(stream, 'inspection.recorded', { ...allOk('basic'), checks: allOk('basic').checks.slice(1) }, '2026-03-02T09:00:00+08:00'))
    expect(missing.ok ? [] : missing.errors).toEqual([{ path: 'payload.checks', message: '缺少检查项：办公电话' }])
    const extra = allOk('basic')
    extra.checks.push({ id: 'equipment.copier', result: 'ok' })
    const wrongTier = validateDomainEvent(event(stream, 'inspection.recorded', extra, '2026-03-02T09:00:00+08:00'))
    expect(wrongTier.ok ? [] : wrongTier.errors.map(e => e.message)).toEqual(['该检查项不属于此类站点'])
    const bare = { ...allOk('basic'), checks: allOk('basic').checks.map((c, i) => (i === 0 ? { id: c.id, result: 'finding' as const } : c)) }
    const noNote = validateDomainEvent(event(stream, 'inspection.recorded', bare, '2026-03-02T09:00:00+08:00'))
    expect(noNote.ok ? [] : noNote.errors.map(e => e.path).sort()).toEqual(['payload.checks.0.dueAt', 'payload.checks.0.note'])
  })

  it('keeps inspection events in inspection streams', () => {
    const wrong = validateDomainEvent(event(newStreamId('case'), 'inspection.fixed', { checkId: 'display.logo', note: '已张贴' }, '2026-03-02T09:00:00+08:00'))
    expect(wrong.ok ? [] : wrong.errors.map(e => e.path)).toEqual(['stream'])
  })
})

describe('fix deadlines', () => {
  it('counts working days after the inspection day (holidays skipped)', () => {
    // 2026-09-30 → 5 working days after: the National Day holiday 10/1–7, then 10/8, 9, 10 (调休), 12, 13.
    expect(inspectionFixDue('2026-09-30T10:00:00+08:00', 5, builtinWorkCalendar())).toEqual({ dueAt: '2026-10-13T23:59:59.999+08:00', provisional: false })
  })

  it('counts Monday–Friday and marks the date provisional when the year is not published', () => {
    const calendar = createWorkCalendar({ builtin: false })
    // Friday 2027-01-01 + 5 weekdays → Friday 2027-01-08.
    expect(inspectionFixDue('2027-01-01T10:00:00+08:00', 5, calendar)).toEqual({ dueAt: '2027-01-08T23:59:59.999+08:00', provisional: true })
  })

  it('reads the setting, falling back to 5 working days', () => {
    expect(inspectionFixWorkdays(10)).toBe(10)
    expect(inspectionFixWorkdays('10')).toBe(5)
    expect(inspectionFixWorkdays(0)).toBe(5)
    expect(inspectionFixWorkdays(undefined)).toBe(5)
  })
})

describe('foldInspection', () => {
  it('turns findings into open tasks, closes one with its fix and counts what is overdue', () => {
    const stream = newStreamId('inspection')
    const payload = withFinding(withFinding(allOk('basic'), 'display.logo', '2026-03-09T23:59:59.999+08:00'), 'facility.emergency', '2026-03-20T23:59:59.999+08:00')
    const recorded = event(stream, 'inspection.recorded', payload, '2026-03-02T09:00:00+08:00')
    const fixed = event(stream, 'inspection.fixed', { checkId: 'facility.emergency', note: '已配灭火器' }, '2026-03-05T09:00:00+08:00')
    const state = foldInspection([fixed, recorded])
    expect(state).toMatchObject({ id: stream, inspectedOn: '2026-03-02', findings: 2, findingsOpen: 1, nextDueAt: '2026-03-09T23:59:59.999+08:00', needsAttention: false })
    expect(state?.checks.find(c => c.id === 'facility.emergency')).toMatchObject({ fixedAt: '2026-03-05T09:00:00+08:00', fixNote: '已配灭火器', fixedBy: 'staff-wang' })
    const checks = state?.checks ?? []
    expect(overdueFindings({ checks }, new Date('2026-03-10T00:00:00+08:00')).map(c => c.id)).toEqual(['display.logo'])
    expect(overdueFindings({ checks }, new Date('2026-03-09T12:00:00+08:00'))).toEqual([])
  })

  it('flags a fix of a check that was fine, and a second checklist on the same stream, keeping the first', () => {
    const stream = newStreamId('inspection')
    const first = event(stream, 'inspection.recorded', allOk('basic'), '2026-03-02T09:00:00+08:00')
    const second = event(stream, 'inspection.recorded', withFinding(allOk('basic'), 'display.logo', '2026-03-09T23:59:59.999+08:00'), '2026-03-02T10:00:00+08:00')
    const badFix = event(stream, 'inspection.fixed', { checkId: 'display.logo', note: 'x' }, '2026-03-03T09:00:00+08:00')
    const state = foldInspection([first, second, badFix])
    expect(state?.findings).toBe(0)
    expect(state?.needsAttention).toBe(true)
    expect(state?.attentionReasons).toHaveLength(2)
    expect(foldInspection([badFix])).toBeNull()
  })
})
