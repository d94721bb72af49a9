/**
 * Projections: each stream's state is the src/domain fold of its events, stored for lists and lookups.
 * They are always rebuilt from `events`, never migrated (DESIGN §3).
 */
import type { CaseFoldCalendar } from '../../domain/case'
import type { DomainEvent } from '../../domain/events'
import type { CaseState } from '../../domain/case'
import type { BianminDb } from './db'
import type { ProjectionRow, ProjectionState } from './rows'
import type { ProjectionKind } from './schema'
import type { SearchTokenizer } from './searchTokens'
import { isProjectionKind, projectionFolds } from '../../domain/eventTypes'
import { orderedUnique, streamKind } from '../../domain/events'
import { database } from './db'
import { PROJECTION_TABLES, TABLES } from './schema'
import { guarded } from './errors'
import { toLedgerCaseRow } from './ledgerCases'
import { metaRepo } from './meta'
import { loadedTokenizer, prepareSearchTokens } from './searchTokens'
import { boxesFor, streamBoxes } from './crypto/fieldCodec'
import { workCalendar } from './workCalendar'

type Fold = (events: readonly DomainEvent[], calendar: CaseFoldCalendar) => ProjectionState | null

/** The domain folds by stream kind, seen through the fields every projection shares. */
const folds: Record<ProjectionKind, Fold> = projectionFolds satisfies Record<ProjectionKind, Fold>

const PROJECTION_KINDS = Object.keys(PROJECTION_TABLES) as ProjectionKind[]

/** The tables refolds write (projections and the ledgers' slim case rows), for transaction scopes. */
export const PROJECTION_TABLE_NAMES = [...Object.values(PROJECTION_TABLES), TABLES.ledgerCases]

/** The state's instants copied as epoch ms into index fields (cases: received/accepted/completed; consultations: recorded/replied). */
const INDEXED_INSTANTS = {
  case: { receivedAt: 'receivedAtMs', acceptedAt: 'acceptedAtMs', completedAt: 'completedAtMs' },
  consultation: { recordedAt: 'recordedAtMs', repliedAt: 'repliedAtMs' },
} as const satisfies Record<ProjectionKind, Record<string, keyof ProjectionRow>>

/**
 * The row stored for a folded state: booleans as 0|1, instants as epoch ms (so they can be indexed and sorted)
 * and, given the tablet's tokenizer, the keyed search tokens of its personal data (never the data itself).
 */
export function toProjectionRow<S extends ProjectionState>(state: S, kind?: ProjectionKind, tokenizer?: SearchTokenizer, sealedTokens?: ReadonlyMap<string, readonly string[]>): ProjectionRow<S> {
  const row: ProjectionRow<S> = { ...state, attention: state.needsAttention ? 1 : 0, lastAt: Date.parse(state.lastOccurredAt) }
  if (state.dueAt !== null)
    row.dueAtMs = Date.parse(state.dueAt)
  if (kind) {
    const fields = state as unknown as Record<string, unknown>
    for (const [from, to] of Object.entries(INDEXED_INSTANTS[kind])) {
      const ms = typeof fields[from] === 'string' ? Date.parse(fields[from]) : Number.NaN
      if (Number.isFinite(ms))
        (row as unknown as Record<string, unknown>)[to] = ms
    }
  }
  if (kind && tokenizer)
    row.searchTokens = tokenizer.tokens(kind, state, sealedTokens)
  return row
}

/** Fold one stream's events. Every stored event goes in: the domain folds log unreadable or unknown ones and flag the stream (needsAttention). */
export function foldStream(kind: ProjectionKind, events: readonly DomainEvent[], tokenizer: SearchTokenizer | undefined, calendar: CaseFoldCalendar): ProjectionRow | null {
  const state = events.length > 0 ? folds[kind](orderedUnique(events), calendar) : null
  if (!state)
    return null
  // Sealed events (crypto/fieldCodec.ts): the row keeps the boxes of the handles it holds, tokens come from them.
  const { boxes, tokens } = streamBoxes(events)
  const row = toProjectionRow(state, kind, tokenizer, tokens)
  const sealed = boxesFor(row, boxes)
  if (sealed)
    row.sealed = sealed
  return row
}

/**
 * Refold the given streams from their stored events. Must run inside a rw transaction over events and the
 * projection tables, opened after `prepareSearchTokens(db)` (the tokens are hashed synchronously in here).
 * `calendar` counts 暂定 dues: the app's (workCalendar()), or one holding years pulled in this transaction.
 */
export async function refoldStreams(db: BianminDb, streams: Iterable<string>, calendar: CaseFoldCalendar): Promise<void> {
  const byKind = new Map<ProjectionKind, string[]>()
  for (const stream of new Set(streams)) {
    const kind = streamKind(stream)
    if (isProjectionKind(kind))
      byKind.set(kind, [...byKind.get(kind) ?? [], stream])
  }
  if (byKind.size === 0)
    return
  const tokenizer = loadedTokenizer(db)
  for (const [kind, kindStreams] of byKind) {
    const events = await db.events.where('stream').anyOf(kindStreams).toArray()
    const grouped = new Map<string, DomainEvent[]>(kindStreams.map(s => [s, []]))
    for (const e of events)
      grouped.get(e.stream)?.push(e)
    const table = db.projection(kind)
    const puts: ProjectionRow[] = []
    const deletes: string[] = []
    for (const [stream, streamEvents] of grouped) {
      const row = foldStream(kind, streamEvents, tokenizer, calendar)
      if (row)
        puts.push(row)
      else
        deletes.push(stream)
    }
    // Requests are issued together and awaited once: each await of an IndexedDB request costs a round trip.
    const writes: Promise<unknown>[] = [table.bulkPut(puts)]
    if (kind === 'case')
      writes.push(db.ledgerCases.bulkPut((puts as ProjectionRow<CaseState>[]).map(sealedLedgerRow)))
    if (deletes.length > 0)
      writes.push(table.bulkDelete(deletes), ...(kind === 'case' ? [db.ledgerCases.bulkDelete(deletes)] : []))
    await Promise.all(writes)
  }
}

/** The ledger row of a case row, carrying only the boxes its own (slimmer) fields need. */
function sealedLedgerRow(row: ProjectionRow<CaseState>): ReturnType<typeof toLedgerCaseRow> {
  const ledger = toLedgerCaseRow(row)
  const { sealed, ...rest } = ledger as typeof ledger & { sealed?: ProjectionRow['sealed'] }
  const needed = sealed ? boxesFor(rest, sealed) : undefined
  return needed ? { ...rest, sealed: needed } as typeof ledger : rest as typeof ledger
}

/** Progress of a rebuild: `done` of `total` streams refolded. */
export interface RebuildProgress {
  done: number
  total: number
}

export interface RebuildOptions {
  /** Streams refolded per transaction (default 200). */
  chunkSize?: number
  /** Carry on after the stream an interrupted rebuild reached, if one was interrupted (default: start over). */
  resume?: boolean
  /** Awaited between chunks so the page stays responsive (default: yield to the event loop). */
  pause?: () => Promise<void>
}

/** Give the UI thread a turn: scheduler.yield where the browser has it, else a macrotask. */
export function yieldToUi(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler
  return typeof scheduler?.yield === 'function' ? scheduler.yield() : new Promise(resolve => setTimeout(resolve, 0))
}

/** Is a projection rebuild due (after a schema upgrade, a lost search key, or an interrupted rebuild)? */
export async function projectionRebuildPending(): Promise<boolean> {
  return (await metaRepo.get('projectionRebuildStartedAt')) !== undefined
}

/**
 * Rebuild every projection from events, in place: refold each stream in chunks (one transaction each, with a
 * pause between), reporting progress, then drop rows no events support. Rows are overwritten, never cleared
 * first, so lists keep reading what is there while it runs in the background.
 * `projectionRebuildStartedAt` stays in meta until it finishes, and `projectionRebuildCursor` records the last
 * stream refolded, so an interrupted rebuild is detected and, with `resume`, carries on where it stopped.
 */
export async function rebuildProjections(onProgress?: (progress: RebuildProgress) => void, options: RebuildOptions = {}): Promise<RebuildProgress> {
  const db = database()
  const chunkSize = Math.max(1, options.chunkSize ?? 200)
  const pause = options.pause ?? yieldToUi
  await prepareSearchTokens(db)
  return guarded(async () => {
    const { streams, start } = await db.transaction('rw', [TABLES.events, TABLES.meta], async () => {
      const interrupted = await metaRepo.get('projectionRebuildStartedAt')
      const cursor = options.resume && interrupted ? await metaRepo.get('projectionRebuildCursor') : undefined
      if (cursor === undefined) {
        await metaRepo.set('projectionRebuildStartedAt', new Date().toISOString())
        await metaRepo.remove('projectionRebuildCursor')
      }
      const keys = await db.events.orderBy('stream').uniqueKeys()
      const all = (keys as string[]).filter(s => isProjectionKind(streamKind(s)))
      // Streams come in index order, which is JavaScript's string order: those up to the cursor are done.
      const next = cursor === undefined ? 0 : all.findIndex(s => s > cursor)
      return { streams: all, start: next < 0 ? all.length : next }
    })
    const progress = { done: start, total: streams.length }
    onProgress?.({ ...progress })
    for (let i = start; i < streams.length; i += chunkSize) {
      const chunk = streams.slice(i, i + chunkSize)
      await db.transaction('rw', [TABLES.events, TABLES.meta, ...PROJECTION_TABLE_NAMES], async () => {
        await refoldStreams(db, chunk, workCalendar())
        await metaRepo.set('projectionRebuildCursor', chunk[chunk.length - 1] as string)
      })
      progress.done += chunk.length
      onProgress?.({ ...progress })
      await pause()
    }
    await db.transaction('rw', [TABLES.events, TABLES.meta, ...PROJECTION_TABLE_NAMES], async () => {
      // Read again here: streams recorded while the rebuild ran are live too.
      const live = new Set(await db.events.orderBy('stream').uniqueKeys() as string[])
      for (const kind of PROJECTION_KINDS) {
        const ids = await db.projection(kind).toCollection().primaryKeys()
        await db.projection(kind).bulkDelete(ids.filter(id => !live.has(id)))
      }
      const ledgerIds = await db.ledgerCases.toCollection().primaryKeys()
      await db.ledgerCases.bulkDelete(ledgerIds.filter(id => !live.has(id)))
      await metaRepo.remove('projectionRebuildStartedAt')
      await metaRepo.remove('projectionRebuildCursor')
      await metaRepo.set('projectionsRebuiltAt', new Date().toISOString())
    })
    return progress
  })
}
