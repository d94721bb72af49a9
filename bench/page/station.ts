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
import { BianminDb, rebuildProjections, useDatabase } from '../../src/app/data'
import { caseStreams, checkFixtures } from './fixtures'

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
}

let current: Station | undefined

export function station(): Station {
  if (!current)
    throw new Error('the bench station is not seeded: call bench.seed() first')
  return current
}

const SEED_CHUNK = 4_000

/** Fresh databases, `cases` case streams of 4 events in both, and projections built by the app's rebuild. */
export async function seedStation({ cases }: SeedOptions): Promise<SeedInfo> {
  const start = performance.now()
  await cleanupStation()
  const ours = new BianminDb(OURS_NAME)
  const raw = new RawDb(RAW_NAME)
  useDatabase(ours)
  let events = 0
  for (let from = 0; from < cases; from += SEED_CHUNK / 4) {
    const chunk = caseStreams(from, Math.min(SEED_CHUNK / 4, cases - from))
    if (from === 0)
      checkFixtures(chunk.slice(0, 400))
    await ours.events.bulkAdd(chunk)
    await raw.events.bulkAdd(chunk)
    events += chunk.length
  }
  await rebuildProjections()
  current = { ours, raw, nextCase: cases, lastSeq: 0 }
  return { cases, events, ms: performance.now() - start }
}

export async function cleanupStation(): Promise<void> {
  current?.ours.close()
  current?.raw.close()
  current = undefined
  await Dexie.delete(OURS_NAME)
  await Dexie.delete(RAW_NAME)
}
