/**
 * The ledgers' slim case rows (Dexie v7 `ledgerCases`, issue 12 item 4): written with every case projection,
 * rebuilt and pruned with them, and read by the ledgers store, whose rows must be exactly those of the full
 * case rows (also while a projection rebuild is pending and the slim table is incomplete).
 */
import type { CaseState } from '../../../src/domain/case'
import type { LedgerContext } from '../../../src/domain/ledger'
import { Dexie } from 'dexie'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { casesRepo, metaRepo, rebuildProjections, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_VERSION } from '../../../src/app/data'
import { BianminDb, useDatabase } from '../../../src/app/data/db'
import { periodRangeMs } from '../../../src/app/ledger/ledgerPeriod'
import { useLedgersStore } from '../../../src/app/stores/ledgers'
import { ledgerRows } from '../../../src/domain/ledgerFilter'
import { caseStream, recordCases } from '../support/recordedCases'
import { deleteAfterTest, freshDatabase } from '../support/database'

const MONTH = { from: '2026-11-01', to: '2026-11-30' }
const CONTEXT: LedgerContext = { stationName: '测试站', window: '综合窗口', staffNames: { 'staff-wang': '王晓燕', 'staff-li': '李建军' }, asOf: new Date('2026-12-01T12:00:00+08:00'), masked: true }

const specs = [
  { n: 1, at: '2026-11-03T09:00:00+08:00', accept: {} },
  { n: 2, at: '2026-11-04T10:00:00+08:00', kind: 'assisted' as const, accept: {} },
  { n: 3, at: '2026-11-05T11:00:00+08:00', kind: 'proxy' as const },
  { n: 4, at: '2026-11-06T15:00:00+08:00', staff: null },
  { n: 5, at: '2026-10-28T09:00:00+08:00', accept: {} },
]

describe('ledgerCases: the slim rows the ledgers read', () => {
  it('holds one slim row per case, without the checklist or log texts, and makes the same ledger rows', async () => {
    const { db } = freshDatabase()
    await recordCases(specs)
    const full = await db.cases.toArray()
    const slim = await db.ledgerCases.toArray()
    expect(slim.map(r => r.id).sort()).toEqual(full.map(r => r.id).sort())
    for (const row of slim) {
      expect(row).not.toHaveProperty('materials')
      expect(row).not.toHaveProperty('searchTokens')
      for (const entry of row.log)
        expect(Object.keys(entry).sort()).toEqual(['applied', 'staffId', 'type'])
      expect(row.receivedAtMs).toBe(Date.parse(row.receivedAt))
    }
    const accepted = full.find(r => r.id === caseStream(1))
    expect(accepted?.materials).not.toBeNull() // the full row has a checklist the slim one leaves out
    expect(JSON.stringify(slim).length).toBeLessThan(JSON.stringify(full).length)
    for (const kind of ['D', 'E', 'F'] as const)
      expect(ledgerRows(kind, slim, {}, CONTEXT), kind).toEqual(ledgerRows(kind, full as CaseState[], {}, CONTEXT))
  })

  it('answers the month and kind ranges from its own indexes', async () => {
    freshDatabase()
    await recordCases(specs)
    const { fromMs, toMs } = periodRangeMs(MONTH)
    expect((await casesRepo.listLedgerCasesReceivedBetween(fromMs, toMs)).map(r => r.id).sort()).toEqual([1, 2, 3, 4].map(caseStream))
    expect((await casesRepo.listLedgerCasesReceivedBetween(fromMs, toMs, { kind: 'proxy' })).map(r => r.id)).toEqual([caseStream(3)])
  })

  it('is refilled by a rebuild and loses rows no events support', async () => {
    const { db } = freshDatabase()
    await recordCases(specs)
    const before = await db.ledgerCases.toArray()
    const [first] = before
    if (!first)
      throw new Error('no ledger rows were written')
    await db.ledgerCases.clear()
    await db.ledgerCases.put({ ...first, id: caseStream(99) })
    await rebuildProjections()
    expect(await db.ledgerCases.toArray()).toEqual(before)
  })

  it('feeds the ledgers store, which reads the full rows while a rebuild is pending', async () => {
    const { db } = freshDatabase()
    await recordCases(specs)
    setActivePinia(createPinia())
    const ledgers = useLedgersStore()
    await ledgers.load('D', MONTH)
    const fromSlim = ledgers.rows
    expect(fromSlim.map(r => r.caseId)).toEqual([1, 2, 3, 4].map(caseStream))

    // After an upgrade the slim table is empty until the background rebuild has run.
    await db.ledgerCases.clear()
    await metaRepo.set('projectionRebuildStartedAt', new Date().toISOString())
    await ledgers.load('D', MONTH)
    expect(ledgers.rebuildPending).toBe(true)
    expect(ledgers.rows).toEqual(fromSlim)
  })

  it('comes with v7: a v4 database keeps its cases and is marked for the rebuild that fills the slim rows', async () => {
    const name = `test-${crypto.randomUUID()}`
    const old = new Dexie(name)
    old.version(1).stores(SCHEMA_V1)
    old.version(2).stores(SCHEMA_V2)
    old.version(3).stores(SCHEMA_V3)
    old.version(4).stores(SCHEMA_V4)
    await old.open()
    await old.table('cases').add({ id: caseStream(7), status: 'received', lastAt: 1 })
    old.close()

    const db = new BianminDb(name)
    deleteAfterTest(db)
    useDatabase(db)
    await db.open()
    expect(db.verno).toBe(SCHEMA_VERSION)
    expect(await db.cases.count()).toBe(1)
    expect(await db.ledgerCases.count()).toBe(0)
    expect(await metaRepo.get('projectionRebuildStartedAt')).toEqual(expect.any(String))
  })
})
