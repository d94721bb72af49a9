import { describe, expect, it } from 'vitest'
import { readCatalogRows } from '../../../src/app/catalog/catalogItem'
import { anyDecided, INTAKE_ASSIST_MODES, intakeSourceFromQuery, markAllProvided } from '../../../src/app/intake/intakeFlow'
import { checklistFor, evaluateChecklist } from '../../../src/app/intake/materialChecklist'
import { seedItemRows } from '../support/seedCatalog'

const item = (code: string) => {
  const found = readCatalogRows(seedItemRows()).items.find(i => i.code === code)
  if (!found)
    throw new Error(code)
  return found
}

describe('intake shortcuts (issue 14)', () => {
  it('全部已提供 makes a checklist complete: every required row, one row of each 择一 group, optional rows untouched', () => {
    for (const code of ['hukou-idcard-renew', 'sicard-lost-replace']) {
      const rows = checklistFor(item(code))
      expect(evaluateChecklist(rows).complete).toBe(false)
      const marked = markAllProvided(rows)
      expect(evaluateChecklist(marked).complete, code).toBe(true)
      marked.forEach((r, i) => {
        if (!r.required && !r.group)
          expect(r.status, `${code} optional row ${i}`).toBeNull()
      })
      for (const group of new Set(marked.flatMap(r => (r.group ? [r.group] : []))))
        expect(marked.filter(r => r.group === group && r.status === 'provided')).toHaveLength(1)
    }
  })

  it('全部已提供 keeps what staff decided: a material marked missing stays missing', () => {
    const rows = checklistFor(item('hukou-idcard-renew'))
    const required = rows.findIndex(r => r.required && !r.group)
    rows.splice(required, 1, { ...rows[required] as (typeof rows)[number], status: 'missing' })
    const marked = markAllProvided(rows)
    expect(marked[required]?.status).toBe('missing')
    expect(evaluateChecklist(marked).complete).toBe(false)
    expect(rows.filter(r => r.status !== null)).toHaveLength(1) // the input is not changed
  })

  it('knows when nothing is marked yet', () => {
    const rows = checklistFor(item('hukou-idcard-renew'))
    expect(anyDecided(rows)).toBe(false)
    expect(anyDecided(markAllProvided(rows))).toBe(true)
  })

  it('takes the source from the route (a check-in presets the appointment) and asks it as a step only when wanted', () => {
    expect(intakeSourceFromQuery({})).toEqual({ source: 'walkIn', appointmentId: null, ask: false })
    expect(intakeSourceFromQuery({}, true)).toEqual({ source: 'walkIn', appointmentId: null, ask: true })
    expect(intakeSourceFromQuery({ appointment: 'appointment:1' }, true)).toEqual({ source: 'appointment', appointmentId: 'appointment:1', ask: false })
    expect(intakeSourceFromQuery({ appointment: ['appointment:2'] }).appointmentId).toBe('appointment:2')
  })

  it('asks every 帮办方式 but 陪同办理 (which needs complete materials and has its own step)', () => {
    expect(INTAKE_ASSIST_MODES).toEqual(['guidance', 'formFilling', 'materialPreparation', 'onlineFiling'])
  })
})
