/**
 * The REAL central endpoint in-process for the app tests (sync, office, public pages, sign-in): PGlite in
 * memory, migrations, the demo seed (one station, a one-time code), and a fetch adapter into `app.request` — no port.
 */
import type { FetchLike } from '../../../src/app/sync/client'
import type { DomainEvent } from '../../../src/domain/events'
import { sql } from 'kysely'
import { Hono } from 'hono'
import { createApp } from '../../../src/server/app'
import type { AppEnv } from '../../../src/server/app'
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
  const inner = createApp({ db: handle.db, dbKind: handle.kind, version: '0.1.0', staticDir: null })
  // happy-dom's Response drops Set-Cookie and its Request drops Cookie (a page never handles either), so
  // the office session cookie is caught where the server sets it, kept in a jar and handed to the server
  // where it reads it, as a browser would keep and send it.
  let setCookies: string[] = []
  let officeCookie: string | null = null
  const app = new Hono<AppEnv>()
  app.use(async (c, next) => {
    const sent = officeCookie
    if (sent && c.req.path.startsWith('/api/office/')) {
      const headers = c.req.raw.headers
      const get = headers.get.bind(headers)
      headers.get = (name: string) => (name.toLowerCase() === 'cookie' ? sent : get(name))
    }
    const header = c.header.bind(c) as (name: string, value?: string, options?: { append?: boolean }) => void
    c.header = ((name: string, value?: string, options?: { append?: boolean }) => {
      if (name.toLowerCase() === 'set-cookie' && value)
        setCookies.push(value)
      header(name, value, options)
    }) as typeof c.header
    await next()
  })
  app.route('/', inner)
  const requests: { method: string, path: string, body: unknown }[] = []
  const fetch: FetchLike = async (input, init) => {
    const url = new URL(input)
    let body: unknown = null
    if (typeof init?.body === 'string')
      body = JSON.parse(init.body)
    requests.push({ method: init?.method ?? 'GET', path: url.pathname, body })
    setCookies = []
    const res = await app.request(input, init)
    for (const set of setCookies) {
      const cookie = /^bianmin_office=([^;]*)/.exec(set)
      if (cookie)
        officeCookie = cookie[1] && !/max-age=0/i.test(set) ? `bianmin_office=${cookie[1]}` : null
    }
    return res
  }
  return {
    app,
    db: handle.db,
    stationId: demo.station.id,
    firstCode: demo.enrollmentCode.code,
    /** The demo office login printed on this first start (its password is random). */
    office: { username: demo.office.username, password: demo.office.password ?? '' },
    /** Forget the office session cookie, as a new browser would. */
    clearCookies(): void {
      officeCookie = null
    },
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
