// @vitest-environment node
/**
 * Enrollment's deviceSlot addition (SYNC-API.md) on the tablet, against the REAL server in-process: each
 * tablet of a station gets its own slot, it is kept in the data layer's meta and shown by the session
 * store; an answer without a slot (an older server) leaves no stale slot behind.
 */
import type { TestServer } from '../support/testServer'
import { createPinia, setActivePinia } from 'pinia'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { metaRepo } from '../../../src/app/data/meta'
import { useSessionStore } from '../../../src/app/stores/session'
import { createSyncClient } from '../../../src/app/sync/client'
import { enrollDevice } from '../../../src/app/sync/index'
import { freshTabletDb, json } from './helpers'
import { startServer } from '../support/testServer'

vi.setConfig({ testTimeout: 30_000 })

let server: TestServer

beforeAll(async () => {
  server = await startServer()
}, 120_000)

afterAll(async () => {
  await server.close()
})

async function enrollNewTablet(): Promise<Awaited<ReturnType<typeof enrollDevice>>> {
  freshTabletDb()
  const client = createSyncClient({ baseUrl: 'http://station.test', fetch: server.fetch, appVersion: '0.1.0' })
  return enrollDevice(client, await server.mintCode(), '柜台平板')
}

describe('device slot', () => {
  it('two tablets of a station get different slots; each keeps its own in meta and the session store shows it', async () => {
    const a = await enrollNewTablet()
    expect(await metaRepo.get('deviceSlot')).toBe(a.deviceSlot)
    setActivePinia(createPinia())
    const sessionA = useSessionStore()
    await sessionA.init()
    expect(sessionA.deviceSlot).toBe(a.deviceSlot)

    const b = await enrollNewTablet()
    expect(await metaRepo.get('deviceSlot')).toBe(b.deviceSlot)
    expect(a.deviceSlot).toEqual(expect.any(Number))
    expect(b.deviceSlot).toEqual(expect.any(Number))
    expect(b.deviceSlot).not.toBe(a.deviceSlot)
    setActivePinia(createPinia())
    const sessionB = useSessionStore()
    await sessionB.init()
    expect(sessionB.deviceSlot).toBe(b.deviceSlot)
  })

  it('re-enrolled with a server that sends no (or no valid) slot: the earlier slot is forgotten, not reused', async () => {
    const first = await enrollNewTablet()
    expect(await metaRepo.get('deviceSlot')).toBe(first.deviceSlot)
    for (const deviceSlot of [undefined, 0, 601, 2.5, '3']) {
      const older = createSyncClient({
        baseUrl: 'http://station.test',
        appVersion: '0.1.0',
        fetch: async () => json({ deviceId: 'tablet-new', token: 'n'.repeat(43), stationId: server.stationId, serverTime: new Date().toISOString(), deviceSlot }),
      })
      const identity = await enrollDevice(older, 'ABCD-EFGH-JK', '柜台平板')
      expect(identity.deviceSlot).toBeUndefined()
      expect(await metaRepo.get('deviceId')).toBe('tablet-new')
      expect(await metaRepo.get('deviceSlot')).toBeUndefined()
    }
    setActivePinia(createPinia())
    const session = useSessionStore()
    await session.init()
    expect(session.deviceSlot).toBeNull()
  })
})
