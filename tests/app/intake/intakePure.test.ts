import type { CaseState } from '../../../src/domain/case'
import { describe, expect, it } from 'vitest'
import { effectScope } from 'vue'
import { searchCases } from '../../../src/app/case/caseSearch'
import { readCatalogRows } from '../../../src/app/catalog/catalogItem'
import { useSteps } from '../../../src/app/composables/useSteps'
import { applicantPayload, emptyApplicant, validateApplicant } from '../../../src/app/intake/applicantForm'
import { fitWithin, ImageCompressionError, MATERIAL_PHOTO_MAX_PX } from '../../../src/app/intake/compressImage'
import { checklistFor, evaluateChecklist, undecidedRows } from '../../../src/app/intake/materialChecklist'
import { seedItemRows } from '../support/seedCatalog'
import { builtinWorkCalendar } from '../../../src/domain/calendar'

const item = (code: string) => {
  const found = readCatalogRows(seedItemRows()).items.find(i => i.code === code)
  if (!found)
    throw new Error(code)
  return found
}

describe('useSteps', () => {
  it('moves forwards only when the step may be left, and always back', () => {
    effectScope().run(() => {
      let ok = false
      const steps = useSteps(['a', 'b', 'c'] as const, { canLeave: s => s !== 'b' || ok })
      expect(steps.current.value).toBe('a')
      expect(steps.back()).toBe(false)
      expect(steps.next()).toBe(true)
      expect(steps.next()).toBe(false)
      expect(steps.current.value).toBe('b')
      ok = true
      expect(steps.next()).toBe(true)
      expect(steps.isLast.value).toBe(true)
      expect(steps.isDone('a')).toBe(true)
      expect(steps.goTo('a')).toBe(true)
      expect(steps.current.value).toBe('a')
      ok = false
      expect(steps.goTo('c')).toBe(false)
      expect(steps.current.value).toBe('b')
      steps.reset()
      expect(steps.current.value).toBe('a')
    })
  })
})

describe('material photo size (≤ 1600 px on the longest side)', () => {
  it.each([
    [4032, 3024, 1600, 1200],
    [3024, 4032, 1200, 1600],
    [1600, 900, 1600, 900],
    [800, 600, 800, 600],
    [12000, 1000, 1600, 133],
    [1601, 1601, 1600, 1600],
  ])('%i×%i → %i×%i', (w, h, ew, eh) => {
    const size = fitWithin(w, h, MATERIAL_PHOTO_MAX_PX)
    expect([size.width, size.height]).toEqual([ew, eh])
    expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(1600)
  })

  it('refuses a size that is not an image', () => {
    expect(() => fitWithin(0, 10, 1600)).toThrow(ImageCompressionError)
  })
})

describe('applicant validation (DOMAIN.md validators)', () => {
  it('gives the domain reason by code for a bad ID checksum and a bad mobile, and a missing name', () => {
    const problems = validateApplicant({ ...emptyApplicant(), idNumber: '110105194912310021', mobile: '1380013800' })
    expect(problems).toEqual({
      name: { key: 'intake.errors.nameRequired' },
      idNumber: { reason: { code: 'identity.idCardCheck' } },
      mobile: { reason: { code: 'identity.mobileLength', params: { length: 10 } } },
    })
  })

  it('accepts a valid person and normalises the numbers', () => {
    const d = { ...emptyApplicant(), name: '张三', idNumber: '11010519491231002x', mobile: '+86 138-0013-8000' }
    expect(validateApplicant(d)).toEqual({})
    expect(applicantPayload(d)).toEqual({ type: 'person', name: '张三', idType: 'idCard', idNumber: '11010519491231002X', mobile: '13800138000' })
  })

  it('warns on a USCC checksum until staff override it, and records the override', () => {
    const d = { ...emptyApplicant(), type: 'organisation' as const, orgName: '晋城市某某有限公司', uscc: '91140500MA0K000001', contactName: '李四', contactPhone: '0356-2021234' }
    expect(validateApplicant(d).uscc).toEqual({ reason: { code: 'identity.usccCheck' } })
    const overridden = { ...d, usccOverride: true }
    expect(validateApplicant(overridden)).toEqual({})
    expect(applicantPayload(overridden)).toMatchObject({ type: 'organisation', uscc: '91140500MA0K000001', usccWarningOverridden: true, contactPhone: '0356-2021234' })
  })
})

describe('material checklist', () => {
  it('needs one of an alternative group (择一), and lists every missing material once', () => {
    const rows = checklistFor(item('hukou-idcard-lost'))
    const row = (i: number) => {
      const r = rows[i]
      if (!r)
        throw new Error(`no row ${i}`)
      return r
    }
    expect(undecidedRows(rows)).toEqual([0, 1, 2, 3, 4])
    row(4).status = 'missing'
    const none = evaluateChecklist(rows)
    expect(none.complete).toBe(false)
    expect(none.missing.map(m => m.name)).toEqual([
      '居民户口簿或居住证 / 社会保障卡 / 护照 / 机动车驾驶证（身份证明(择一,至少提供一项)）',
      '《居民身份证申领登记表》',
    ])
    row(1).status = 'provided'
    expect(undecidedRows(rows)).toEqual([])
    const one = evaluateChecklist(rows)
    expect(one.missing.map(m => m.name)).toEqual(['《居民身份证申领登记表》'])
    row(4).status = 'supplemented'
    const all = evaluateChecklist(rows)
    expect(all.complete).toBe(true)
    expect(all.checks.filter(c => c.required).map(c => c.name)).toEqual(['《居民身份证申领登记表》'])
  })
})

describe('case search', () => {
  const base = { kind: 'intake', status: 'accepted', itemCode: 'x', itemName: '社会保障卡挂失补换(遗失)', receiptNumber: 'JC01-2026-A-0001', dueAt: null, completedAt: null } as const
  const rows = [
    { ...base, id: 'case:1', applicant: { type: 'person', name: '张三丰', idNumber: '11010519491231002X', mobile: '13800138000' } },
    { ...base, id: 'case:2', receiptNumber: null, status: 'awaitingSupplement', applicant: { type: 'person', name: '李四', idNumber: '440524188001010014', mobile: '13912345678' } },
  ] as unknown as CaseState[]
  const ids = (q: string) => searchCases(rows, q, {}, new Date(), builtinWorkCalendar()).map(c => c.id)

  it('finds by the last 4 of an ID, by mobile, name, receipt number and item', () => {
    expect(ids('002x')).toEqual(['case:1'])
    expect(ids('0014')).toEqual(['case:2'])
    expect(ids('139 1234 5678')).toEqual(['case:2'])
    expect(ids('5678')).toEqual(['case:2'])
    expect(ids('张三')).toEqual(['case:1'])
    expect(ids('JC01-2026-A-0001')).toEqual(['case:1'])
    expect(ids('社会保障卡')).toEqual(['case:1', 'case:2'])
    expect(ids('9999')).toEqual([])
  })

  it('filters by state', () => {
    expect(searchCases(rows, '', { status: 'awaitingSupplement' }, new Date(), builtinWorkCalendar()).map(c => c.id)).toEqual(['case:2'])
  })
})
