/**
 * Crash safety (issue 10): kill -9 the server process while several tablets push at once, start it again
 * on the same data, re-push every batch that was not acknowledged. Every acknowledged event is then stored
 * exactly once, and so is every event at all once the re-pushes are answered (a batch committed just before
 * the kill answers `duplicate`).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import type { DomainEvent } from '../../../src/domain/events'
import { mintEnrollmentCode } from '../../../src/server/auth/devices'
import { migrateToLatest, openDatabase } from '../../../src/server/db'
import type { DatabaseHandle } from '../../../src/server/db'
import type { PushAnswer } from '../../../src/domain/protocol'
import { testDatabases } from '../helpers/databases'
import type { TestDatabase } from '../helpers/databases'
import { killHard, listening, spawnServer } from '../helpers/serverProcess'
import type { ServerEnv, ServerProcess } from '../helpers/serverProcess'
import { addStation, APP_VERSION, consultation } from '../helpers/sync'
import type { TestDevice } from '../helpers/sync'

const TABLETS = 4
const BATCHES = 6
const BATCH_SIZE = 40

async function pushBatch(url: string, device: TestDevice, events: DomainEvent[]): Promise<PushAnswer | null> {
  try {
    const res = await fetch(`${url}/api/sync/push`, {
      method: 'POST',
      headers: { 'Authorization': `Bearer ${device.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ protocol: 1, appVersion: APP_VERSION, events }),
    })
    if (res.status !== 200)
      return null
    return await res.json() as PushAnswer
  }
  catch {
    // The connection died with the server: not acknowledged.
    return null
  }
}

describe.each(testDatabases())('kill -9 during concurrent pushes on %s', (kind) => {
  let pg: TestDatabase | undefined
  let dataDir: string | undefined
  const servers: ServerProcess[] = []
  afterAll(async () => {
    await Promise.all(servers.map(killHard))
    await pg?.close()
    if (dataDir)
      rmSync(dataDir, { recursive: true, force: true })
  })

  /** The test's own handle on the data, only while no server runs (PGlite: the folder lock). */
  async function openData(): Promise<DatabaseHandle> {
    return pg ? openDatabase({ databaseUrl: pg.databaseUrl, maxConnections: 2 }) : openDatabase({ dataDir })
  }

  it('keeps every acknowledged event exactly once after a restart and re-push', async () => {
    let env: ServerEnv
    if (kind.name === 'postgres') {
      pg = await kind.open({ migrate: false })
      env = { DATABASE_URL: pg.databaseUrl }
    }
    else {
      dataDir = mkdtempSync(join(tmpdir(), 'bianmin-crash-'))
      env = { DATA_DIR: dataDir }
    }
    const setup = await openData()
    let stationId: string
    let codes: string[]
    try {
      await migrateToLatest(setup.db)
      stationId = await addStation(setup.db)
      codes = await Promise.all(Array.from({ length: TABLETS }, async () => (await mintEnrollmentCode(setup.db, stationId)).code))
    }
    finally {
      await setup.close()
    }

    const first = spawnServer(env)
    servers.push(first)
    const url = await listening(first)
    const devices: TestDevice[] = []
    for (const code of codes) {
      const res = await fetch(`${url}/api/devices/enroll`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code, deviceName: '柜台平板' }) })
      expect(res.status).toBe(200)
      devices.push(await res.json() as TestDevice)
    }
    const batches = devices.map(device => Array.from({ length: BATCHES }, () => Array.from({ length: BATCH_SIZE }, () => consultation(device))))
    const acknowledged = new Set<string>()
    const answered = new Set<DomainEvent[]>()

    // Every tablet pushes its batches one after another, all tablets at once; the kill comes once a few
    // batches are acknowledged, so some are answered, some in flight and some not yet sent.
    let killAt: () => void = () => {}
    const enoughAcknowledged = new Promise<void>(resolve => (killAt = resolve))
    const pushing = devices.map(async (device, t) => {
      for (const batch of batches[t] ?? []) {
        const answer = await pushBatch(url, device, batch)
        if (!answer)
          return
        expect(answer.results.every(r => r.status === 'applied')).toBe(true)
        for (const r of answer.results)
          acknowledged.add(r.id)
        answered.add(batch)
        if (answered.size >= TABLETS)
          killAt()
      }
    })
    await Promise.race([enoughAcknowledged, Promise.all(pushing)])
    await killHard(first)
    await Promise.all(pushing)
    expect(acknowledged.size).toBeGreaterThanOrEqual(TABLETS * BATCH_SIZE)

    const second = spawnServer(env)
    servers.push(second)
    const url2 = await listening(second)
    const all = batches.flat()
    expect(answered.size).toBeLessThan(all.length)
    for (const [t, device] of devices.entries()) {
      for (const batch of batches[t] ?? []) {
        if (answered.has(batch))
          continue
        const answer = await pushBatch(url2, device, batch)
        expect(answer, 're-push after the restart').not.toBeNull()
        expect(answer?.results.every(r => r.status === 'applied' || r.status === 'duplicate')).toBe(true)
      }
    }
    second.child.kill('SIGTERM')
    expect((await second.exited).code).toBe(0)

    const check = await openData()
    try {
      const rows = await check.db.selectFrom('events').select(['id', sql<number>`count(*)`.as('n')]).where('station_id', '=', stationId).groupBy('id').execute()
      const counts = new Map(rows.map(r => [r.id, Number(r.n)]))
      for (const id of acknowledged)
        expect(counts.get(id), id).toBe(1)
      const everyId = all.flat().map(e => e.id)
      expect(rows).toHaveLength(everyId.length)
      expect(everyId.every(id => counts.get(id) === 1)).toBe(true)
      const projections = await check.db.selectFrom('consultation_projections').select(sql<number>`count(*)`.as('n')).where('station_id', '=', stationId).executeTakeFirstOrThrow()
      expect(Number(projections.n)).toBe(everyId.length)
    }
    finally {
      await check.close()
    }
  }, 180_000)
})
