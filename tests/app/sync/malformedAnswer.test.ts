/**
 * A 2xx answer that is not the contract (src/domain/protocol) is a clear sync error, never a crash and never
 * half-used: nothing is settled or stored, the outbox and the cursor stay, staff see MESSAGES.malformedAnswer.
 */
import type { DomainEvent } from '../../../src/domain/events'
import { describe, expect, it } from 'vitest'
import { createSyncClient } from '../../../src/app/sync/client'
import { MalformedAnswerError } from '../../../src/app/sync/httpErrors'
import { createDataSyncPort } from '../../../src/app/data'
import { createSyncEngine } from '../../../src/app/sync/engine'
import { enrollDevice } from '../../../src/app/sync/index'
import { describeSyncError, MESSAGES } from '../../../src/app/sync/messages'
import { metaRepo } from '../../../src/app/data/meta'
import { enrolledTablet, freshTabletDb, json, recordConsultations } from './helpers'

type Answer = (pushed: DomainEvent[]) => Response

/** A server whose health is fine and whose push and pull answers are scripted. */
function engineAnswering(push: Answer, pull: () => Response) {
  const store = createDataSyncPort()
  const fetch = async (input: string, init?: RequestInit): Promise<Response> => {
    const { pathname } = new URL(input)
    if (pathname === '/api/health')
      return json({ status: 'ok', db: 'pglite', version: 'test' })
    if (pathname === '/api/sync/push')
      return push((JSON.parse(String(init?.body)) as { events: DomainEvent[] }).events)
    if (pathname === '/api/sync/pull')
      return pull()
    return json({ error: 'not-found' }, 404)
  }
  const client = createSyncClient({ baseUrl: 'http://station.test', fetch, appVersion: '0.1.0', getToken: async () => (await store.getDevice())?.token })
  return { store, engine: createSyncEngine({ client, port: store, locks: null, window: null, document: null }) }
}

const serverTime = () => new Date().toISOString()
const applied: Answer = events => json({ results: events.map(e => ({ id: e.id, status: 'applied' })), serverTime: serverTime() })
const emptyPull = () => json({ events: [], reference: null, cursor: 0, more: false, serverTime: serverTime() })

describe('a malformed answer', () => {
  it.each<[string, Answer]>([
    ['results is not a list', () => json({ results: 'applied', serverTime: serverTime() })],
    ['a status the contract does not know', events => json({ results: events.map(e => ({ id: e.id, status: 'maybe' })), serverTime: serverTime() })],
    ['no serverTime', events => json({ results: events.map(e => ({ id: e.id, status: 'applied' })) })],
    ['an HTML page with 200', () => new Response('<html>维护中</html>', { status: 200, headers: { 'Content-Type': 'text/html' } })],
  ])('to a push (%s) ends the sync with a message and keeps every event in the outbox', async (_, push) => {
    const device = await enrolledTablet()
    const recorded = await recordConsultations(device, 3)
    const { store, engine } = engineAnswering(push, emptyPull)

    const outcome = await engine.syncNow()

    expect(outcome).toMatchObject({ ok: false, state: 'error', error: MESSAGES.malformedAnswer, applied: 0, answered: 0 })
    expect(engine.getStatus().lastError).toBe(MESSAGES.malformedAnswer)
    const outbox = await store.listOutbox()
    expect(outbox.map(item => item.event.id)).toEqual(recorded.map(e => e.id))
    expect(outbox.every(item => item.lastError === MESSAGES.malformedAnswer)).toBe(true)
    expect(await store.countRejected()).toBe(0)
    engine.stop()
  })

  it.each<[string, () => Response]>([
    ['events missing', () => json({ reference: null, cursor: 5, more: false, serverTime: serverTime() })],
    ['a cursor that is text', () => json({ events: [], reference: null, cursor: '5', more: false, serverTime: serverTime() })],
    ['an event without its envelope', () => json({ events: [{ id: 'x', payload: {} }], reference: null, cursor: 5, more: false, serverTime: serverTime() })],
    ['a reference row without its key', () => json({ events: [], reference: { revision: 3, staff: [{ name: '王' }] }, cursor: 0, more: false, serverTime: serverTime() })],
  ])('to a pull (%s) ends the sync with a message and stores nothing, the cursor unchanged', async (_, pull) => {
    await enrolledTablet()
    const { store, engine } = engineAnswering(applied, pull)

    const outcome = await engine.syncNow()

    expect(outcome).toMatchObject({ ok: false, state: 'error', error: MESSAGES.malformedAnswer, pulled: 0 })
    expect(await store.getCursor()).toBe(0)
    expect(await store.getRefRevision()).toBeNull()
    engine.stop()
  })

  it('the same answers, well formed, sync (the tests above fail on the shape, not on the set-up)', async () => {
    const device = await enrolledTablet()
    await recordConsultations(device, 2)
    const { store, engine } = engineAnswering(applied, emptyPull)
    const outcome = await engine.syncNow()
    expect(outcome).toMatchObject({ ok: true, state: 'idle', applied: 2 })
    expect(await store.countOutbox()).toBe(0)
    engine.stop()
  })

  it('to an enrollment rejects with MalformedAnswerError and saves nothing', async () => {
    freshTabletDb()
    const client = createSyncClient({
      baseUrl: 'http://station.test',
      appVersion: '0.1.0',
      fetch: async () => json({ deviceId: 'tablet-new', stationId: 'station-TY01', serverTime: serverTime() }),
    })
    const error = await enrollDevice(client, 'ABCD-EFGH-JK', '柜台平板').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MalformedAnswerError)
    expect(error).toMatchObject({ code: 'malformed-answer', path: '/api/devices/enroll' })
    expect((error as MalformedAnswerError).problems).toContain('token')
    expect(describeSyncError(error)).toBe(MESSAGES.malformedAnswer)
    expect(await metaRepo.get('deviceId')).toBeUndefined()
  })
})
