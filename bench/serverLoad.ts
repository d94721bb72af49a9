/**
 * `npm run bench -- server-load` (issue 10 item 3): the real central endpoint as its own process on
 * 127.0.0.1 (PGlite in a temp folder, and PostgreSQL when DATABASE_URL is set), N simulated tablets (one
 * station each, enrolled through the API) pushing 100-event batches at once, gzipped as the server accepts.
 * While they push, /api/health and a 404 (the HTTP loop alone) are probed one after another.
 *
 * Reported per database and N: events/s, batch p50/p95, /api/health p50/p95 under load, the 404's p95,
 * connection resets, bytes on the wire per event, and whether every acknowledged event is stored exactly
 * once. Baselines of the same run: /api/health p95 with no load, and raw events/s of one set-based insert
 * of the same number of event rows on the same database. Numbers are printed, never asserted.
 * Env: BENCH_TABLETS (default 1,20,100,200), BENCH_LOAD_SECONDS (time cap per run, default 90).
 */
import { gzipSync } from 'node:zlib'
import { sql } from 'kysely'
import { mintEnrollmentCode } from '../src/server/auth/devices'
import { jsonb, migrateToLatest } from '../src/server/db'
import type { DatabaseHandle, DbKind } from '../src/server/db'
import { contentHash } from '../src/server/sync/push'
import { addStation, APP_VERSION, consultation } from '../tests/server/helpers/sync'
import type { TestDevice } from '../tests/server/helpers/sync'
import { benchTargets, startChild } from './serverChild'
import type { Target } from './serverChild'
import { percentile } from './stats'

const BATCH_EVENTS = 100
/** Total events pushed per run (spread over the tablets), at least 2 batches per tablet. */
const TARGET_EVENTS = 20_000

export interface ServerLoadResult {
  db: DbKind
  tablets: number
  batches: number
  events: number
  seconds: number
  eventsPerSecond: number
  batchP50Ms: number
  batchP95Ms: number
  healthP50Ms: number
  healthP95Ms: number
  loopP95Ms: number
  healthProbes: number
  resets: number
  failedBatches: number
  gzipBytesPerEvent: number
  jsonBytesPerEvent: number
  answerBytesPerEvent: number
  storedOnce: boolean
  baselineHealthP95Ms: number
  rawInsertEventsPerSecond: number
}

function isReset(error: unknown): boolean {
  const text = `${String(error)} ${String((error as { cause?: unknown }).cause)}`
  return /ECONNRESET|socket hang up|other side closed|UND_ERR_SOCKET|EPIPE/i.test(text)
}

/** Sequential GETs of `url` until `stop` resolves; latencies in ms. */
async function probe(url: string, until: { done: boolean }, errors: { resets: number }): Promise<number[]> {
  const samples: number[] = []
  while (!until.done) {
    const t0 = performance.now()
    try {
      const res = await fetch(url)
      await res.arrayBuffer()
    }
    catch (error) {
      if (isReset(error))
        errors.resets++
    }
    samples.push(performance.now() - t0)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
  return samples
}

async function quietHealthP95(base: string): Promise<number> {
  const samples: number[] = []
  for (let i = 0; i < 40; i++) {
    const t0 = performance.now()
    await (await fetch(`${base}/api/health`)).arrayBuffer()
    samples.push(performance.now() - t0)
  }
  return percentile(samples, 95)
}

/** A consultation with its own name, phone and question, so gzip sees text as varied as a real day's. */
function variedConsultation(device: TestDevice, n: number): ReturnType<typeof consultation> {
  const event = consultation(device)
  const phone = `13${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`
  const names = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴']
  const name = `${names[n % 10]}${['小明', '建国', '晓燕', '丽华', '志强'][Math.floor(Math.random() * 5)]}`
  return { ...event, payload: { channel: 'visit', contact: { name, phone }, question: `第 ${n} 号：${['身份证到期怎么换？', '社保卡怎么补办？', '营业执照怎么变更？', '居住证怎么办理？'][n % 4]}`, answer: `携带原证和户口簿到派出所办理（${Math.random().toString(36).slice(2, 8)}）` } }
}

/** One set-based insert of `count` event rows (no validation, projections or transaction per batch). */
async function rawInsertEventsPerSecond(db: DatabaseHandle, stationId: string, deviceId: string, count: number): Promise<number> {
  const device: TestDevice = { stationId, deviceId, token: '' }
  const events = Array.from({ length: count }, (_, n) => variedConsultation(device, n))
  const t0 = performance.now()
  for (let i = 0; i < events.length; i += 500) {
    await db.db.insertInto('events').values(events.slice(i, i + 500).map(e => ({
      id: e.id, stream: e.stream, type: e.type, v: e.v, payload: jsonb(e.payload), station_id: e.stationId, device_id: e.deviceId,
      staff_id: e.staffId, occurred_at: e.occurredAt, occurred_at_text: e.occurredAt, received_at: new Date(), content_key: contentHash(e),
    }))).execute()
  }
  return count / ((performance.now() - t0) / 1000)
}

async function runOne(target: Target, tablets: number, capSeconds: number): Promise<ServerLoadResult> {
  const setup = await target.open()
  let codes: string[]
  try {
    await migrateToLatest(setup.db)
    codes = []
    for (let i = 0; i < tablets; i++)
      codes.push((await mintEnrollmentCode(setup.db, await addStation(setup.db, `压测便民服务站 ${i + 1}`))).code)
  }
  finally {
    await setup.close()
  }

  const server = startChild({ ...target.env, TRUST_PROXY: '1' })
  const base = await server.url
  const devices: TestDevice[] = []
  for (const [i, code] of codes.entries()) {
    // Each tablet from an address of its own (as stations are), or the enrollment rate limit refuses the 21st.
    const res = await fetch(`${base}/api/devices/enroll`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `10.${i >> 8}.${i & 255}.2` }, body: JSON.stringify({ code, deviceName: '压测平板' }) })
    if (res.status !== 200)
      throw new Error(`enroll answered ${res.status}: ${await res.text()}`)
    devices.push(await res.json() as TestDevice)
  }
  const baselineHealthP95Ms = await quietHealthP95(base)

  const batchesPerTablet = Math.max(2, Math.ceil(TARGET_EVENTS / (tablets * BATCH_EVENTS)))
  const plans = devices.map((device, t) => Array.from({ length: batchesPerTablet }, (_, b) => Array.from({ length: BATCH_EVENTS }, (_, i) => variedConsultation(device, (t * batchesPerTablet + b) * BATCH_EVENTS + i))))
  const bodies = plans.map(batches => batches.map((events) => {
    const json = JSON.stringify({ protocol: 1, appVersion: APP_VERSION, events })
    return { events, json: Buffer.byteLength(json), gzip: gzipSync(json) }
  }))

  const errors = { resets: 0 }
  const until = { done: false }
  const health = probe(`${base}/api/health`, until, errors)
  const loop = probe(`${base}/api/not-a-route`, until, errors)
  const acknowledged: string[] = []
  const batchMs: number[] = []
  let failedBatches = 0
  let gzipBytes = 0
  let jsonBytes = 0
  let answerBytes = 0
  const deadline = performance.now() + capSeconds * 1000
  const t0 = performance.now()
  await Promise.all(devices.map(async (device, t) => {
    for (const body of bodies[t] ?? []) {
      if (performance.now() > deadline)
        return
      const started = performance.now()
      try {
        const res = await fetch(`${base}/api/sync/push`, {
          method: 'POST',
          headers: { 'Authorization': `Bearer ${device.token}`, 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
          body: body.gzip,
        })
        const text = await res.text()
        batchMs.push(performance.now() - started)
        if (res.status !== 200) {
          failedBatches++
          continue
        }
        gzipBytes += body.gzip.byteLength
        jsonBytes += body.json
        answerBytes += Buffer.byteLength(text)
        const answer = JSON.parse(text) as { results: { id: string, status: string }[] }
        for (const r of answer.results) {
          if (r.status === 'applied' || r.status === 'duplicate')
            acknowledged.push(r.id)
        }
      }
      catch (error) {
        failedBatches++
        if (isReset(error))
          errors.resets++
      }
    }
  }))
  const seconds = (performance.now() - t0) / 1000
  until.done = true
  const healthMs = await health
  const loopMs = await loop
  await server.stop()

  const check = await target.open()
  try {
    const rows = await check.db.selectFrom('events').select(['id', sql<number>`count(*)`.as('n')]).groupBy('id').execute()
    const counts = new Map(rows.map(r => [r.id, Number(r.n)]))
    const storedOnce = acknowledged.every(id => counts.get(id) === 1) && rows.every(r => Number(r.n) === 1)
    const first = devices[0] as TestDevice
    const rawInsert = await rawInsertEventsPerSecond(check, first.stationId, first.deviceId, Math.min(acknowledged.length || BATCH_EVENTS, 10_000))
    const events = acknowledged.length
    return {
      db: target.kind,
      tablets,
      batches: batchMs.length,
      events,
      seconds: round(seconds),
      eventsPerSecond: round(events / seconds),
      batchP50Ms: round(percentile(batchMs, 50)),
      batchP95Ms: round(percentile(batchMs, 95)),
      healthP50Ms: round(percentile(healthMs, 50)),
      healthP95Ms: round(percentile(healthMs, 95)),
      loopP95Ms: round(percentile(loopMs, 95)),
      healthProbes: healthMs.length,
      resets: errors.resets,
      failedBatches,
      gzipBytesPerEvent: round(gzipBytes / Math.max(1, events)),
      jsonBytesPerEvent: round(jsonBytes / Math.max(1, events)),
      answerBytesPerEvent: round(answerBytes / Math.max(1, events)),
      storedOnce,
      baselineHealthP95Ms: round(baselineHealthP95Ms),
      rawInsertEventsPerSecond: round(rawInsert),
    }
  }
  finally {
    await check.close()
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}

/** Every database × tablet count, one after another (each on a fresh database). */
export async function runServerLoad(log: (line: string) => void = console.log): Promise<ServerLoadResult[]> {
  const tabletCounts = (process.env.BENCH_TABLETS ?? '1,20,100,200').split(',').map(Number).filter(n => Number.isInteger(n) && n > 0)
  const capSeconds = Number(process.env.BENCH_LOAD_SECONDS ?? 90)
  const kinds = benchTargets()
  const results: ServerLoadResult[] = []
  for (const makeTarget of kinds) {
    for (const tablets of tabletCounts) {
      const target = await makeTarget()
      try {
        const r = await runOne(target, tablets, capSeconds)
        results.push(r)
        log(`  server-load ${r.db} × ${tablets} tablets: ${r.eventsPerSecond} events/s, batch p95 ${r.batchP95Ms} ms, health p95 ${r.healthP95Ms} ms, resets ${r.resets}`)
      }
      finally {
        await target.cleanup()
      }
    }
  }
  return results
}

/** A Markdown table of the runs. */
export function serverLoadTable(results: readonly ServerLoadResult[]): string {
  return [
    '| db | tablets | events | events/s | raw insert events/s | batch p50 | batch p95 | /api/health p50 | /api/health p95 (no load) | 404 p95 | resets | failed batches | gzip B/event (json) | answer B/event | stored once | target health p95 ≤ 250 ms |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|',
    ...results.map(r => `| ${r.db} | ${r.tablets} | ${r.events} | ${r.eventsPerSecond} | ${r.rawInsertEventsPerSecond} | ${r.batchP50Ms} ms | ${r.batchP95Ms} ms | ${r.healthP50Ms} ms | ${r.healthP95Ms} ms (${r.baselineHealthP95Ms} ms) | ${r.loopP95Ms} ms | ${r.resets} | ${r.failedBatches} | ${r.gzipBytesPerEvent} (${r.jsonBytesPerEvent}) | ${r.answerBytesPerEvent} | ${r.storedOnce ? 'yes' : 'NO'} | ${r.healthP95Ms <= 250 && r.resets === 0 && r.storedOnce ? '✓' : '✗'} |`),
  ].join('\n')
}
