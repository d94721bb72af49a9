/**
 * Issue 12 item 2: a push folds each affected stream once per batch, from the rows its insert statement
 * returned, and upserts the projection rows set-based (sync/storeEvents.ts, sync/projections.ts). Property:
 * whatever the batches (one event each, as the per-event path was, or many streams at once; streams spread
 * over several batches; batches pushed twice; invalid events; events the database refuses, which send a
 * batch down the event-by-event savepoint path), the projection rows equal a full rebuild from the events.
 */
import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { DomainEvent } from '../../../src/domain/events'
import { newStreamId } from '../../../src/domain/events'
import type { App } from '../../../src/server/app'
import { rebuildProjections } from '../../../src/server/sync/projections'
import { appFor } from '../helpers/app'
import { testDatabases } from '../helpers/databases'
import type { TestDatabase } from '../helpers/databases'
import { addStation, caseEvent, caseReceived, consultation, enrollDevice, materialsComplete, pushOk } from '../helpers/sync'
import type { TestDevice } from '../helpers/sync'

vi.setConfig({ testTimeout: 120_000 })

const POISON = 'DB-POISON'

/** A stream's events in order: a case of 1–4 steps, or a consultation (maybe referred, maybe one the database refuses). */
const streamPlan = fc.oneof(
  fc.record({ kind: fc.constant('case' as const), steps: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('consultation' as const), referred: fc.boolean(), poison: fc.boolean(), invalid: fc.boolean() }),
)

const plan = fc.record({
  streams: fc.array(streamPlan, { minLength: 1, maxLength: 8 }),
  /** Picks which stream's next event comes next (merging the streams in a random interleaving). */
  order: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
  /** Batch sizes, cycled. */
  sizes: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 5 }),
  /** Batches pushed a second time (all duplicate, or the refused ones refused again). */
  repeat: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
})

type StreamPlan = { kind: 'case', steps: number } | { kind: 'consultation', referred: boolean, poison: boolean, invalid: boolean }

function streamEvents(device: TestDevice, p: StreamPlan): DomainEvent[] {
  if (p.kind === 'case') {
    const stream = newStreamId('case')
    return [
      caseEvent(device, stream, 'case.received', caseReceived, '2026-03-02T10:00:00+08:00'),
      caseEvent(device, stream, 'case.materialsChecked', materialsComplete, '2026-03-02T10:05:00+08:00'),
      caseEvent(device, stream, 'case.accepted', { receiptNumber: `T001-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`, dueAt: '2026-03-23T23:59:59.999+08:00', assistMode: 'accompany' }, '2026-03-02T10:20:00+08:00'),
      caseEvent(device, stream, 'case.returned', { reason: '不属于本站受理范围' }, '2026-03-02T10:25:00+08:00'),
    ].slice(0, p.steps)
  }
  const recorded: DomainEvent = consultation(device, p.poison ? { payload: { channel: 'visit', contact: { name: '张', phone: '13812345678' }, question: POISON } } : {})
  const events: DomainEvent[] = [p.invalid ? { ...recorded, payload: { channel: 'nowhere' } } : recorded]
  if (p.referred)
    events.push(caseEvent(device, recorded.stream, 'consultation.referred', { department: '县人社局', personContacted: { name: '刘科长' } }, '2026-03-02T10:30:00+08:00'))
  return events
}

/** Merges per-stream event lists in the interleaving `order` picks (each stream keeps its own order). */
function interleave(lists: DomainEvent[][], order: readonly number[]): DomainEvent[] {
  const queues = lists.map(l => [...l])
  const out: DomainEvent[] = []
  let i = 0
  for (;;) {
    const open = queues.filter(q => q.length > 0)
    if (open.length === 0)
      return out
    const q = open[(order[i++ % order.length] ?? 0) % open.length] as DomainEvent[]
    out.push(q.shift() as DomainEvent)
  }
}

describe.each(testDatabases())('set-based projection upserts on %s', (kind) => {
  let ctx: TestDatabase
  let app: App

  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx)
    // An event that passes validation and that the database still refuses: its batch goes event by event.
    await sql`alter table events add constraint poison_check check (payload->>'question' is distinct from ${sql.lit(POISON)})`.execute(ctx.db)
  })
  afterAll(() => ctx.close())

  async function projections(stationId: string): Promise<unknown[]> {
    const rows = []
    for (const table of ['case_projections', 'consultation_projections'] as const) {
      rows.push(...await ctx.db.selectFrom(table).select(['id', 'station_id', 'status', 'needs_attention', 'due_at', 'state', 'last_seq', 'opened_at'])
        .where('station_id', '=', stationId).orderBy('id').execute())
    }
    return rows.map(r => ({ ...r, due_at: r.due_at === null ? null : new Date(r.due_at).toISOString(), opened_at: r.opened_at === null ? null : new Date(r.opened_at).toISOString(), last_seq: Number(r.last_seq) }))
  }

  it('the projections a push leaves equal a full rebuild from the stored events, whatever the batches', async () => {
    await fc.assert(fc.asyncProperty(plan, async (p) => {
      const device = await enrollDevice(app, ctx.db, await addStation(ctx.db))
      const events = interleave(p.streams.map(s => streamEvents(device, s)), p.order)
      let applied = 0
      for (let start = 0, b = 0; start < events.length; b++) {
        const size = p.sizes[b % p.sizes.length] as number
        const batch = events.slice(start, start + size)
        start += size
        const answer = await pushOk(app, device, batch)
        applied += answer.results.filter(r => r.status === 'applied').length
        if (p.repeat[b % p.repeat.length]) {
          const again = await pushOk(app, device, batch)
          expect(again.results.map(r => r.status)).toEqual(answer.results.map(r => (r.status === 'applied' ? 'duplicate' : r.status)))
        }
      }
      const pushed = await projections(device.stationId)
      const streams = new Set(events.map(e => e.stream))
      expect(pushed.length).toBeLessThanOrEqual(streams.size)
      if (applied > 0)
        expect(pushed.length).toBeGreaterThan(0)

      await ctx.db.deleteFrom('case_projections').where('station_id', '=', device.stationId).execute()
      await ctx.db.deleteFrom('consultation_projections').where('station_id', '=', device.stationId).execute()
      await rebuildProjections(ctx.db, device.stationId)
      expect(await projections(device.stationId)).toEqual(pushed)
    }), { numRuns: 12 })
  })
})
