import type { DBCore, DBCoreQueryRequest } from 'dexie'
import type { DomainEvent } from '../../../src/domain/events'
import { Dexie } from 'dexie'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { casesRepo, consultationsRepo, dropDataKey, metaRepo, rebuildProjections, recordEvents, searchQueryTokens, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_VERSION } from '../../../src/app/data'
import { installDataKey } from '../../../src/app/data/crypto/keyring'
import { BianminDb, useDatabase } from '../../../src/app/data/db'
import { useMaintenanceStore } from '../../../src/app/stores/maintenance'
import { projectionFolds } from '../../../src/domain/eventTypes'
import { caseReceived, consultationRecorded, deleteAfterTest, freshDatabase, STATION } from '../support/database'
import { builtinWorkCalendar } from '../../../src/domain/calendar'

const ZHANG = { type: 'person', name: '张三丰', idNumber: '11010519491231002X', mobile: '13800138000' }

/** A case received for `applicant`, optionally accepted with a receipt number and due date. */
function caseOf(applicant: object, { itemCode = 'SX-0001', receipt, occurredAt = '2026-03-02T09:00:00+08:00', kind = 'assisted' }: { itemCode?: string, receipt?: string, occurredAt?: string, kind?: string } = {}): DomainEvent[] {
  const received = caseReceived({ occurredAt })
  const payload = { ...(received.payload as object), applicant, itemCode, kind }
  const events: DomainEvent[] = [{ ...received, payload }]
  if (receipt) {
    events.push({ ...caseReceived({ stream: received.stream, occurredAt }), type: 'case.materialsChecked', payload: { materials: [], complete: true } })
    events.push({ ...caseReceived({ stream: received.stream, occurredAt }), type: 'case.accepted', payload: { receiptNumber: receipt, dueAt: '2026-03-09T23:59:59.999+08:00' } })
  }
  return events
}

async function seed(...cases: DomainEvent[][]): Promise<string[]> {
  for (const events of cases)
    await recordEvents(events)
  return cases.map(events => events[0]?.stream ?? '')
}

const ids = (result: { rows: { id: string }[] }) => result.rows.map(r => r.id).sort()

describe('search by keyed tokens (issue 5)', () => {
  it('finds a case by mobile, 2-character name fragment, full name, last 4 and full ID, receipt number and item', async () => {
    freshDatabase()
    const [zhang, li, org] = await seed(
      caseOf(ZHANG, { receipt: 'JC01-2026-A-0007' }),
      caseOf({ type: 'person', name: '李四', idNumber: '110105194912310021', mobile: '13900139000' }, { itemCode: 'SX-0002' }),
      caseOf({ type: 'organisation', name: '晋城市某某有限公司', uscc: '91140500MA0K000001', contactName: '王五', contactPhone: '0356-2021234' }),
    )

    expect(ids(await casesRepo.searchByToken('m', '138 0013 8000'))).toEqual([zhang])
    expect(ids(await casesRepo.searchByToken('n2', '张三'))).toEqual([zhang])
    expect(ids(await casesRepo.searchByToken('n2', '三丰'))).toEqual([zhang])
    expect(ids(await casesRepo.searchByToken('n', '张三丰'))).toEqual([zhang])
    expect(ids(await casesRepo.searchByToken('id4', '002x'))).toEqual([zhang])
    expect(ids(await casesRepo.searchByToken('id', '11010519491231002x'))).toEqual([zhang])
    expect(ids(await casesRepo.searchByToken('r', 'jc01-2026-a-0007'))).toEqual([zhang])
    expect(ids(await casesRepo.searchByToken('u', '91140500MA0K000001'))).toEqual([org])
    expect(ids(await casesRepo.searchByToken('m', '0356-2021234'))).toEqual([org])
    expect(ids(await casesRepo.searchByToken('n2', '某某'))).toEqual([org])
    expect(ids(await casesRepo.searchByToken('m', '13700000000'))).toEqual([])
    expect((await casesRepo.listByItems(['SX-0002'])).map(r => r.id)).toEqual([li])
  })

  it('classifies what is typed in the one search box and intersects a longer name\'s fragments', async () => {
    freshDatabase()
    const [zhang, other] = await seed(caseOf(ZHANG), caseOf({ ...ZHANG, name: '三丰张', mobile: '13800000001', idNumber: '110105194912310021' }))
    const find = async (q: string) => ids(await casesRepo.searchByTokens(searchQueryTokens(q)))

    expect(searchQueryTokens('13800138000')).toEqual([['m:13800138000']])
    expect(searchQueryTokens('002x')).toEqual([['id4:002X']])
    expect(searchQueryTokens('8000')).toEqual([['m4:8000'], ['id4:8000']])
    expect(searchQueryTokens('张三丰')).toEqual([['n:张三丰'], ['n2:张三', 'n2:三丰']])
    expect(await find('+86 138 0013 8000')).toEqual([zhang])
    expect(await find('8000')).toEqual([zhang])
    expect(await find('张三')).toEqual([zhang])
    // 三丰 is in both names; 张三丰 needs both of its fragments, and 三丰张 lacks 张三.
    expect(await find('三丰')).toEqual([zhang, other].sort())
    expect(await find('张三丰')).toEqual([zhang])
    expect(await find('丰张')).toEqual([other])
  })

  it('finds a consultation by its contact\'s mobile and name fragment', async () => {
    freshDatabase()
    const asked = consultationRecorded()
    await recordEvents([asked])
    expect((await consultationsRepo.searchByToken('m', '13900139000')).rows.map(r => r.id)).toEqual([asked.stream])
    expect((await consultationsRepo.searchByToken('n2', '李四')).rows.map(r => r.id)).toEqual([asked.stream])
  })

  it('reads index keys only, never the table, to answer a search over 5,000 cases', async () => {
    const { db } = freshDatabase()
    const events: DomainEvent[] = []
    for (let i = 0; i < 5000; i++)
      events.push(...caseOf({ ...ZHANG, name: `王${String.fromCharCode(0x4E00 + i)}`, mobile: `139${String(i).padStart(8, '0')}` }))
    await db.events.bulkAdd(events)
    await rebuildProjections(undefined, { chunkSize: 1000 })
    const [wanted] = await seed(caseOf(ZHANG))
    const read = countReads(db)

    const result = await casesRepo.searchByTokens(searchQueryTokens('13800138000'))

    expect(result.rows.map(r => r.id)).toEqual([wanted])
    // One index lookup (keys only) and one get of the row found: nothing near 5,001 rows.
    expect(read.values).toBeLessThanOrEqual(1)
    expect(read.fullScans).toBe(0)
  }, 60_000) // seeding 5,000 projections (and, since v7, their ledger rows) through fake-indexeddb takes seconds; more on a loaded machine

  it('answers ledger date ranges from indexes: received, completed and due between two instants, by kind', async () => {
    freshDatabase()
    const [march2, march3] = await seed(
      caseOf(ZHANG, { receipt: 'JC01-2026-A-0001', occurredAt: '2026-03-02T09:00:00+08:00' }),
      caseOf(ZHANG, { occurredAt: '2026-03-03T00:30:00+08:00', kind: 'proxy' }),
    )
    const day = (d: string) => Date.parse(`${d}T00:00:00+08:00`)

    expect((await casesRepo.listReceivedBetween(day('2026-03-02'), day('2026-03-03'))).map(r => r.id)).toEqual([march2])
    expect((await casesRepo.listReceivedBetween(day('2026-03-01'), day('2026-04-01'), { kind: 'proxy' })).map(r => r.id)).toEqual([march3])
    expect((await casesRepo.listAcceptedBetween(day('2026-03-01'), day('2026-04-01'))).map(r => r.id)).toEqual([march2])
    expect(await casesRepo.listCompletedBetween(day('2026-03-01'), day('2026-04-01'))).toEqual([])
    expect((await casesRepo.listDueBetween(day('2026-03-09'), day('2026-03-10'))).map(r => r.id)).toEqual([march2])
  })

  it('pages the list most recent first from the index, by status and kind, without repeating a row', async () => {
    freshDatabase()
    const streams = await seed(...Array.from({ length: 7 }, (_, i) => caseOf(ZHANG, { occurredAt: `2026-03-0${i % 3 + 1}T09:00:00+08:00`, kind: i % 2 ? 'proxy' : 'assisted' })))
    const all: string[] = []
    let page = await casesRepo.listPage({ limit: 3 })
    all.push(...page.rows.map(r => r.id))
    while (page.next) {
      page = await casesRepo.listPage({ limit: 3, after: page.next })
      all.push(...page.rows.map(r => r.id))
    }
    expect(all.sort()).toEqual([...streams].sort())
    const proxy = await casesRepo.listPage({ kind: 'proxy', limit: 10 })
    expect(proxy.rows.map(r => r.kind)).toEqual(['proxy', 'proxy', 'proxy'])
    expect(proxy.rows.map(r => r.lastAt)).toEqual([...proxy.rows.map(r => r.lastAt)].sort((a, b) => b - a))
    expect((await casesRepo.listPage({ status: 'received', kind: 'assisted', limit: 10 })).rows).toHaveLength(4)
  })
})

describe('index keys hold no personal data (DESIGN §3)', () => {
  it('stores only keyed 16-hex hashes in searchTokens: no name, mobile, ID or receipt number in any index key', async () => {
    const { db } = freshDatabase()
    await seed(caseOf(ZHANG, { receipt: 'JC01-2026-A-0007' }))
    await recordEvents([consultationRecorded()])
    const keys: string[] = []
    const idb = db.backendDB()
    for (const storeName of Array.from(idb.objectStoreNames)) {
      const store = idb.transaction(storeName).objectStore(storeName)
      for (const indexName of Array.from(store.indexNames)) {
        const all = await new Promise<IDBValidKey[]>((resolve, reject) => {
          // A key cursor walks the index's own keys (getAllKeys would give primary keys).
          const found: IDBValidKey[] = []
          const cursor = store.index(indexName).openKeyCursor()
          cursor.onsuccess = () => {
            if (!cursor.result)
              return resolve(found)
            found.push(cursor.result.key)
            cursor.result.continue()
          }
          cursor.onerror = () => reject(cursor.error)
        })
        keys.push(...all.flat().map(String))
        if (indexName === 'searchTokens')
          expect(all.every(k => typeof k === 'string' && /^[0-9a-f]{16}$/.test(k))).toBe(true)
      }
    }
    const tokens = (await db.cases.toArray()).flatMap(r => r.searchTokens ?? [])

    expect(tokens.length).toBeGreaterThanOrEqual(8)
    for (const plain of ['张三', '三丰', '13800138000', '8000', '11010519491231002X', '002X', 'JC01-2026-A-0007', '李四', '13900139000'])
      expect(keys.filter(k => k.includes(plain))).toEqual([])
    // The key that makes the hashes is derived from the data key (in memory only): not in meta, not in any row.
    expect(await metaRepo.get('searchKey')).toBeUndefined()
  })
})

describe('schema v4 upgrade and the background rebuild', () => {
  it('opens a v3 database with cases as v4, nothing lost, rebuilds in the background with progress and indexes tokens', async () => {
    const name = `test-${crypto.randomUUID()}`
    const old = new Dexie(name)
    old.version(1).stores(SCHEMA_V1)
    old.version(2).stores(SCHEMA_V2)
    old.version(3).stores(SCHEMA_V3)
    const cases = [caseOf(ZHANG, { receipt: 'JC01-2026-A-0001' }), ...Array.from({ length: 4 }, (_, i) => caseOf({ ...ZHANG, name: `李${i}号`, mobile: `1390000000${i}` }))]
    const asked = consultationRecorded()
    await old.table('events').bulkAdd([...cases.flat(), asked])
    // Projection rows as v3 wrote them: the fold, attention and lastAt, no tokens, no date fields.
    for (const events of cases) {
      const state = projectionFolds.case(events, builtinWorkCalendar())
      await old.table('cases').add({ ...state, attention: 0, lastAt: Date.parse(state?.lastOccurredAt ?? '') })
    }
    const consultation = projectionFolds.consultation([asked], builtinWorkCalendar())
    await old.table('consultations').add({ ...consultation, attention: 0, lastAt: Date.parse(consultation?.lastOccurredAt ?? '') })
    await old.table('meta').bulkPut([{ key: 'deviceId', value: 'device-a' }, { key: 'stationId', value: STATION }, { key: 'cursor', value: 7 }])
    old.close()

    const db = new BianminDb(name)
    deleteAfterTest(db)
    useDatabase(db)
    await db.open()

    expect(db.verno).toBe(SCHEMA_VERSION)
    expect(SCHEMA_VERSION).toBe(8)
    expect([await db.events.count(), await db.cases.count(), await db.consultations.count()]).toEqual([8, 5, 1])
    expect([await metaRepo.get('deviceId'), await metaRepo.get('cursor')]).toEqual(['device-a', 7])
    expect(await metaRepo.get('projectionRebuildStartedAt')).toEqual(expect.any(String))
    // Before the rebuild the lists still read the old rows; the tokens are not there yet.
    expect((await casesRepo.listRecent()).length).toBe(5)
    expect((await casesRepo.searchByToken('m', '13800138000')).rows).toEqual([])

    setActivePinia(createPinia())
    const maintenance = useMaintenanceStore()
    const seen: string[] = []
    const stop = maintenance.$subscribe(() => seen.push(`${maintenance.done}/${maintenance.total}`))
    await maintenance.resume({ chunkSize: 2 })
    stop()

    expect(maintenance.error).toBeNull()
    expect(maintenance.rebuilding).toBe(false)
    expect([maintenance.done, maintenance.total]).toEqual([6, 6])
    expect(seen).toContain('2/6')
    expect(await metaRepo.get('projectionRebuildStartedAt')).toBeUndefined()
    expect((await casesRepo.searchByToken('m', '13800138000')).rows.map(r => r.id)).toEqual([cases[0]?.[0]?.stream])
    expect((await consultationsRepo.searchByToken('n2', '李四')).rows.map(r => r.id)).toEqual([asked.stream])
    expect((await casesRepo.listAcceptedBetween(0, Date.now())).map(r => r.id)).toEqual([cases[0]?.[0]?.stream])
    expect([await db.events.count(), await db.cases.count(), await db.consultations.count()]).toEqual([8, 5, 1])
  })

  it('resumes an interrupted rebuild after the last stream it finished, and keeps rows recorded meanwhile', async () => {
    const { db, faults } = freshDatabase()
    const streams = await seed(...Array.from({ length: 6 }, (_, i) => caseOf({ ...ZHANG, mobile: `1380000000${i}` })))
    let chunks = 0
    await expect(rebuildProjections(() => {
      if (++chunks === 3) // after two chunks of 2: the third fails
        faults.failWrites('cases', new Error('disk error'), ['put'])
    }, { chunkSize: 2 })).rejects.toThrow('disk error')
    faults.clear()
    expect(await metaRepo.get('projectionRebuildCursor')).toBe([...streams].sort()[3])

    const [during] = await seed(caseOf({ ...ZHANG, mobile: '13812345678' }))
    const progress: string[] = []
    await rebuildProjections(p => progress.push(`${p.done}/${p.total}`), { chunkSize: 2, resume: true })

    expect(progress[0]).toBe('4/7')
    expect(progress.at(-1)).toBe('7/7')
    expect(await db.cases.count()).toBe(7)
    expect((await casesRepo.searchByToken('m', '13812345678')).rows.map(r => r.id)).toEqual([during])
    expect(await metaRepo.get('projectionRebuildCursor')).toBeUndefined()
  })

  it('keys tokens with the data key: under another tablet\'s key the same mobile finds nothing', async () => {
    freshDatabase()
    const [id] = await seed(caseOf(ZHANG))
    expect((await casesRepo.searchByToken('m', ZHANG.mobile)).rows.map(r => r.id)).toEqual([id])
    dropDataKey()
    await installDataKey(crypto.getRandomValues(new Uint8Array(32)))
    expect((await casesRepo.searchByToken('m', ZHANG.mobile)).matched).toBe(0)
  })
})

/** Counts what a query reads: values returned by queries and gets, and queries over a whole table. */
function countReads(db: BianminDb): { values: number, fullScans: number } {
  const read = { values: 0, fullScans: 0 }
  db.use({
    stack: 'dbcore',
    name: 'count-reads',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (tableName) => {
        const table = down.table(tableName)
        return {
          ...table,
          query: async (req: DBCoreQueryRequest) => {
            const res = await table.query(req)
            if (req.values)
              read.values += res.result.length
            if (req.query.index.isPrimaryKey && !req.query.range.lower && !req.query.range.upper)
              read.fullScans++
            return res
          },
          getMany: async (req) => {
            const res = await table.getMany(req)
            read.values += res.filter(v => v !== undefined).length
            return res
          },
        }
      },
    }),
  })
  return read
}
