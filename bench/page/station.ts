/**
 * The station every case runs against: the app's database (BianminDb, opened as the app opens it, strict
 * durability) holding a seeded station's events and projections, and a raw mirror, a plain Dexie database
 * with one `events` table keyed by id and the same durability, holding the same rows. Every case writes the
 * same rows to both, so they stay mirrors and baselines always touch what ours touches.
 */
import type { Table } from 'dexie'
import type { DomainEvent } from '../../src/domain/events'
import type { SeedInfo, SeedOptions } from './protocol'
import { Dexie } from 'dexie'
import type { LedgerPeriod } from '../../src/app/ledger/ledgerPeriod'
import { rebuildProjections } from '../../src/app/data'
import { BianminDb, useDatabase } from '../../src/app/data/db'
import { periodRangeMs, presetPeriod } from '../../src/app/ledger/ledgerPeriod'
import { caseStream, checkFixtures } from './fixtures'

const OURS_NAME = 'bench-station'
const RAW_NAME = 'bench-station-raw'

/** The baseline: raw Dexie, one plain table, same durability as the app's database. */
export class RawDb extends Dexie {
  declare events: Table<DomainEvent, string>
  constructor(name: string) {
    super(name, { chromeTransactionDurability: 'strict' })
    this.version(1).stores({ events: 'id' })
  }
}

export interface Station {
  ours: BianminDb
  raw: RawDb
  /** Case numbers used so far (fixtures number cases from 0). */
  nextCase: number
  /** The last pulled seq handed out (pulled pages continue from it). */
  lastSeq: number
  /** The busy month the seed fills (last CST month) and how many cases were received in it. */
  ledgerMonth: LedgerPeriod & { cases: number }
}

let current: Station | undefined

export function station(): Station {
  if (!current)
    throw new Error('the bench station is not seeded: call bench.seed() first')
  return current
}

const SEED_CHUNK = 4_000

/** Months the seed spans, ending now: three years of a station. */
export const SEED_MONTHS = 36
/** Cases received in the ledger month (issue 5: a busy station's month ledger D is about 3,000 rows). */
export const LEDGER_MONTH_CASES = 3_000

/**
 * When each seeded case is received, in case-number order: the first min(3,000, cases) evenly over last CST
 * month (the month ledger the bench lists), the rest evenly over the other months of the 36 ending now (at
 * 100,000 cases that is about 2,770 a month, so the ledger month is a typical busy one, not an outlier).
 */
function seedSchedule(cases: number, now: number): { ledgerMonth: LedgerPeriod & { cases: number }, receivedAt: (n: number) => number } {
  const month = presetPeriod('lastMonth', new Date(now))
  const { fromMs, toMs } = periodRangeMs(month)
  const inMonth = Math.min(LEDGER_MONTH_CASES, cases)
  const others = cases - inMonth
  const start = now - SEED_MONTHS * 30.44 * 24 * 3_600_000
  // The other cases fill [start, fromMs) then [toMs, now - 1 h), as one timeline without the ledger month.
  const before = Math.max(0, fromMs - start)
  const span = before + Math.max(0, now - 3_600_000 - toMs)
  return {
    ledgerMonth: { ...month, cases: inMonth },
    receivedAt: (n) => {
      if (n < inMonth)
        return Math.floor(fromMs + (n + 0.5) * (toMs - fromMs) / inMonth)
      const offset = (n - inMonth + 0.5) * span / others
      return Math.floor(offset < before ? start + offset : toMs + offset - before)
    },
  }
}

/** Fresh databases, `cases` case streams of 4 events in both (spread over 36 months), and projections built by the app's rebuild. */
export async function seedStation({ cases }: SeedOptions): Promise<SeedInfo> {
  const start = performance.now()
  await cleanupStation()
  const ours = new BianminDb(OURS_NAME)
  const raw = new RawDb(RAW_NAME)
  useDatabase(ours)
  const { ledgerMonth, receivedAt } = seedSchedule(cases, Date.now())
  let events = 0
  for (let from = 0; from < cases; from += SEED_CHUNK / 4) {
    const chunk: DomainEvent[] = []
    for (let n = from; n < Math.min(cases, from + SEED_CHUNK / 4); n++)
      chunk.push(...caseStream(n, receivedAt(n)))
    if (from === 0)
      checkFixtures(chunk.slice(0, 400))
    await ours.events.bulkAdd(chunk)
    await raw.events.bulkAdd(chunk)
    events += chunk.length
  }
  // The first rebuild of the whole station, timed: at 100,000 cases it is the figure issue 12 asks for
  // (the `rebuild` case repeats it several times, which takes too long at that size).
  const rebuildStart = performance.now()
  await rebuildProjections()
  const rebuildMs = performance.now() - rebuildStart
  current = { ours, raw, nextCase: cases, lastSeq: 0, ledgerMonth }
  return { cases, events, ms: performance.now() - start, rebuildMs }
}

export async function cleanupStation(): Promise<void> {
  current?.ours.close()
  current?.raw.close()
  current = undefined
  await Dexie.delete(OURS_NAME)
  await Dexie.delete(RAW_NAME)
}
