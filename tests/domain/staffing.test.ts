import { describe, expect, it } from 'vitest'
import { decisiveAssessment, staffingWarning } from '../../src/domain/staffing'
import { validateNewPin } from '../../src/domain/auth/pinPolicy'

describe('validateNewPin (5.3 counter sign-in)', () => {
  it.each(['246810', '135790', '482915', '90561384', '１３５７９０', ' 730519 '])('accepts %j', (pin) => {
    const r = validateNewPin(pin)
    expect(r.ok).toBe(true)
    expect(r.value).toMatch(/^\d{6,12}$/)
  })

  it.each([
    ['', '请设置PIN'],
    ['12a456', '只能由数字'],
    ['48291', '至少6位'],
    ['4829154829154', '不能超过12位'],
    ['111111', '重复'],
    ['000000', '重复'],
    ['121212', '重复'],
    ['123123', '重复'],
    ['123456', '连续'],
    ['012345', '连续'],
    ['654321', '连续'],
    ['3456789', '连续'],
  ])('refuses %j (%s)', (pin, reason) => {
    const r = validateNewPin(pin)
    expect(r.ok).toBe(false)
    expect(r.reason).toContain(reason)
  })
})

describe('staffingWarning (5.3: 1–2 staff per station)', () => {
  it.each([[0, 'no-staff'], [1, null], [2, null], [3, 'too-many-staff']] as const)('%i active → %s', (n, warning) => {
    expect(staffingWarning(n)).toBe(warning)
  })
})

describe('decisiveAssessment (5.3.2: the latest record decides)', () => {
  const rec = (id: string, date: string, passed: boolean, recordedAt: string) => ({ id, date, passed, recordedAt })
  it('takes the latest date, then the latest entry', () => {
    expect(decisiveAssessment([])).toBeNull()
    const records = [
      rec('a', '2026-03-10', true, '2026-03-10T02:00:00.000Z'),
      rec('b', '2026-02-01', false, '2026-03-20T02:00:00.000Z'),
      rec('c', '2026-03-10', false, '2026-03-11T02:00:00.000Z'),
    ]
    expect(decisiveAssessment(records)?.id).toBe('c')
    expect(decisiveAssessment(records.slice(0, 2))?.id).toBe('a')
  })
})
