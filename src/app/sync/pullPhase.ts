import type { SyncRun } from './syncRun'
import { HttpError } from './httpErrors'

/** Pulls until the server says there is no more; each page lands in one transaction with its cursor. */
export async function pullPages(run: SyncRun, pullLimit: number): Promise<void> {
  const { client, port, signal, step, hooks, outcome, update, observeClock } = run
  let cursor = await step(port.getCursor())
  let refRevision = await step(port.getRefRevision())
  update({ progress: { phase: 'pull', done: 0, total: 0 } })
  for (;;) {
    // What is left in the outbox after the push (SYNC-API.md `unsent`), for the office's device list.
    const unsent = await step(port.countOutbox())
    const page = await step(client.pull({ cursor, limit: pullLimit, refRevision, unsent }, signal))
    observeClock(page)
    const events = page.body.events ?? []
    await step(port.applyPullPage(events, page.body.reference ?? null, page.body.cursor))
    outcome.pulled += events.length
    hooks.onPulled?.(events.length)
    update({ progress: { phase: 'pull', done: outcome.pulled, total: outcome.pulled } })
    const revision = page.body.reference?.revision
    if (typeof revision === 'number')
      refRevision = Math.max(refRevision ?? revision, revision)
    if (!page.body.more)
      break
    if (page.body.cursor <= cursor && events.length === 0)
      throw new HttpError(500, page.body, 'pull cursor did not advance')
    cursor = page.body.cursor
  }
}
