/** Encryption at rest (issue 11 item 1): what IndexedDB holds, the data key's life, wraps per staff. */
import type { BianminDb } from '../../../src/app/data/db'
import type { DomainEvent } from '../../../src/domain/events'
import { describe, expect, it } from 'vitest'
import { blobsRepo, casesRepo, consultationsRepo, DataLockedError, dataKeyReady, dropDataKey, eventsRepo, metaRepo, outboxRepo, persistSessionKey, recordEvents, restoreSessionKey, sealLegacyData, unlockDataKey } from '../../../src/app/data'
import { installDataKey } from '../../../src/app/data/crypto/keyring'
import { caseReceived, consultationRecorded, freshDatabase, testBlob } from '../support/database'

const ID = '11010519491231002X'
const MOBILE = '13800138000'
const NAME = '张三丰'
const SECRETS = [ID, MOBILE, NAME, '李四', '13900139000', 'signature-bytes']

/** Everything every table holds, as text (blob bytes included). */
async function dump(db: BianminDb): Promise<string> {
  const parts: string[] = []
  for (const table of db.tables) {
    for (const row of await table.toArray()) {
      parts.push(JSON.stringify(row))
      const blob = (row as { blob?: unknown }).blob
      if (blob instanceof Uint8Array)
        parts.push(new TextDecoder().decode(blob))
      else if (blob && typeof (blob as Blob).text === 'function')
        parts.push(await (blob as Blob).text())
    }
  }
  return parts.join('\n')
}

function withApplicant(e: DomainEvent): DomainEvent {
  return { ...e, payload: { ...(e.payload as object), applicant: { type: 'person', name: NAME, idNumber: ID, mobile: MOBILE } } }
}

async function seedCase(): Promise<string> {
  const received = withApplicant(caseReceived())
  const asked = consultationRecorded()
  await recordEvents([received, asked])
  await blobsRepo.put(testBlob('signature-bytes', 'image/png'))
  return received.stream
}

describe('encryption at rest', () => {
  it('stores no plaintext name, ID number, mobile or attachment; the repositories give them back', async () => {
    const { db } = freshDatabase()
    const stream = await seedCase()
    const text = await dump(db)
    for (const secret of SECRETS)
      expect(text).not.toContain(secret)
    expect((await casesRepo.get(stream))?.applicant).toMatchObject({ name: NAME, idNumber: ID, mobile: MOBILE })
    expect((await eventsRepo.byStream(stream))[0]?.payload).toMatchObject({ applicant: { name: NAME, idNumber: ID } })
    expect((await outboxRepo.peek(10)).map(i => JSON.stringify(i.event)).join()).toContain(MOBILE)
    expect((await consultationsRepo.listRecent())[0]).toMatchObject({ contact: { name: '李四' } })
    const [blob] = await blobsRepo.pendingUploads()
    expect(await blob?.blob.text()).toBe('signature-bytes')
    // Search by mobile, name fragment and ID last 4 through the keyed tokens.
    expect((await casesRepo.searchByToken('m', MOBILE)).rows.map(r => r.id)).toEqual([stream])
    expect((await casesRepo.searchByTokens([['n2:三丰']])).rows.map(r => r.id)).toEqual([stream])
    expect((await casesRepo.searchByToken('id4', '002X')).rows.map(r => r.id)).toEqual([stream])
    // Recording the same events again is still a no-op (handles are deterministic).
    await expect(recordEvents([(await eventsRepo.byStream(stream))[0]])).resolves.toHaveLength(1)
  })

  it('lock drops the key: nothing personal can be read or written until the key is back', async () => {
    freshDatabase()
    const stream = await seedCase()
    dropDataKey()
    expect(dataKeyReady()).toBe(false)
    await expect(casesRepo.get(stream)).rejects.toBeInstanceOf(DataLockedError)
    await expect(eventsRepo.byStream(stream)).rejects.toBeInstanceOf(DataLockedError)
    await expect(recordEvents([caseReceived()])).rejects.toBeInstanceOf(DataLockedError)
    await expect(casesRepo.searchByToken('m', MOBILE)).rejects.toBeInstanceOf(DataLockedError)
  })

  it('wraps the key per staff: the first sign-in creates it, a wrong PIN cannot unwrap it, the right one can', async () => {
    freshDatabase()
    dropDataKey()
    expect(await unlockDataKey('staff-a', '246813')).toEqual({ ok: true, how: 'created' })
    const stream = await seedCase()
    dropDataKey()
    expect(await unlockDataKey('staff-a', '999999')).toEqual({ ok: false, reason: 'no-data-key' })
    expect(dataKeyReady()).toBe(false)
    // Another staff member, cold (no session holds the key): refused, not given a new key.
    expect(await unlockDataKey('staff-b', '135792')).toEqual({ ok: false, reason: 'no-data-key' })
    expect(await unlockDataKey('staff-a', '246813')).toEqual({ ok: true, how: 'unwrapped' })
    expect((await casesRepo.searchByToken('m', MOBILE)).rows.map(r => r.id)).toEqual([stream])
    // Lock and unlock: search by mobile still finds the case.
    dropDataKey()
    expect(await unlockDataKey('staff-a', '246813')).toMatchObject({ ok: true })
    expect((await casesRepo.get(stream))?.applicant).toMatchObject({ mobile: MOBILE })
  })

  it('a switch of staff from an unlocked session hands the key over to the next person\'s first sign-in', async () => {
    freshDatabase()
    dropDataKey()
    await unlockDataKey('staff-a', '246813')
    const stream = await seedCase()
    dropDataKey({ handover: true })
    expect(dataKeyReady()).toBe(false)
    await expect(casesRepo.get(stream)).rejects.toBeInstanceOf(DataLockedError)
    expect(await unlockDataKey('staff-b', '135792')).toEqual({ ok: true, how: 'wrapped' })
    dropDataKey()
    // Staff B's own wrap now opens the key; after an office PIN reset the old wrap no longer does.
    expect(await unlockDataKey('staff-b', '135792')).toEqual({ ok: true, how: 'unwrapped' })
    expect((await casesRepo.get(stream))?.applicant).toMatchObject({ name: NAME })
    dropDataKey()
    expect(await unlockDataKey('staff-b', '864200')).toEqual({ ok: false, reason: 'no-data-key' })
  })

  it('keeps a session\'s key for a reload until it expires, never past it', async () => {
    freshDatabase()
    dropDataKey()
    await unlockDataKey('staff-a', '246813')
    const stream = await seedCase()
    await persistSessionKey('staff-a', Date.now() + 60_000)
    dropDataKey()
    // Someone else's session is not restored, and the kept key is deleted.
    expect(await restoreSessionKey('staff-b')).toBe(false)
    expect(await restoreSessionKey('staff-a')).toBe(false)
    await unlockDataKey('staff-a', '246813')
    await persistSessionKey('staff-a', Date.now() + 60_000)
    dropDataKey()
    expect(await restoreSessionKey('staff-a')).toBe(true)
    expect((await casesRepo.get(stream))?.applicant).toMatchObject({ name: NAME })
    await persistSessionKey('staff-a', Date.now() + 60_000)
    dropDataKey()
    expect(await restoreSessionKey('staff-a', Date.now() + 61_000)).toBe(false)
    expect(await restoreSessionKey('staff-a')).toBe(false)
  })

  it('seals plaintext rows from before v8 in the background, with progress', async () => {
    const { db } = freshDatabase()
    const plain = withApplicant(caseReceived())
    await db.events.add(plain)
    await db.blobs.add({ sha256: 'a'.repeat(64), blob: testBlob('signature-bytes'), type: 'image/png', size: 15, createdAt: plain.occurredAt, uploaded: 1 })
    await metaRepo.set('legacySealPending', new Date().toISOString())
    expect(await dump(db)).toContain(ID)
    const progress: string[] = []
    await sealLegacyData(p => progress.push(`${p.done}/${p.total}`), { chunkSize: 1 })
    expect(progress.at(-1)).toBe('2/2')
    const text = await dump(db)
    for (const secret of [ID, MOBILE, NAME, 'signature-bytes'])
      expect(text).not.toContain(secret)
    expect((await eventsRepo.get(plain.id))?.payload).toEqual(plain.payload)
    expect(await (await blobsRepo.get('a'.repeat(64)))?.blob.text()).toBe('signature-bytes')
    expect((await blobsRepo.get('a'.repeat(64)))?.uploaded).toBe(1)
    expect(await metaRepo.get('legacySealPending')).toBeUndefined()
  })

  it('a key installed from elsewhere cannot open this tablet\'s rows', async () => {
    freshDatabase()
    const stream = await seedCase()
    dropDataKey()
    await installDataKey(crypto.getRandomValues(new Uint8Array(32)))
    await expect(casesRepo.get(stream)).rejects.toThrow()
  })
})
