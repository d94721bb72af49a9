/**
 * The REAL central endpoint in-process for the sync tests: PGlite in memory, migrations, the demo
 * seed (one station, a one-time code), and a fetch adapter into `app.request` — no port.
 */
import type { FetchLike } from '../../../src/app/sync/client'
import type { DomainEvent } from '../../../src/domain/events'
import { sql } from 'kysely'
import { createApp } from '../../../src/server/app'
import { mintEnrollmentCode } from '../../../src/server/auth/devices'
import { migrateToLatest, openDatabase } from '../../../src/server/db'
import { seedOnStart } from '../../../src/server/seed/demo'

export type TestServer = Awaited<ReturnType<typeof startServer>>

export async function startServer() {
  const handle = await openDatabase({ dataDir: 'memory://' })
  await migrateToLatest(handle.db)
  const demo = await seedOnStart(handle.db, { seedDemo: true })
  if (!demo)
    throw new Error('demo seed did not run')
  const app = createApp({ db: handle.db, dbKind: handle.kind, version: '0.1.0', staticDir: null })
  const requests: { method: string, path: string, body: unknown }[] = []
  const fetch: FetchLike = async (input, init) => {
    const url = new URL(input)
    let body: unknown = null
    if (typeof init?.body === 'string')
      body = JSON.parse(init.body)
    requests.push({ method: init?.method ?? 'GET', path: url.pathname, body })
    return app.request(input, init)
  }
  return {
    app,
    db: handle.db,
    stationId: demo.station.id,
    firstCode: demo.enrollmentCode.code,
    fetch,
    requests,
    /** A fresh one-time code for another tablet of the demo station. */
    async mintCode(): Promise<string> {
      return (await mintEnrollmentCode(handle.db, demo.station.id)).code
    },
    /** Ids the server holds, with how many rows each (must be 1). */
    async eventRows(ids: readonly string[]): Promise<Map<string, number>> {
      const rows = ids.length === 0 ? [] : await handle.db.selectFrom('events').select(['id']).where('id', 'in', [...ids]).execute()
      const counts = new Map<string, number>()
      for (const r of rows)
        counts.set(r.id, (counts.get(r.id) ?? 0) + 1)
      return counts
    },
    async setMinAppVersion(version: string): Promise<void> {
      await sql`update settings set value = cast(${JSON.stringify(version)} as jsonb) where key = 'minAppVersion'`.execute(handle.db)
    },
    /** Ids sent in push bodies, from request number `since` on. */
    pushedIds(since = 0): string[] {
      return requests.slice(since).filter(r => r.path === '/api/sync/push').flatMap(r => (r.body as { events: DomainEvent[] }).events.map(e => e.id))
    },
    close: () => handle.close(),
  }
}
