/**
 * Two tablets of one station record on the same case while offline, with facts that contradict each
 * other (one accepts, the other returns). After both sync, both hold the same events, fold them to
 * the same state, and that state says it needs attention; the server's projection agrees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../src/server/app'
import { foldCase } from '../../../src/domain/case'
import type { DomainEvent } from '../../../src/domain/events'
import { newStreamId, orderedUnique } from '../../../src/domain/events'
import { appFor } from '../helpers/app'
import { testDatabases } from '../helpers/databases'
import type { TestDatabase } from '../helpers/databases'
import { addStation, caseEvent, caseReceived, enrollDevice, materialsComplete, pullAll, pushOk } from '../helpers/sync'
import { builtinWorkCalendar } from '../../../src/domain/calendar'

describe.each(testDatabases())('two tablets, one case, on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx)
  })
  afterAll(() => ctx.close())

  it('converge on the same folded state with needsAttention', async () => {
    const station = await addStation(ctx.db)
    const a = await enrollDevice(app, ctx.db, station, '平板甲')
    const b = await enrollDevice(app, ctx.db, station, '平板乙')
    const stream = newStreamId('case')

    // Tablet A takes the case in; B syncs and so knows it.
    const localA: DomainEvent[] = [
      caseEvent(a, stream, 'case.received', caseReceived, '2026-03-02T10:00:00+08:00'),
      caseEvent(a, stream, 'case.materialsChecked', materialsComplete, '2026-03-02T10:05:00+08:00'),
    ]
    await pushOk(app, a, localA)
    const localB: DomainEvent[] = [...await pullAll(app, b)]

    // Offline: A accepts the case, B returns it.
    const accepted = caseEvent(a, stream, 'case.accepted', { receiptNumber: 'T001-2026-000001', dueAt: '2026-03-23T23:59:59.999+08:00', assistMode: 'accompany' }, '2026-03-02T10:20:00+08:00')
    const returned = caseEvent(b, stream, 'case.returned', { reason: '不属于本站受理范围' }, '2026-03-02T10:25:00+08:00')
    localA.push(accepted)
    localB.push(returned)

    // Back online, both push then pull.
    expect((await pushOk(app, b, [returned])).results[0]?.status).toBe('applied')
    expect((await pushOk(app, a, [accepted])).results[0]?.status).toBe('applied')
    const heldByA = orderedUnique([...localA, ...await pullAll(app, a)])
    const heldByB = orderedUnique([...localB, ...await pullAll(app, b)])
    expect(heldByA.map(e => e.id)).toEqual(heldByB.map(e => e.id))

    const stateA = foldCase(heldByA, builtinWorkCalendar())
    const stateB = foldCase(heldByB, builtinWorkCalendar())
    expect(stateA).toEqual(stateB)
    expect(stateA?.status).toBe('accepted')
    expect(stateA?.needsAttention).toBe(true)
    expect(stateA?.attentionReasons.join()).toMatch(/矛盾/)
    expect(stateA?.log.find(l => l.eventId === returned.id)?.applied).toBe(false)

    // The server folded the same events with the same fold.
    const projection = await ctx.db.selectFrom('case_projections').selectAll().where('id', '=', stream).executeTakeFirstOrThrow()
    expect(projection).toMatchObject({ station_id: station, status: 'accepted', needs_attention: true })
    expect(projection.due_at?.toISOString()).toBe(new Date('2026-03-23T23:59:59.999+08:00').toISOString())
    expect(projection.state).toEqual(JSON.parse(JSON.stringify(stateA)))
  })
})
