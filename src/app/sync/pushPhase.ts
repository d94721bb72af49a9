import type { DomainEvent } from '../../domain/events'
import type { PushAnswer, PushResult } from '../../domain/protocol'
import type { Timed } from './client'
import type { SyncRun } from './syncRun'
import { HttpError } from './httpErrors'
import { splitIntoBatches } from './pushBatches'
import { describeSyncError, MESSAGES } from './messages'

/** Push batch limits (SYNC-API.md). */
export interface PushLimits {
  maxPushEvents: number
  maxPushBytes: number
}

/**
 * Splits events, in order, into runs recorded on this tablet (plain push) and on other tablets (relay push,
 * SYNC-API.md): recording order is kept across the runs.
 */
export function runsByRecorder<E extends DomainEvent>(events: readonly E[], deviceId: string): { relay: boolean, events: E[] }[] {
  const runs: { relay: boolean, events: E[] }[] = []
  for (const event of events) {
    const relay = event.deviceId !== deviceId
    const last = runs.at(-1)
    if (last && last.relay === relay)
      last.events.push(event)
    else
      runs.push({ relay, events: [event] })
  }
  return runs
}

/**
 * Pushes the outbox in recording order; ids already tried in this sync are not sent twice in it. Events that
 * name a blob the server refused (`failedBlobs`: sha256 → the message for staff) are held back with that message.
 */
export async function pushOutbox(run: SyncRun, deviceId: string, failedBlobs: ReadonlyMap<string, string>, limits: PushLimits): Promise<void> {
  const { client, port, step, outcome, update } = run
  const tried = new Set<string>()
  let total = await step(port.countOutbox())
  update({ progress: { phase: 'push', done: 0, total } })
  for (;;) {
    const items = await step(port.peekOutbox(tried.size + limits.maxPushEvents))
    const fresh = items.filter(item => !tried.has(item.event.id))
    if (fresh.length === 0)
      break
    for (const item of fresh)
      tried.add(item.event.id)
    const held = fresh.filter(item => item.blobRefs.some(sha => failedBlobs.has(sha)))
    for (const item of held) {
      const sha = item.blobRefs.find(ref => failedBlobs.has(ref)) ?? ''
      await step(port.markAttempt([item.event.id], failedBlobs.get(sha) ?? MESSAGES.blobHash(sha)))
    }
    const sendable = fresh.filter(item => !held.includes(item))
    total = Math.max(total, outcome.answered + sendable.length)
    // Events recorded on another tablet (imported from its export file) keep its deviceId and go in relay pushes.
    for (const recorded of runsByRecorder(sendable.map(item => item.event), deviceId)) {
      for (const batch of splitIntoBatches(recorded.events, client.appVersion, limits.maxPushEvents, limits.maxPushBytes, recorded.relay)) {
        await pushBatch(run, batch, recorded.relay)
        update({ progress: { phase: 'push', done: outcome.answered, total: Math.max(total, outcome.answered) } })
      }
    }
  }
}

/** Pushes one batch and settles the outbox rows the server named; unnamed ones stay for the next sync. */
async function pushBatch(run: SyncRun, batch: DomainEvent[], relay: boolean): Promise<void> {
  const { port, signal, step, outcome, hooks, update, observeClock } = run
  const ids = batch.map(e => e.id)
  let answer
  try {
    answer = await sendBatch(run, batch, relay)
  }
  catch (error) {
    // A body refused for its events (413 too large, 400 naming events, a 5xx that repeats while the server is
    // healthy): halve until the culprit is alone. A 400 about the envelope (appVersion, protocol) is this
    // app's fault, not the events': it stays an error, as does a 5xx while the server is unwell.
    if (error instanceof PoisonBatchError || (error instanceof HttpError && (error.status === 413 || (error.status === 400 && blamesEvents(error.body))))) {
      if (batch.length > 1) {
        const mid = Math.ceil(batch.length / 2)
        await pushBatch(run, batch.slice(0, mid), relay)
        await pushBatch(run, batch.slice(mid), relay)
        return
      }
      const reason = error instanceof PoisonBatchError
        ? MESSAGES.serverFailsOnEvent(error.status)
        : error.status === 413 ? MESSAGES.tooLarge : `invalid-event: ${summarise(error.body)}`
      await step(port.settle(ids.map(id => ({ id, status: 'rejected' as const, reason }))))
      outcome.rejected++
      outcome.answered++
      hooks.onAnswered?.(1)
      return
    }
    // Noting the attempt is bookkeeping: the push's own error is thrown next and ends the sync as failed.
    if (!signal.aborted)
      await port.markAttempt(ids, describeSyncError(error)).catch(() => undefined)
    throw error
  }
  observeClock(answer)
  const byId = new Map<string, PushResult>()
  for (const r of answer.body.results ?? [])
    byId.set(r.id, r)
  const settled: PushResult[] = []
  const unnamed: string[] = []
  let rejected = 0
  for (const id of ids) {
    const r = byId.get(id)
    if (!r || (r.status !== 'applied' && r.status !== 'duplicate' && r.status !== 'rejected')) {
      unnamed.push(id)
      continue
    }
    settled.push(r.status === 'rejected' ? { id, status: 'rejected', reason: r.reason ?? 'rejected' } : { id, status: r.status })
    if (r.status === 'applied')
      outcome.applied++
    else if (r.status === 'duplicate')
      outcome.duplicate++
    else
      rejected++
  }
  if (settled.length > 0)
    await step(port.settle(settled))
  if (unnamed.length > 0)
    await step(port.markAttempt(unnamed, MESSAGES.noAnswer))
  outcome.rejected += rejected
  outcome.answered += settled.length
  hooks.onAnswered?.(settled.length)
  const [pendingCount, rejectedCount] = await step(Promise.all([port.countOutbox(), port.countRejected()]))
  update({ pendingCount, rejectedCount })
}

/** A push that failed with a 5xx twice in a row while /api/health answered ok: the batch itself breaks the server. */
class PoisonBatchError extends Error {
  override name = 'PoisonBatchError'
  constructor(readonly status: number) {
    super(`HTTP ${status} twice for this batch while the server is healthy`)
  }
}

/**
 * One push of `batch`. A 5xx is tried once more; when it repeats, /api/health tells a batch the server
 * cannot take (PoisonBatchError: the caller halves it, issue 10 item 1) from a server that is unwell (the
 * 5xx is thrown as it is: the outbox is kept and the sync retried later, nothing moves to the rejected list).
 */
async function sendBatch(run: SyncRun, batch: DomainEvent[], relay: boolean): Promise<Timed<PushAnswer>> {
  const { client, port, signal, step } = run
  // The outbox size as this batch leaves (SYNC-API.md `unsent`): the office sees what waits on this tablet.
  const unsent = await step(port.countOutbox())
  const once = () => step(client.push(batch, signal, relay ? { relay: true, unsent } : { unsent }))
  try {
    return await once()
  }
  catch (first) {
    if (!isServerError(first))
      throw first
  }
  try {
    return await once()
  }
  catch (second) {
    if (!isServerError(second))
      throw second
    const healthy = await step(client.health(signal)).then(() => true, (error: unknown) => {
      if (signal.aborted)
        throw error
      return false
    })
    throw healthy ? new PoisonBatchError(second.status) : second
  }
}

function isServerError(error: unknown): error is HttpError {
  return error instanceof HttpError && error.status >= 500
}

/** A 400 whose field errors all point into `events` (so splitting the batch can find the culprit). */
function blamesEvents(body: unknown): boolean {
  const fields = (body as { fields?: unknown } | null)?.fields
  return Array.isArray(fields) && fields.length > 0 && fields.every(f => typeof (f as { path?: unknown })?.path === 'string' && /^events(\.|$)/.test((f as { path: string }).path))
}

function summarise(body: unknown): string {
  if (body === null || body === undefined)
    return ''
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  return text.length > 300 ? `${text.slice(0, 300)}…` : text
}
