/**
 * Each record's sync state (issue 3 item 6) as lists and detail headers show it: pending, synced, or needing
 * attention. One reading for every kind of record (the cases list used to have a copy of its own).
 */
import { streamKind } from '../../domain/events'
import { database } from './db'
import { TABLES } from './schema'
import { projectionRepo } from './repos/projection'

/** What a list shows for one record. */
export type RecordSyncState = 'pending' | 'synced' | 'attention'

/**
 * The rule for one record: 'pending' while any of its events is still in the outbox, 'attention' if any
 * was rejected by the server or its projection needs attention, else 'synced'. Pending wins: the record is
 * not settled until everything was answered.
 */
export function recordSyncState(facts: { pendingEvents: number, rejectedEvents: number, needsAttention: boolean }): RecordSyncState {
  if (facts.pendingEvents > 0)
    return 'pending'
  if (facts.rejectedEvents > 0 || facts.needsAttention)
    return 'attention'
  return 'synced'
}

const cases = projectionRepo('case')
const consultations = projectionRepo('consultation')

/** The sync state of each record (stream id). */
export async function recordSyncStates(streams: readonly string[]): Promise<Record<string, RecordSyncState>> {
  const wanted = [...new Set(streams)]
  if (wanted.length === 0)
    return {}
  const db = database()
  // The outbox has no stream index: its rows are few (the unsent work) and read without their events.
  const [outbox, rejected] = await db.transaction('r', [TABLES.outbox, TABLES.rejected], () => Promise.all([db.outbox.toArray(), db.rejected.where('stream').anyOf(wanted).toArray()]))
  const count = (rows: readonly { stream: string }[]): Map<string, number> => {
    const counts = new Map<string, number>()
    for (const row of rows)
      counts.set(row.stream, (counts.get(row.stream) ?? 0) + 1)
    return counts
  }
  const pending = count(outbox)
  const refused = count(rejected)
  const projection = async (stream: string): Promise<{ needsAttention: boolean } | undefined> => {
    const kind = streamKind(stream)
    return kind === 'case' ? cases.get(stream) : kind === 'consultation' ? consultations.get(stream) : undefined
  }
  const entries = await Promise.all(wanted.map(async (stream): Promise<[string, RecordSyncState]> => {
    const needsAttention = (await projection(stream))?.needsAttention ?? false
    return [stream, recordSyncState({ pendingEvents: pending.get(stream) ?? 0, rejectedEvents: refused.get(stream) ?? 0, needsAttention })]
  }))
  return Object.fromEntries(entries)
}
