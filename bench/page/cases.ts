/**
 * The benchmark cases, in run order. Each compares the app's code path ("ours") with raw Dexie doing the
 * least the same job needs, on the same rows, in the same run. To add a case, append a BenchCase here.
 */
import type { DomainEvent } from '../../src/domain/events'
import type { BenchCase } from './harness'
import { applyPulledEvents, casesRepo, rebuildProjections, recordEvent, recordEvents, searchQueryTokens, workCalendar } from '../../src/app/data'
import { prepareSearchTokens } from '../../src/app/data/searchTokens'
import { searchCases } from '../../src/app/case/caseSearch'
import { caseStreams, checkFixtures, cst, intakeEvents, receivedEvent, receivedPayload } from './fixtures'
import { ledgerCases } from './ledgerCases'
import { pinKdfCase } from './pinCases'
import { station } from './station'

/** Fresh rows for every run, made before timing starts (ids are new UUIDv7s, so nothing is a no-op repeat). */
function freshPerRun<T>(total: number, make: (caseNumber: number) => T): T[] {
  const s = station()
  const rows: T[] = []
  for (let i = 0; i < total; i++)
    rows.push(make(s.nextCase++))
  return rows
}

function at<T>(rows: readonly T[], i: number): T {
  const row = rows[i]
  if (row === undefined)
    throw new Error(`no prepared row for run ${i}`)
  return row
}

const saveReceived: BenchCase = {
  id: 'save',
  title: 'one save: case.received',
  ours: 'recordEvent: validate, event + projection refold + outbox, one transaction',
  baseline: 'Dexie put of the same event row, one-table transaction',
  runs: 200,
  warmup: 20,
  targets: { maxRatio: 2, maxP95Ms: 20 },
  async setup(total) {
    const events = freshPerRun(total, n => receivedEvent(n, Date.now()))
    checkFixtures(events.slice(0, 1), 'received')
    const { raw } = station()
    return {
      ours: { run: async (i) => { await recordEvent(at(events, i)) } },
      baseline: { run: async (i) => { await raw.transaction('rw', raw.events, () => raw.events.put(at(events, i))) } },
    }
  },
}

const saveIntake: BenchCase = {
  id: 'save-intake',
  title: 'one intake: received + checklist + accepted',
  ours: 'recordEvents of the 3 events (as the intake wizard saves), one transaction',
  baseline: 'Dexie bulkPut of the same 3 rows, one-table transaction',
  runs: 100,
  warmup: 10,
  targets: { maxRatio: 2, maxP95Ms: 20 },
  async setup(total) {
    const batches = freshPerRun(total, n => intakeEvents(n, Date.now()))
    checkFixtures(batches[0] ?? [])
    const { raw } = station()
    return {
      ours: { run: async (i) => { await recordEvents(at(batches, i)) } },
      baseline: { run: async (i) => { await raw.transaction('rw', raw.events, () => raw.events.bulkPut(at(batches, i))) } },
    }
  },
}

const rebuild: BenchCase = {
  id: 'rebuild',
  title: 'projection rebuild, every stream',
  ours: 'rebuildProjections (refold in place in chunks of 200 streams, search tokens hashed, orphans dropped)',
  baseline: 'Dexie toArray of every event row',
  runs: 7,
  warmup: 1,
  targets: {},
  async setup() {
    const { ours, raw } = station()
    const [events, streams] = await Promise.all([ours.events.count(), ours.events.orderBy('stream').uniqueKeys()])
    return {
      notes: [`${streams.length} streams, ${events} events`],
      ours: { run: async () => { await rebuildProjections() } },
      baseline: { run: async () => { await raw.events.toArray() } },
    }
  },
}

const PAGE_EVENTS = 500

const pullApply: BenchCase = {
  id: 'pull',
  title: `pull page apply, ${PAGE_EVENTS} events`,
  ours: `applyPulledEvents: ${PAGE_EVENTS} new events of ${PAGE_EVENTS / 4} streams + refold + cursor, one transaction`,
  baseline: 'Dexie bulkPut of the same rows, one-table transaction',
  runs: 15,
  warmup: 2,
  targets: {},
  async setup(total) {
    const s = station()
    const receivedAt = cst(Date.now())
    const pages: DomainEvent[][] = []
    for (let p = 0; p < total; p++) {
      const page = caseStreams(s.nextCase, PAGE_EVENTS / 4).map(e => ({ ...e, deviceId: 'tablet-other', seq: ++s.lastSeq, receivedAt }))
      s.nextCase += PAGE_EVENTS / 4
      pages.push(page)
    }
    checkFixtures(pages[0] ?? [])
    return {
      ours: { run: async (i) => { await applyPulledEvents(at(pages, i), s.lastSeq) } },
      baseline: { run: async (i) => { await s.raw.transaction('rw', s.raw.events, () => s.raw.events.bulkPut(at(pages, i))) } },
    }
  },
}

/** Rows a search reads at most (the case list's SEARCH_LIMIT). */
const SEARCH_ROWS = 200

/**
 * A search as the case list runs it: classify the typed query, look its keyed tokens up in the searchTokens
 * index (keys only, intersecting a name's fragments), read the most recent rows, check each against the query.
 * Baseline: raw Dexie reading the same index key's rows with the hash already made.
 */
function searchCase(id: string, title: string, queryOf: (caseNumber: number) => string, token: (query: string) => string): BenchCase {
  return {
    id,
    title,
    ours: 'searchQueryTokens + casesRepo.searchByTokens (HMAC, index keys, bulkGet ≤ 200) + searchCases check',
    baseline: `Dexie where('searchTokens').equals(hash).limit(${SEARCH_ROWS}).toArray(), hash precomputed`,
    runs: 50,
    warmup: 5,
    targets: { maxMedianMs: 100 },
    async setup(total) {
      const s = station()
      const tokenizer = await prepareSearchTokens(s.ours)
      const queries = Array.from({ length: total }, (_, i) => queryOf(Math.floor((i * 7919) % s.nextCase)))
      const hashes = queries.map(q => tokenizer.hash(token(q)))
      const now = new Date()
      const first = queries[0] ?? ''
      const found = searchCases((await casesRepo.searchByTokens(searchQueryTokens(first), { limit: SEARCH_ROWS })).rows, first, {}, now, workCalendar())
      if (found.length === 0)
        throw new Error(`bench search for "${first}" found nothing: the fixtures or the tokens changed`)
      return {
        notes: [`"${first}" → ${found.length} case(s) shown`],
        ours: {
          run: async (i) => {
            const q = at(queries, i)
            searchCases((await casesRepo.searchByTokens(searchQueryTokens(q), { limit: SEARCH_ROWS })).rows, q, {}, now, workCalendar())
          },
        },
        baseline: { run: async (i) => { await s.ours.cases.where('searchTokens').equals(at(hashes, i)).limit(SEARCH_ROWS).toArray() } },
      }
    },
  }
}

const searchMobile = searchCase('search-mobile', 'search by mobile (11 digits)', n => (receivedPayload(n).applicant as { mobile: string }).mobile, q => `m:${q}`)
const searchName = searchCase('search-name', 'search by name (3 characters)', n => receivedPayload(n).applicant.name, q => `n:${q}`)

export const cases: BenchCase[] = [rebuild, saveReceived, saveIntake, pullApply, searchMobile, searchName, ...ledgerCases, pinKdfCase]
