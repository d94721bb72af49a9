/**
 * Projections: each stream's state is the src/domain fold of its events, stored for lists and lookups.
 * They are always rebuilt from `events`, never migrated (DESIGN §3).
 */
import type { DomainEvent } from '../../domain/events'
import type { BianminDb, ProjectionKind, ProjectionRow, ProjectionState } from './db'
import { isProjectionKind, projectionFolds } from '../../domain/eventTypes'
import { orderedUnique, streamKind } from '../../domain/events'
import { database, PROJECTION_TABLES, TABLES } from './db'
import { guarded } from './errors'
import { metaRepo } from './meta'

type Fold = (events: readonly DomainEvent[]) => ProjectionState | null

/** The domain folds by stream kind, seen through the fields every projection shares. */
const folds: Record<ProjectionKind, Fold> = projectionFolds satisfies Record<ProjectionKind, Fold>

const PROJECTION_KINDS = Object.keys(PROJECTION_TABLES) as ProjectionKind[]

/** The projection tables, for transaction scopes. */
export const PROJECTION_TABLE_NAMES = Object.values(PROJECTION_TABLES)

/** The row stored for a folded state: booleans as 0|1 and instants as epoch ms, so they can be indexed and sorted. */
export function toProjectionRow<S extends ProjectionState>(state: S): ProjectionRow<S> {
  const row: ProjectionRow<S> = { ...state, attention: state.needsAttention ? 1 : 0, lastAt: Date.parse(state.lastOccurredAt) }
  if (state.dueAt !== null)
    row.dueAtMs = Date.parse(state.dueAt)
  return row
}

/** Fold one stream's events. Every stored event goes in: the domain folds log unreadable or unknown ones and flag the stream (needsAttention). */
export function foldStream(kind: ProjectionKind, events: readonly DomainEvent[]): ProjectionRow | null {
  const state = events.length > 0 ? folds[kind](orderedUnique(events)) : null
  return state ? toProjectionRow(state) : null
}

/** Refold the given streams from their stored events. Must run inside a rw transaction over events and the projection tables. */
export async function refoldStreams(db: BianminDb, streams: Iterable<string>): Promise<void> {
  const byKind = new Map<ProjectionKind, string[]>()
  for (const stream of new Set(streams)) {
    const kind = streamKind(stream)
    if (isProjectionKind(kind))
      byKind.set(kind, [...byKind.get(kind) ?? [], stream])
  }
  for (const [kind, kindStreams] of byKind) {
    const events = await db.events.where('stream').anyOf(kindStreams).toArray()
    const grouped = new Map<string, DomainEvent[]>(kindStreams.map(s => [s, []]))
    for (const e of events)
      grouped.get(e.stream)?.push(e)
    const table = db.projection(kind)
    const puts: ProjectionRow[] = []
    const deletes: string[] = []
    for (const [stream, streamEvents] of grouped) {
      const row = foldStream(kind, streamEvents)
      if (row)
        puts.push(row)
      else
        deletes.push(stream)
    }
    await table.bulkPut(puts)
    await table.bulkDelete(deletes)
  }
}

/** Progress of a rebuild: `done` of `total` streams refolded. */
export interface RebuildProgress {
  done: number
  total: number
}

export interface RebuildOptions {
  /** Streams refolded per transaction (default 200). */
  chunkSize?: number
}

/**
 * Rebuild every projection from events: clear them, then refold each stream in chunks, reporting progress.
 * `projectionRebuildStartedAt` stays in meta until it finishes, so an interrupted rebuild can be detected and rerun.
 */
export async function rebuildProjections(onProgress?: (progress: RebuildProgress) => void, options: RebuildOptions = {}): Promise<RebuildProgress> {
  const db = database()
  const chunkSize = Math.max(1, options.chunkSize ?? 200)
  return guarded(async () => {
    const streams = await db.transaction('rw', [TABLES.events, TABLES.meta, ...PROJECTION_TABLE_NAMES], async () => {
      await Promise.all(PROJECTION_KINDS.map(kind => db.projection(kind).clear()))
      await metaRepo.set('projectionRebuildStartedAt', new Date().toISOString())
      const keys = await db.events.orderBy('stream').uniqueKeys()
      return (keys as string[]).filter(s => isProjectionKind(streamKind(s)))
    })
    const progress = { done: 0, total: streams.length }
    onProgress?.({ ...progress })
    for (let i = 0; i < streams.length; i += chunkSize) {
      const chunk = streams.slice(i, i + chunkSize)
      await db.transaction('rw', [TABLES.events, ...PROJECTION_TABLE_NAMES], () => refoldStreams(db, chunk))
      progress.done += chunk.length
      onProgress?.({ ...progress })
    }
    await db.transaction('rw', [TABLES.meta], async () => {
      await metaRepo.remove('projectionRebuildStartedAt')
      await metaRepo.set('projectionsRebuiltAt', new Date().toISOString())
    })
    return progress
  })
}
