/** Device facts in the `meta` table, with a type per key. */
import { database } from './db'
import { guarded } from './errors'

/** Every meta key and the type of its value. */
export interface MetaValues {
  /** This tablet's id, from enrollment. */
  deviceId: string
  /** The station this tablet is enrolled at. */
  stationId: string
  /** The bearer token from enrollment (DESIGN §4). */
  deviceToken: string
  /** The last pulled server seq (DESIGN §4 `cursor`). */
  cursor: number
  /** The reference-data revision pulled so far, saved with the cursor. */
  refRevision: number
  /** When the last sync finished (ISO instant). */
  lastSyncAt: string
  /** Device clock minus server clock, in ms, from the last `serverTime`. */
  clockOffsetMs: number
  /** Set while projections are being rebuilt; present at start-up means a rebuild was interrupted. */
  projectionRebuildStartedAt: string
  /** When projections were last rebuilt. */
  projectionsRebuiltAt: string
}

export type MetaKey = keyof MetaValues

/** Typed key/value access. Inside a transaction that includes `meta`, these join it. */
export const metaRepo = {
  async get<K extends MetaKey>(key: K): Promise<MetaValues[K] | undefined> {
    const row = await database().meta.get(key)
    return row?.value as MetaValues[K] | undefined
  },
  async set<K extends MetaKey>(key: K, value: MetaValues[K]): Promise<void> {
    await guarded(() => database().meta.put({ key, value }))
  },
  async remove(key: MetaKey): Promise<void> {
    await database().meta.delete(key)
  },
}
