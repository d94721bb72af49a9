/**
 * Central retention (issue 11 item 4; DOMAIN.md personal information): the server keeps citizens' personal
 * values longer than tablets do, under its own setting `personalRetentionDaysServer` (default 1095 days, three
 * years; settings table, migration 0024). Past that, every personal field listed in src/domain/personalFields.ts
 * becomes the tombstone PURGED_VALUE in the stored events of streams whose LAST event is older than the cutoff,
 * and their projections are refolded — the facts stay, so metrics and ledgers still count them.
 *
 * The content key of a purged event is left as it was: a tablet replaying the original (an exported outbox file)
 * is still recognised as the same event, not a conflict. Blob files are not deleted here (not yet: listed in the
 * README's privacy section). Runs from startServer once a day and from `admin purge-personal-data`.
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../db'
import type { Logger } from '../logger'
import { jsonb } from '../db'
import { holdsPersonalValues, personalFields, purgePayload, retentionCutoff, retentionDays, SERVER_RETENTION_DAYS_DEFAULT, SERVER_RETENTION_SETTING } from '../../domain/personalFields'
import { refoldStreams } from '../sync/projections'

export interface ServerPurgeResult {
  retentionDays: number
  cutoff: string
  /** Streams old enough that were looked at. */
  streams: number
  /** Events whose payload was rewritten. */
  events: number
}

const PERSONAL_TYPES = Object.keys(personalFields)

/** The server's retention setting in days (default three years). */
export async function serverRetentionDays(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SERVER_RETENTION_SETTING).executeTakeFirst()
  return retentionDays(row?.value, SERVER_RETENTION_DAYS_DEFAULT)
}

/** Purge personal values of streams whose last event is older than the server's retention; `batch` streams per transaction. */
export async function purgeServerPersonalData(db: Kysely<Database>, options: { now?: Date, batch?: number } = {}): Promise<ServerPurgeResult> {
  const days = await serverRetentionDays(db)
  const cutoff = retentionCutoff(options.now ?? new Date(), days)
  const batch = Math.max(1, options.batch ?? 200)
  // Streams holding a personal event type, all of whose events are older than the cutoff.
  const old = await db.selectFrom('events')
    .select(['station_id', 'stream'])
    .where('stream', 'in', db.selectFrom('events').select('stream').distinct().where('type', 'in', PERSONAL_TYPES))
    .groupBy(['station_id', 'stream'])
    .having(sql<Date>`max(occurred_at)`, '<', cutoff)
    .orderBy('stream')
    .execute()
  let events = 0
  for (let i = 0; i < old.length; i += batch) {
    const chunk = old.slice(i, i + batch)
    events += await db.transaction().execute(async (trx) => {
      const rows = await trx.selectFrom('events').select(['id', 'type', 'payload', 'station_id', 'stream'])
        .where('stream', 'in', chunk.map(c => c.stream))
        .where('type', 'in', PERSONAL_TYPES)
        .execute()
      const touched = new Map<string, Set<string>>()
      let changed = 0
      for (const row of rows) {
        if (!holdsPersonalValues(row.type, row.payload))
          continue
        await trx.updateTable('events').set({ payload: jsonb(purgePayload(row.type, row.payload)) }).where('id', '=', row.id).execute()
        touched.set(row.station_id, (touched.get(row.station_id) ?? new Set()).add(row.stream))
        changed++
      }
      for (const [stationId, streams] of touched)
        await refoldStreams(trx, stationId, [...streams])
      return changed
    })
  }
  return { retentionDays: days, cutoff: cutoff.toISOString(), streams: old.length, events }
}

/** Once a minute after start, then daily: the purge in the running server. Returns the stop function (close()). */
export function schedulePersonalDataPurge(db: Kysely<Database>, logger: Pick<Logger, 'info' | 'error'>, options: { firstAfterMs?: number, everyMs?: number } = {}): () => void {
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const run = async (): Promise<void> => {
    try {
      const result = await purgeServerPersonalData(db)
      if (result.events > 0)
        logger.info({ purge: result }, 'personal data purged')
    }
    catch (error) {
      if (!stopped)
        logger.error({ err: error }, 'personal data purge failed')
    }
    if (!stopped) {
      timer = setTimeout(() => void run(), options.everyMs ?? 86_400_000)
      timer.unref()
    }
  }
  timer = setTimeout(() => void run(), options.firstAfterMs ?? 60_000)
  timer.unref()
  return () => {
    stopped = true
    clearTimeout(timer)
  }
}
