// @vitest-environment node
/**
 * The blob phase of a sync (issue 10 item 4): a blob the server refuses for its type (415) or because the
 * station's quota is full (507) does not fail the sync; it is named with a clear message so the events that
 * reference it stay pending with that message while the rest of the outbox is pushed.
 */
import { describe, expect, it } from 'vitest'
import { uploadBlobs } from '../../../src/app/sync/blobPhase'
import { BlobHashMismatchError, BlobQuotaExceededError, BlobTypeRefusedError, HttpError } from '../../../src/app/sync/httpErrors'
import type { SyncClient } from '../../../src/app/sync/client'
import { readMessageRef } from '../../../src/app/appError'
import { MESSAGES } from '../../../src/app/sync/messages'
import type { SyncPort } from '../../../src/app/data'
import type { SyncRun } from '../../../src/app/sync/syncRun'

const sha = (n: number) => String(n).repeat(64).slice(0, 64)

function run(answers: Record<string, 'ok' | Error>): { run: SyncRun, uploaded: string[], sent: string[] } {
  const uploaded: string[] = []
  const sent: string[] = []
  const client = {
    putBlob: async (hash: string) => {
      sent.push(hash)
      const answer = answers[hash]
      if (answer instanceof Error)
        throw answer
      return 'created'
    },
  } as unknown as SyncClient
  const port = {
    pendingBlobs: async () => Object.keys(answers).map(hash => ({ sha256: hash, data: new Blob([]) })),
    markBlobUploaded: async (hash: string) => {
      uploaded.push(hash)
    },
  } as unknown as SyncPort
  return {
    uploaded,
    sent,
    run: { client, port, signal: new AbortController().signal, step: p => p, hooks: {}, outcome: { ok: true, applied: 0, duplicate: 0, rejected: 0 } as unknown as SyncRun['outcome'], update: () => {}, observeClock: () => {} },
  }
}

describe('uploadBlobs', () => {
  it('names a blob refused for its type or its hash with a message, and uploads the others', async () => {
    const r = run({ [sha(1)]: new BlobTypeRefusedError(sha(1), { error: 'unsupported-blob-type' }), [sha(2)]: 'ok', [sha(3)]: new BlobHashMismatchError(sha(3), null) })
    const failed = await uploadBlobs(r.run)
    expect([...failed]).toEqual([[sha(1), MESSAGES.blobType(sha(1))], [sha(3), MESSAGES.blobHash(sha(3))]])
    expect(readMessageRef(MESSAGES.blobType(sha(1)))).toEqual({ code: 'sync.blobType', params: { sha: sha(1).slice(0, 12) } })
    expect(r.uploaded).toEqual([sha(2)])
  })

  it('stops at a full quota (507): that blob and the rest wait with the quota message; nothing is thrown', async () => {
    const r = run({ [sha(1)]: 'ok', [sha(2)]: new BlobQuotaExceededError({ error: 'blob-quota-exceeded' }), [sha(3)]: 'ok' })
    const failed = await uploadBlobs(r.run)
    expect([...failed]).toEqual([[sha(2), MESSAGES.blobQuota], [sha(3), MESSAGES.blobQuota]])
    expect(r.sent).toEqual([sha(1), sha(2)])
    expect(r.uploaded).toEqual([sha(1)])
  })

  it('still fails the sync on other errors (a 5xx is retried by the engine)', async () => {
    const r = run({ [sha(1)]: new HttpError(503, null) })
    await expect(uploadBlobs(r.run)).rejects.toBeInstanceOf(HttpError)
  })
})
