/**
 * Scale-out (issue 12 item 3): TWO real server processes (the real entry, src/server/main.ts, on different
 * ports) behind one PostgreSQL database of this test's own, serving the same tablets and office at once.
 *
 * - Two tablets of one station push concurrently through both processes, every batch also re-sent through
 *   the other one (a retry that lands elsewhere): every event is stored exactly once and answered
 *   applied-or-duplicate in both places.
 * - A third tablet pulls through both processes, alternating, all the while: its cursor never skips an event
 *   committed by the other process (pulls see seqs in commit order per station: sync/stationLock.ts lockStationEvents)
 *   and the pulled set is exactly the stored set, each once, in increasing seq.
 * - Both start at once on an empty database and migrate it together.
 * - State that must hold across processes lives in the database: an office session made on one process works
 *   on the other and ends on both; an enrollment code used on one is refused on the other; the sign-in and
 *   enrollment rate limits count hits from both processes together.
 *
 * PGlite is one process by design (its data folder is locked), so this runs on PostgreSQL only: skipped, with
 * a message, when DATABASE_URL is absent (CI sets it).
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { DomainEvent } from '../../../src/domain/events'
import { mintEnrollmentCode } from '../../../src/server/auth/devices'
import { OFFICE_SIGNIN_LIMITS } from '../../../src/server/routes/api/officeSession'
import { ENROLL_RATE_LIMIT } from '../../../src/server/routes/api/devices'
import type { PushAnswer, ServerPullAnswer } from '../../../src/domain/protocol'
import { appendServerEvent, lockStation } from '../../../src/server/sync/serverEvents'
import { testDatabases } from '../helpers/databases'
import type { TestDatabase } from '../helpers/databases'
import { addOfficeUser } from '../helpers/office'
import { killHard, listening, spawnServer } from '../helpers/serverProcess'
import type { ServerProcess } from '../helpers/serverProcess'
import { addStation, APP_VERSION, consultation } from '../helpers/sync'
import type { TestDevice } from '../helpers/sync'

const BATCHES = 12
const BATCH_SIZE = 25

const postgresKind = testDatabases().find(kind => kind.name === 'postgres')
if (!postgresKind)
  console.warn('scaleOut.test.ts skipped: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run two server processes on one PostgreSQL')

async function call(url: string, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${url}${path}`, init)
}

/** The servers believe X-Forwarded-For (TRUST_PROXY=1), so each limit test speaks from an address of its own. */
function from(address: string | undefined): Record<string, string> {
  return address ? { 'X-Forwarded-For': address } : {}
}

async function enroll(url: string, code: string, deviceName: string, address?: string): Promise<Response> {
  return call(url, '/api/devices/enroll', { method: 'POST', headers: { 'Content-Type': 'application/json', ...from(address) }, body: JSON.stringify({ code, deviceName }) })
}

async function push(url: string, device: TestDevice, events: DomainEvent[]): Promise<PushAnswer> {
  const res = await call(url, '/api/sync/push', {
    method: 'POST',
    headers: { 'Authorization': `Bearer ${device.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ protocol: 1, appVersion: APP_VERSION, events }),
  })
  if (res.status !== 200)
    throw new Error(`push to ${url} answered ${res.status}: ${await res.text()}`)
  return await res.json() as PushAnswer
}

async function pull(url: string, device: TestDevice, cursor: number): Promise<ServerPullAnswer> {
  const res = await call(url, `/api/sync/pull?cursor=${cursor}&limit=7`, { headers: { Authorization: `Bearer ${device.token}` } })
  if (res.status !== 200)
    throw new Error(`pull from ${url} answered ${res.status}: ${await res.text()}`)
  return await res.json() as ServerPullAnswer
}

async function signIn(url: string, username: string, password: string, address?: string): Promise<Response> {
  return call(url, '/api/office/session', { method: 'POST', headers: { 'Content-Type': 'application/json', ...from(address) }, body: JSON.stringify({ username, password }) })
}

let addressSerial = 0

/**
 * Runs `attempt` from a fresh client address and checks what it returns, unless a fixed rate-limit window
 * ended meanwhile (the counts start again at a window's end): then once more, from another address.
 */
async function inOneWindow(windowMs: number, attempt: (address: string) => Promise<() => void>): Promise<void> {
  for (let tries = 0; tries < 3; tries++) {
    const window = Math.floor(Date.now() / windowMs)
    const check = await attempt(`198.51.100.${++addressSerial}`)
    if (Math.floor(Date.now() / windowMs) === window)
      return check()
  }
  throw new Error('three rate-limit windows ended during the attempts')
}

describe.skipIf(!postgresKind)('two server processes on one PostgreSQL (scale-out)', () => {
  let pg: TestDatabase
  const servers: ServerProcess[] = []
  let urls: [string, string]
  let stationId: string
  const tablets: TestDevice[] = []

  beforeAll(async () => {
    // An empty database: both processes start at once and migrate it together (Kysely's migration lock).
    pg = await (postgresKind as NonNullable<typeof postgresKind>).open({ migrate: false })
    const env = { DATABASE_URL: pg.databaseUrl, TRUST_PROXY: '1' }
    servers.push(spawnServer(env), spawnServer(env))
    const [a, b] = await Promise.all(servers.map(listening))
    urls = [a as string, b as string]
    expect(urls[0]).not.toBe(urls[1])
    stationId = await addStation(pg.db, '扩展测试便民服务站')
  }, 60_000)

  afterAll(async () => {
    await Promise.all(servers.map(killHard))
    await pg?.close()
  })

  it('enrollment: a code used on one process is refused on the other, and the token works on both', async () => {
    for (let i = 0; i < 3; i++) {
      const { code } = await mintEnrollmentCode(pg.db, stationId)
      const first = await enroll(urls[i % 2] as string, code, `平板 ${i + 1}`)
      expect(first.status).toBe(200)
      const again = await enroll(urls[(i + 1) % 2] as string, code, `平板 ${i + 1} 重复`)
      expect(again.status).not.toBe(200)
      tablets.push(await first.json() as TestDevice)
    }
    for (const url of urls)
      expect((await pull(url, tablets[0] as TestDevice, 0)).events).toEqual([])
  })

  it('concurrent pushes through both processes: nothing lost or doubled, pulls complete while both write', async () => {
    const [writerA, writerB, reader] = tablets as [TestDevice, TestDevice, TestDevice]
    const batches = [writerA, writerB].map(device => Array.from({ length: BATCHES }, () => Array.from({ length: BATCH_SIZE }, () => consultation(device))))
    const expected = new Set(batches.flat(2).map(e => e.id))

    let writing = true
    const pulled: ServerPullAnswer['events'] = []
    const reading = (async () => {
      let cursor = 0
      let turn = 0
      // Keep pulling while the writers write, then until the last page says nothing more.
      for (;;) {
        const stillWriting = writing
        const page = await pull(urls[turn++ % 2] as string, reader, cursor)
        pulled.push(...page.events)
        cursor = page.cursor
        if (!stillWriting && !page.more)
          return
      }
    })()

    const answers = await Promise.all(batches.map(async (deviceBatches, w) => {
      const device = [writerA, writerB][w] as TestDevice
      const statuses = new Map<string, string[]>()
      await Promise.all(deviceBatches.map(async (events, b) => {
        // The same batch through both processes at once: one applies each event, the other sees a duplicate.
        const [first, second] = await Promise.all([push(urls[(b + w) % 2] as string, device, events), push(urls[(b + w + 1) % 2] as string, device, events)])
        for (const r of [...first.results, ...second.results])
          statuses.set(r.id, [...(statuses.get(r.id) ?? []), r.status])
      }))
      return statuses
    }))
    writing = false
    await reading

    for (const statuses of answers) {
      for (const list of statuses.values())
        expect(list.sort()).toEqual(['applied', 'duplicate'])
    }
    const rows = await pg.db.selectFrom('events').select(['id', 'seq']).where('station_id', '=', stationId).execute()
    expect(rows.length).toBe(expected.size)
    expect(new Set(rows.map(r => r.id))).toEqual(expected)

    const pulledIds = pulled.map(e => e.id)
    expect(new Set(pulledIds).size).toBe(pulledIds.length)
    expect(new Set(pulledIds)).toEqual(expected)
    const seqs = pulled.map(e => e.seq as number)
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y))
  }, 120_000)

  it('a pull never steps past an event still being committed by another process', async () => {
    const [writerA, writerB, reader] = tablets as [TestDevice, TestDevice, TestDevice]
    // Catch up first, so the pages below hold only what this test writes.
    let page = await pull(urls[0], reader, 0)
    while (page.more)
      page = await pull(urls[0], reader, page.cursor)
    let cursor = page.cursor
    const held = consultation(writerA)
    const pushed = Array.from({ length: 5 }, () => consultation(writerB))
    let release!: () => void
    const released = new Promise<void>(resolve => (release = resolve))
    let heldIn!: () => void
    const inFlight = new Promise<void>(resolve => (heldIn = resolve))
    // A push in flight, as another process runs it: the station's lock taken, its event inserted (its seq
    // drawn), not yet committed.
    const holding = pg.db.transaction().execute(async (trx) => {
      await lockStation(trx, stationId)
      await appendServerEvent(trx, held, new Date())
      heldIn()
      await released
    })
    await inFlight
    // Meanwhile a tablet pushes through process B: it must wait for the station's lock, so its later seqs
    // cannot become visible before the earlier one.
    let answered = false
    const pushing = push(urls[1], writerB, pushed).then((answer) => {
      answered = true
      return answer
    })
    await vi.waitFor(async () => {
      const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`.execute(pg.db)
      if (!answered && Number(waiting.rows[0]?.n) === 0)
        throw new Error('the push through process B neither waits for the lock nor has answered')
    }, { timeout: 20_000, interval: 20 })

    const pulled: ServerPullAnswer['events'] = []
    const during = await pull(urls[0], reader, cursor)
    pulled.push(...during.events)
    cursor = during.cursor
    release()
    await holding
    expect((await pushing).results.every(r => r.status === 'applied')).toBe(true)
    for (let page = await pull(urls[0], reader, cursor); ; page = await pull(urls[0], reader, page.cursor)) {
      pulled.push(...page.events)
      if (!page.more)
        break
    }
    expect(pulled.map(e => e.id).sort()).toEqual([held, ...pushed].map(e => e.id).sort())
  }, 60_000)

  it('an office session made on one process works on the other and ends on both', async () => {
    const login = await addOfficeUser(pg.db, { role: 'admin', divisionCode: '14' })
    const res = await signIn(urls[0], login.username, login.password)
    expect(res.status).toBe(200)
    const cookie = /bianmin_office=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0] as string
    expect(cookie).toBeTruthy()
    const me = await call(urls[1], '/api/office/me', { headers: { cookie } })
    expect(me.status).toBe(200)
    expect((await me.json() as { username: string }).username).toBe(login.username)

    expect((await call(urls[1], '/api/office/session', { method: 'DELETE', headers: { cookie } })).status).toBe(204)
    for (const url of urls)
      expect((await call(url, '/api/office/me', { headers: { cookie } })).status).toBe(401)
  })

  it('the sign-in limit counts attempts made on both processes together', async () => {
    await inOneWindow(OFFICE_SIGNIN_LIMITS.windowMs, async (address) => {
      const login = await addOfficeUser(pg.db, { role: 'viewer', divisionCode: '14' })
      const statuses: number[] = []
      for (let i = 0; i <= OFFICE_SIGNIN_LIMITS.perAccount; i++)
        statuses.push((await signIn(urls[i % 2] as string, login.username, 'wrong-password-123', address)).status)
      // Each process saw only about half the attempts: alone, neither would have refused.
      const right = (await signIn(urls[1], login.username, login.password, address)).status
      return () => {
        expect(statuses.slice(0, OFFICE_SIGNIN_LIMITS.perAccount).every(s => s === 401)).toBe(true)
        expect(statuses.at(-1)).toBe(429)
        expect(right).toBe(429)
      }
    })
  }, 60_000)

  it('the enrollment limit counts attempts made on both processes together', async () => {
    await inOneWindow(ENROLL_RATE_LIMIT.windowMs, async (address) => {
      const statuses: number[] = []
      for (let i = 0; i < ENROLL_RATE_LIMIT.limit + 2; i++)
        statuses.push((await enroll(urls[i % 2] as string, 'NOSUCHCODE', '错误登记', address)).status)
      return () => expect(statuses).toEqual([...Array.from({ length: ENROLL_RATE_LIMIT.limit }, () => 403), 429, 429])
    })
  })
})
