/**
 * Self-inspection on the tablet, offline (issue 8 item 6; 4.2, 5.2, 5.4.2): the checklist of the station's
 * tier, findings recorded through the data layer as inspection.recorded with their fix deadline, the fix
 * tasks on /inspections, and 整改完成 as inspection.fixed — all queued for the next sync.
 */
import type { VueWrapper } from '@vue/test-utils'
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import type { InspectionRecordedPayload } from '../../../src/domain/inspection'
import { checklistFor } from '../../../src/domain/inspection'
import { applyPulledEvents, eventsRepo, outboxRepo, referenceRepo } from '../../../src/app/data'
import { newEventId, newStreamId } from '../../../src/domain/events'
import { STATION_ID } from '../support/enrolledTablet'
import { stationRow } from '../support/seedCatalog'
import { mountAt, signedInCounter } from '../support/signedInCounter'
import { useInspectionsStore } from '../../../src/app/stores/inspections'
import { until } from '../support/until'

const Host = defineComponent({ render: () => h(RouterView) })
const mounted: VueWrapper[] = []

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  // Wednesday 2026-09-30: five working days later is 10-13 (National Day 10/1–7, 10/10 worked).
  vi.setSystemTime(new Date('2026-09-30T10:00:00+08:00'))
})

afterEach(() => {
  mounted.splice(0).forEach(w => w.unmount())
  vi.useRealTimers()
  document.body.innerHTML = ''
})

async function open(path: string, pinia: Awaited<ReturnType<typeof signedInCounter>>) {
  const result = await mountAt(Host, path, pinia)
  mounted.push(result.wrapper)
  // Both views load the station's tier, the fix-days setting and the recorded inspections on mount.
  await until(() => expect(useInspectionsStore().loaded).toBe(true))
  await flushPromises()
  return result
}

/** Wait for the target to be there and enabled, tap it, and let the handlers' promises run. */
async function click(w: VueWrapper, selector: string): Promise<void> {
  const el = await until(() => {
    const found = w.find(selector)
    expect(found.exists(), selector).toBe(true)
    expect(found.attributes('disabled'), selector).toBeUndefined()
    return found
  })
  await el.trigger('click')
  await flushPromises()
}

async function inspectionEvents() {
  return eventsRepo.listOfTypeBetween('inspection.recorded', 0, Number.MAX_SAFE_INTEGER)
}

describe('self-inspection at the counter', () => {
  it('shows the basic tier\'s checklist and records findings with their fix deadline, queued for sync', async () => {
    const pinia = await signedInCounter()
    const { wrapper: w, router } = await open('/inspections/new', pinia)
    const basic = checklistFor('basic')
    expect(w.findAll('[data-test^="check-"][data-test$="-ok"]')).toHaveLength(basic.length)
    expect(w.find('[data-test="check-equipment.copier"]').exists()).toBe(false)

    // Nothing answered yet: refused, nothing written.
    await w.find('[data-test="inspection-form"]').trigger('submit')
    await until(() => expect(w.find('[data-test="inspection-error"]').text()).toBe(`还有 ${basic.length} 项未检查`))

    for (const c of basic)
      await w.find(`[data-test="check-${c.id}-${c.id === 'display.logo' || c.id === 'facility.emergency' ? 'finding' : 'ok'}"]`).trigger('click')
    await until(() => expect(w.find('[data-test="check-facility.emergency-note"] input').exists()).toBe(true))
    // A finding needs its note.
    await w.find('[data-test="inspection-form"]').trigger('submit')
    await until(() => expect(w.find('[data-test="check-display.logo-note"]').text()).toContain('请说明发现的问题'))
    expect(await inspectionEvents()).toHaveLength(0)

    await w.find('[data-test="check-display.logo-note"] input').setValue('背景墙标识脱落')
    await w.find('[data-test="check-facility.emergency-note"] input').setValue('灭火器过期')
    await w.find('[data-test="inspection-form"]').trigger('submit')
    await until(() => expect(router.currentRoute.value.name).toBe('inspections'))

    const [recorded] = await inspectionEvents()
    expect(recorded).toMatchObject({ stationId: STATION_ID, staffId: 'staff-wang', type: 'inspection.recorded' })
    const payload = recorded?.payload as InspectionRecordedPayload
    expect(payload.tier).toBe('basic')
    expect(payload.checks.filter(c => c.result === 'finding')).toEqual([
      { id: 'display.logo', result: 'finding', note: '背景墙标识脱落', dueAt: '2026-10-13T23:59:59.999+08:00' },
      { id: 'facility.emergency', result: 'finding', note: '灭火器过期', dueAt: '2026-10-13T23:59:59.999+08:00' },
    ])
    expect(await outboxRepo.count()).toBe(1)
  })

  it('lists the fix tasks, marks the overdue ones, and records 整改完成 as inspection.fixed', async () => {
    const pinia = await signedInCounter()
    let w = (await open('/inspections/new', pinia)).wrapper
    for (const c of checklistFor('basic'))
      await w.find(`[data-test="check-${c.id}-${c.id === 'environment.clean' ? 'finding' : 'ok'}"]`).trigger('click')
    await until(() => expect(w.find('[data-test="check-environment.clean-note"] input').exists()).toBe(true))
    await w.find('[data-test="check-environment.clean-note"] input').setValue('地面不洁')
    await w.find('[data-test="inspection-form"]').trigger('submit')
    await until(async () => expect(await inspectionEvents()).toHaveLength(1))
    mounted.splice(0).forEach(x => x.unmount())

    // Two weeks later the task is overdue.
    vi.setSystemTime(new Date('2026-10-14T09:00:00+08:00'))
    w = (await open('/inspections', pinia)).wrapper
    const task = await until(() => {
      const found = w.find('[data-test="task-environment.clean"]')
      expect(found.find('[data-test="task-due"]').text()).toContain('整改期限 2026-10-13')
      return found
    })
    expect(task.find('[data-test="task-overdue"]').text()).toBe('已超期')
    expect(w.findAll('[data-test="inspection-row"]').map(r => r.text())).toEqual(['2026-09-30 自查：1 项问题，1 项未整改'])

    await click(w, '[data-test="task-fix"]')
    await click(w, '[data-test="task-fix-confirm"]')
    await until(() => expect(w.find('[data-test="task-fix-note"]').text()).toContain('请说明整改情况'))
    await w.find('[data-test="task-fix-note"] input').setValue('已清洁并安排每日保洁')
    await click(w, '[data-test="task-fix-confirm"]')
    await until(() => expect(w.find('[data-test="tasks-empty"]').exists()).toBe(true))

    const [recorded] = await inspectionEvents()
    const stream = await eventsRepo.byStream(recorded?.stream ?? '')
    expect(stream.map(e => [e.type, e.payload])).toEqual([
      ['inspection.recorded', expect.anything()],
      ['inspection.fixed', { checkId: 'environment.clean', note: '已清洁并安排每日保洁' }],
    ])
    expect(await outboxRepo.count()).toBe(2)
    expect(w.findAll('[data-test="inspection-row"]').map(r => r.text())).toEqual(['2026-09-30 自查：1 项问题，0 项未整改'])
  })

  it('asks a busier station for copier, scanner and document camera, and follows the fix-days setting', async () => {
    const pinia = await signedInCounter()
    await referenceRepo.replaceAll('stations', [{ ...stationRow, id: STATION_ID, tier: 'standard' }])
    await referenceRepo.apply('settings', [{ id: 'inspectionFixWorkdays', value: 10, revision: 1 }])
    const { wrapper: w } = await open('/inspections/new', pinia)
    expect(w.find('[data-test="inspection-tier"]').text()).toContain(`运行较好站点（${checklistFor('standard').length} 项检查）`)
    expect(w.find('[data-test="inspection-tier"]').text()).toContain('10 个工作日')
    for (const id of ['equipment.copier', 'equipment.scanner', 'equipment.documentCamera'])
      expect(w.find(`[data-test="check-${id}"]`).exists()).toBe(true)
    for (const c of checklistFor('standard'))
      await w.find(`[data-test="check-${c.id}-${c.id === 'equipment.scanner' ? 'finding' : 'ok'}"]`).trigger('click')
    await until(() => expect(w.find('[data-test="check-equipment.scanner-note"] input').exists()).toBe(true))
    await w.find('[data-test="check-equipment.scanner-note"] input').setValue('扫描仪损坏')
    await w.find('[data-test="inspection-form"]').trigger('submit')
    await until(async () => expect(await inspectionEvents()).toHaveLength(1))
    const payload = (await inspectionEvents())[0]?.payload as InspectionRecordedPayload
    expect(payload.tier).toBe('standard')
    // 2026-09-30 + 10 working days: 10/8, 9, 10, 12–16, 19, 20.
    expect(payload.checks.find(c => c.id === 'equipment.scanner')?.dueAt).toBe('2026-10-20T23:59:59.999+08:00')
  })

  it('shows a 巡查 pulled from the office as fix tasks the station closes, with nothing of it pushed back', async () => {
    const pinia = await signedInCounter()
    const stream = newStreamId('inspection')
    const checks = checklistFor('basic').map(c => (c.id === 'display.guides' ? { id: c.id, result: 'finding', note: '指南缺页', dueAt: '2026-10-09T23:59:59.999+08:00' } : { id: c.id, result: 'ok' }))
    await applyPulledEvents([{ id: newEventId(), stream, type: 'inspection.recorded', v: 1, payload: { kind: 'office', tier: 'basic', inspector: '城区政务服务中心', checks }, stationId: STATION_ID, deviceId: 'office:cq-admin', staffId: null, occurredAt: '2026-09-29T15:00:00+08:00', seq: 7, receivedAt: '2026-09-29T07:00:00.000Z' }], 7)
    const { wrapper: w } = await open('/inspections', pinia)
    expect(w.findAll('[data-test="inspection-row"]').map(r => r.text())).toEqual(['2026-09-29 巡查：1 项问题，1 项未整改'])
    expect(w.find('[data-test="task-display.guides"] [data-test="task-due"]').text()).toContain('2026-10-09')
    expect(await outboxRepo.count()).toBe(0)
    await click(w, '[data-test="task-fix"]')
    await w.find('[data-test="task-fix-note"] input').setValue('已补齐')
    await click(w, '[data-test="task-fix-confirm"]')
    await until(() => expect(w.find('[data-test="tasks-empty"]').exists()).toBe(true))
    expect((await eventsRepo.byStream(stream)).map(e => e.type)).toEqual(['inspection.recorded', 'inspection.fixed'])
    expect(await outboxRepo.count()).toBe(1)
  })
})
