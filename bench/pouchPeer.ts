/**
 * `npm run bench -- pouchdb-peer` (issue 12 item 1): the offline-first stack a team would otherwise pick —
 * PouchDB on the tablet replicating to a CouchDB-compatible server (express-pouchdb on PouchDB's memory
 * adapter, bench/pouchServer.ts, its own process) — against ours in the same run, on loopback.
 *
 * Work: 10,000 case events (5,000 cases × received + materials checked), pushed and then pulled back, once by
 * one tablet and once by 100 concurrent tablets (100 events each, one station — and for PouchDB one database —
 * per tablet, the usual CouchDB layout).
 * - Ours: the real server process (src/server/main.ts, on PGlite on disk and, with DATABASE_URL, PostgreSQL),
 *   driven by the app's real protocol client (src/app/sync/client.ts): enrolled through the API, pushes in the
 *   engine's batches (splitIntoBatches: ≤ 1,000 events, ≤ 2 MB), pulls in the engine's 500-event pages with
 *   the reference delta, each event kept in a local map. Every event must come back applied and pulled once.
 * - Theirs: each tablet's local PouchDB (memory adapter) holds the events as documents; `replicate.to` the
 *   tablet's remote database (created beforehand), then a fresh local PouchDB `replicate.from` it; doc counts
 *   checked. PouchDB's defaults (batch_size 100, batches_limit 10).
 * Reported: push, pull and push + pull seconds each, and ours ÷ theirs (time; below 1 is ours faster).
 * Target: ours push + pull ≥ 5× faster (ratio ≤ 0.2). Printed, never asserted. Env: BENCH_PEER_EVENTS (default 10000), BENCH_PEER_TABLETS (default 1,100).
 */
import { createRequire } from 'node:module'
import type { DomainEvent } from '../src/domain/events'
import { newEventId, newStreamId } from '../src/domain/events'
import { createSyncClient } from '../src/app/sync/client'
import { splitIntoBatches } from '../src/app/sync/pushBatches'
import type { SyncClient } from '../src/app/sync/client'
import { mintEnrollmentCode } from '../src/server/auth/devices'
import { migrateToLatest } from '../src/server/db'
import type { DbKind } from '../src/server/db'
import { addStation, APP_VERSION, caseReceived, materialsComplete } from '../tests/server/helpers/sync'
import { benchTargets, startChild } from './serverChild'
import type { Target } from './serverChild'

const require = createRequire(import.meta.url)

interface PouchDatabase {
  bulkDocs: (docs: object[]) => Promise<unknown>
  info: () => Promise<{ doc_count: number }>
  destroy: () => Promise<unknown>
  replicate: {
    to: (target: PouchDatabase) => Promise<{ ok: boolean, docs_written: number }>
    from: (source: PouchDatabase) => Promise<{ ok: boolean, docs_written: number }>
  }
}
interface PouchStatic {
  new (name: string): PouchDatabase
  plugin: (plugin: unknown) => PouchStatic
  defaults: (options: Record<string, unknown>) => PouchStatic
}

const PouchDB = (require('pouchdb') as PouchStatic).plugin(require('pouchdb-adapter-memory'))
const LocalPouch = PouchDB.defaults({ adapter: 'memory' })

const PULL_LIMIT = 500
const SCENARIOS = (process.env.BENCH_PEER_TABLETS ?? '1,100').split(',').map(Number).filter(n => Number.isInteger(n) && n > 0)

export interface PeerTimes {
  pushMs: number
  pullMs: number
  totalMs: number
}

export interface PeerResult {
  tablets: number
  events: number
  /** Ours on each database of the run. */
  ours: ({ db: DbKind } & PeerTimes)[]
  pouchdb: PeerTimes
}

const names = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴']

/** `count` events of count / 2 cases (received, then materials checked), names and numbers varied. */
function caseEvents(station: { stationId: string, deviceId: string }, count: number): DomainEvent[] {
  const events: DomainEvent[] = []
  for (let k = 0; events.length < count; k++) {
    const stream = newStreamId('case')
    const base = { stream, v: 1, stationId: station.stationId, deviceId: station.deviceId, staffId: 'staff-1' }
    const applicant = { ...caseReceived.applicant, name: `${names[k % 10]}${['小明', '建国', '晓燕', '丽华', '志强'][k % 5]}`, mobile: `13${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}` }
    events.push({ ...base, id: newEventId(), type: 'case.received', payload: { ...caseReceived, applicant }, occurredAt: '2026-03-02T10:00:00+08:00' })
    if (events.length < count)
      events.push({ ...base, id: newEventId(), type: 'case.materialsChecked', payload: materialsComplete, occurredAt: '2026-03-02T10:05:00+08:00' })
  }
  return events
}

function since(t0: number): number {
  return performance.now() - t0
}

async function ours(target: Target, tablets: number, perTablet: number, log: (line: string) => void): Promise<PeerTimes> {
  const setup = await target.open()
  const codes: string[] = []
  try {
    await migrateToLatest(setup.db)
    for (let i = 0; i < tablets; i++)
      codes.push((await mintEnrollmentCode(setup.db, await addStation(setup.db, `对比便民服务站 ${i + 1}`))).code)
  }
  finally {
    await setup.close()
  }
  const server = startChild({ ...target.env, TRUST_PROXY: '1' })
  try {
    const baseUrl = await server.url
    const devices: { client: SyncClient, events: DomainEvent[] }[] = []
    for (const [i, code] of codes.entries()) {
      let token = ''
      // Each tablet from an address of its own (as stations are), or the enrollment rate limit refuses the 21st.
      const address = `10.${i >> 8}.${i & 255}.2`
      const client = createSyncClient({ baseUrl, appVersion: APP_VERSION, getToken: () => token, fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers as Record<string, string>, 'X-Forwarded-For': address } }) })
      const enrolled = (await client.enroll(code, '对比平板')).body
      token = enrolled.token
      devices.push({ client, events: caseEvents(enrolled, perTablet) })
    }

    const t0 = performance.now()
    await Promise.all(devices.map(async ({ client, events }) => {
      for (const batch of splitIntoBatches(events, APP_VERSION)) {
        const answer = (await client.push(batch)).body
        if (answer.results.some(r => r.status !== 'applied'))
          throw new Error(`ours: not applied: ${JSON.stringify(answer.results.find(r => r.status !== 'applied'))}`)
      }
    }))
    const pushMs = since(t0)
    log(`    ours (${target.kind}) × ${tablets}: push ${seconds(pushMs)} s`)

    const t1 = performance.now()
    await Promise.all(devices.map(async ({ client, events }) => {
      const local = new Map<string, DomainEvent>()
      let cursor = 0
      let refRevision: number | undefined
      for (let more = true; more;) {
        const page = (await client.pull({ cursor, limit: PULL_LIMIT, refRevision })).body
        for (const event of page.events)
          local.set(event.id, event)
        cursor = page.cursor
        refRevision = page.reference?.revision ?? refRevision
        more = page.more
      }
      if (local.size !== events.length)
        throw new Error(`ours: pulled ${local.size} of ${events.length} events`)
    }))
    const pullMs = since(t1)
    return { pushMs, pullMs, totalMs: pushMs + pullMs }
  }
  finally {
    await server.stop()
  }
}

let pouchSerial = 0

async function pouchdb(tablets: number, perTablet: number): Promise<PeerTimes> {
  const server = startChild({}, 'bench/pouchServer.ts')
  const locals: PouchDatabase[] = []
  try {
    const baseUrl = await server.url
    const run = ++pouchSerial
    const remotes: PouchDatabase[] = []
    for (let i = 0; i < tablets; i++) {
      const local = new LocalPouch(`bench-tablet-${run}-${i}`)
      const station = { stationId: `station-${i}`, deviceId: `device-${i}` }
      await local.bulkDocs(caseEvents(station, perTablet).map(e => ({ _id: e.id, ...e })))
      locals.push(local)
      const remote = new PouchDB(`${baseUrl}/station_${i}`)
      await remote.info()
      remotes.push(remote)
    }

    const t0 = performance.now()
    await Promise.all(locals.map(async (local, i) => {
      const result = await local.replicate.to(remotes[i] as PouchDatabase)
      if (!result.ok || result.docs_written !== perTablet)
        throw new Error(`pouchdb: pushed ${result.docs_written} of ${perTablet}`)
    }))
    const pushMs = since(t0)

    const t1 = performance.now()
    await Promise.all(remotes.map(async (remote, i) => {
      const fresh = new LocalPouch(`bench-pulled-${run}-${i}`)
      locals.push(fresh)
      await fresh.replicate.from(remote)
      const { doc_count: pulled } = await fresh.info()
      if (pulled !== perTablet)
        throw new Error(`pouchdb: pulled ${pulled} of ${perTablet}`)
    }))
    const pullMs = since(t1)
    return { pushMs, pullMs, totalMs: pushMs + pullMs }
  }
  finally {
    await Promise.all(locals.map(db => db.destroy()))
    await server.stop()
  }
}

export async function runPouchPeer(log: (line: string) => void = console.log): Promise<PeerResult[]> {
  const events = Number(process.env.BENCH_PEER_EVENTS ?? 10_000)
  const results: PeerResult[] = []
  for (const tablets of SCENARIOS) {
    const perTablet = Math.ceil(events / tablets)
    const theirs = await pouchdb(tablets, perTablet)
    const mine: PeerResult['ours'] = []
    for (const makeTarget of benchTargets()) {
      const target = await makeTarget()
      try {
        mine.push({ db: target.kind, ...await ours(target, tablets, perTablet, log) })
      }
      finally {
        await target.cleanup()
      }
    }
    const r: PeerResult = { tablets, events: perTablet * tablets, ours: mine, pouchdb: theirs }
    results.push(r)
    for (const o of mine)
      log(`  pouchdb-peer × ${tablets} tablet(s): ours (${o.db}) ${seconds(o.totalMs)} s, pouchdb ${seconds(theirs.totalMs)} s, ours ÷ theirs ${(o.totalMs / theirs.totalMs).toFixed(2)}`)
  }
  return results
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2)
}

/** A Markdown table: one row per scenario and database of ours. */
export function pouchPeerTable(results: readonly PeerResult[]): string {
  return [
    '| tablets | events | ours db | ours push | ours pull | ours push + pull | PouchDB push | PouchDB pull | PouchDB push + pull | ours ÷ theirs (push + pull) | target ours ≥ 5× faster |',
    '|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|---|',
    ...results.flatMap(r => r.ours.map((o) => {
      const ratio = o.totalMs / r.pouchdb.totalMs
      return `| ${r.tablets} | ${r.events} | ${o.db} | ${seconds(o.pushMs)} s | ${seconds(o.pullMs)} s | ${seconds(o.totalMs)} s | ${seconds(r.pouchdb.pushMs)} s | ${seconds(r.pouchdb.pullMs)} s | ${seconds(r.pouchdb.totalMs)} s | ${ratio.toFixed(2)} (${(1 / ratio).toFixed(1)}× faster) | ${ratio <= 0.2 ? '✓' : '✗'} |`
    })),
  ].join('\n')
}

/** `tsx bench/pouchPeer.ts` alone prints the table. */
if (import.meta.url === `file://${process.argv[1]}`) {
  runPouchPeer().then(results => console.log(`\n${pouchPeerTable(results)}`), (error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
