/**
 * 日结 (close the day, DESIGN §4): push and pull until nothing is pending or no more progress is made, then
 * report the CST civil day's events by kind and type and what could not be sent and why.
 */
import type { DomainEvent } from '../../domain/events'
import type { SyncOutcome, SyncState, SyncStatus } from './engineTypes'
import type { OutboxItem, SyncPort } from '../data'
import type { RunHooks } from './syncRun'
import { cstDay, cstDayRange } from '../../domain/calendar'

export interface CloseDayProgress {
  phase: 'push' | 'pull' | 'done'
  /** Events the server answered for so far. */
  sent: number
  /** Events to send: the outbox at the start plus any recorded meanwhile. */
  total: number
  /** Events pulled so far. */
  pulled: number
}

/**
 * The progress bar of 日结: the share of events the server answered for, done or not — "100% 完成：0 / 1"
 * said a record that did not go had gone (issue 14). Nothing to send and done is 100%.
 */
export function closeDayPercent(p: CloseDayProgress | null): number {
  if (!p)
    return 0
  if (p.total > 0)
    return Math.min(100, Math.round((p.sent / p.total) * 100))
  return p.phase === 'done' ? 100 : 0
}

export interface DayCounts {
  /** Events of the day (station-wide, after the pull). */
  events: number
  /** Of which recorded on this tablet. */
  thisDevice: number
  /** Per stream kind ('case', 'consultation', …): events and distinct records touched. */
  byKind: Record<string, { events: number, records: number }>
  /** Per event type ('case.received', …). */
  byType: Record<string, number>
}

export interface UnsentItem {
  id: string
  type: string
  stream: string
  occurredAt: string
  staffId: string | null
  /** For outbox rows: the last error; for rejected events: the server's reason. */
  reason: string | null
  attempts?: number
  rejectedAt?: string
}

export interface CloseDayReport {
  /** The civil day closed, YYYY-MM-DD in China Standard Time. */
  day: string
  /** Nothing left in the outbox and the last sync succeeded. */
  complete: boolean
  sent: number
  total: number
  pulled: number
  state: SyncState
  lastError: string | null
  counts: DayCounts
  /** What could not be sent and why. */
  unsent: { rejected: UnsentItem[], outbox: UnsentItem[] }
}

/** What closing the day needs from the engine. */
export interface CloseDayDeps {
  port: SyncPort
  /** Device clock. */
  now: () => number
  getStatus: () => SyncStatus
  /** The sync running in this tab, if any. */
  running: () => Promise<SyncOutcome> | null
  /** One sync under the lock, waiting for it when `waitForLock`. */
  runSync: (waitForLock: boolean, hooks: RunHooks) => Promise<SyncOutcome>
  refreshCounts: () => Promise<void>
}

function streamKindOf(stream: string): string {
  const i = stream.indexOf(':')
  return i < 0 ? stream : stream.slice(0, i)
}

/** Counts the day's events by kind and type. */
export function countDay(events: readonly DomainEvent[], deviceId: string | null): DayCounts {
  const byKind: Record<string, { events: number, records: number }> = {}
  const byType: Record<string, number> = {}
  const streams = new Map<string, Set<string>>()
  let thisDevice = 0
  const seen = new Set<string>()
  for (const e of events) {
    if (seen.has(e.id))
      continue
    seen.add(e.id)
    const kind = streamKindOf(e.stream)
    const k = byKind[kind] ??= { events: 0, records: 0 }
    k.events++
    let s = streams.get(kind)
    if (!s)
      streams.set(kind, s = new Set())
    s.add(e.stream)
    k.records = s.size
    byType[e.type] = (byType[e.type] ?? 0) + 1
    if (e.deviceId === deviceId)
      thisDevice++
  }
  return { events: seen.size, thisDevice, byKind, byType }
}

/** 日结: syncs until done or stuck (at most 20 rounds), then reports the day. */
export async function closeDay(deps: CloseDayDeps, onProgress?: (progress: CloseDayProgress) => void): Promise<CloseDayReport> {
  const { port, now, getStatus, runSync, refreshCounts } = deps
  let total = await port.countOutbox()
  let sent = 0
  let pulled = 0
  let phase: CloseDayProgress['phase'] = 'push'
  const report = (): void => onProgress?.({ phase, sent, total, pulled })
  report()
  const hooks: RunHooks = {
    onAnswered: (n) => {
      sent += n
      phase = 'push'
      total = Math.max(total, sent)
      report()
    },
    onPulled: (n) => {
      pulled += n
      phase = 'pull'
      report()
    },
  }
  let previous = Number.POSITIVE_INFINITY
  let last: SyncOutcome | null = null
  for (let round = 0; round < 20; round++) {
    const running = deps.running()
    if (running)
      // Waits for the running sync to end; its failure is in the status, and the next round tries again.
      await running.catch(() => undefined)
    last = await runSync(true, hooks)
    const pending = await port.countOutbox()
    total = Math.max(total, sent + pending)
    if (!last.ok || pending === 0 || pending >= previous)
      break
    previous = pending
  }
  phase = 'done'
  report()

  const device = await port.getDevice()
  const correctedNow = now() + (getStatus().clockOffsetMs ?? 0)
  const day = cstDay(correctedNow)
  const [from, to] = cstDayRange(day)
  const [events, rejected, outbox] = await Promise.all([port.eventsBetween(from, to), port.listRejected(), port.listOutbox()])
  // Counts for the header only; the report is built from what was just read.
  await refreshCounts().catch(() => undefined)
  const status = getStatus()
  return {
    day,
    complete: outbox.length === 0 && (last?.ok ?? false),
    sent,
    total,
    pulled,
    state: status.state,
    lastError: status.lastError,
    counts: countDay(events, device?.deviceId ?? null),
    unsent: {
      rejected: rejected.map(r => ({ ...unsentBase(r.event), reason: r.reason, rejectedAt: r.rejectedAt })),
      // An event never tried (the server was not reached) carries the reason the day could not be closed.
      outbox: outbox.map((o: OutboxItem) => ({ ...unsentBase(o.event), reason: o.lastError ?? status.lastError, attempts: o.attempts })),
    },
  }
}

function unsentBase(e: DomainEvent): Omit<UnsentItem, 'reason'> {
  return { id: e.id, type: e.type, stream: e.stream, occurredAt: e.occurredAt, staffId: e.staffId }
}
