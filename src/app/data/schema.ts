/**
 * The database's layout: its name, its tables, and every schema version's indexes (db.ts applies them in order,
 * each with its upgrade from upgrades.ts). A version, once shipped, is never edited: a change is a new version.
 */
import type { ProjectionKind } from '../../domain/eventTypes'

/** The database name used by the app; tests open their own names. */
export const DEFAULT_DB_NAME = 'bianmin-counter'

/** Table names, in one place. */
export const TABLES = {
  events: 'events',
  outbox: 'outbox',
  blobs: 'blobs',
  meta: 'meta',
  stations: 'stations',
  staff: 'staff',
  serviceItems: 'serviceItems',
  settings: 'settings',
  calendarYears: 'calendarYears',
  stationItems: 'stationItems',
  cases: 'cases',
  consultations: 'consultations',
  rejected: 'rejected',
  ledgerCases: 'ledgerCases',
  keyWraps: 'keyWraps',
  sessionKeys: 'sessionKeys',
} as const

export type TableName = typeof TABLES[keyof typeof TABLES]

/** Which projection table holds the fold of each stream kind ('case:…' → cases). */
export const PROJECTION_TABLES = {
  case: TABLES.cases,
  consultation: TABLES.consultations,
} as const satisfies Record<ProjectionKind, TableName>

export type { ProjectionKind }

/** Reference tables pulled from the server. */
export const REFERENCE_TABLES = [TABLES.stations, TABLES.staff, TABLES.serviceItems, TABLES.stationItems, TABLES.settings, TABLES.calendarYears] as const

export type ReferenceTableName = typeof REFERENCE_TABLES[number]

/** Version 1: the first shipped schema. Kept as-is forever (tests open a database with it). */
export const SCHEMA_V1 = {
  events: 'id, stream, type, occurredAt, [stream+occurredAt], seq',
  outbox: '++order, &eventId',
  blobs: 'sha256, uploaded, createdAt',
  meta: 'key',
  stations: 'id, revision',
  staff: 'id, stationId, revision',
  serviceItems: 'id, code, revision',
  settings: 'id, revision',
  calendarYears: 'id, revision',
  cases: 'id, status, staffId, attention, lastAt, dueAtMs, [attention+lastAt]',
  consultations: 'id, status, staffId, attention, lastAt, dueAtMs, [attention+lastAt]',
  rejected: 'eventId, stream, rejectedAt',
} as const satisfies Partial<Record<TableName, string>>

/** Version 2: outbox rows carry the recording staff member, so one person's unsent work is never counted as another's. */
export const SCHEMA_V2 = {
  outbox: '++order, &eventId, staffId',
} as const satisfies Partial<Record<TableName, string>>

/**
 * Version 3: `stationItems`, which service items this station offers (server rows `{ stationId, itemCode,
 * offered, revision }`, stored with `id` = `<stationId>:<itemCode>`). Earlier versions dropped those rows.
 */
export const SCHEMA_V3 = {
  stationItems: 'id, stationId, revision',
} as const satisfies Partial<Record<TableName, string>>

/**
 * Version 4 (issue 5, scale): search without scans and indexed date ranges. `*searchTokens` holds keyed hashes
 * only (searchTokens.ts); `[kind+lastAt]`, `[status+lastAt]`, `[itemCode+lastAt]` page filtered lists most
 * recent first; `receivedAtMs`, `acceptedAtMs`, `completedAtMs` (cases) and `recordedAtMs`, `repliedAtMs`
 * (consultations) answer ledger and metric date ranges, with `[kind+…]` for the 帮办/代办 ledgers.
 * Rows written before v4 lack these fields: the upgrade marks projections for a background rebuild.
 */
export const SCHEMA_V4 = {
  cases: `${SCHEMA_V1.cases}, *searchTokens, [kind+lastAt], [status+lastAt], [itemCode+lastAt], receivedAtMs, [kind+receivedAtMs], acceptedAtMs, completedAtMs, [kind+completedAtMs]`,
  consultations: `${SCHEMA_V1.consultations}, *searchTokens, [status+lastAt], recordedAtMs, repliedAtMs`,
} as const satisfies Partial<Record<TableName, string>>

/**
 * Version 7 (issue 12 item 4): `ledgerCases`, the slim case rows the ledgers read by receipt date (`receivedAtMs`,
 * `[kind+receivedAtMs]` for E/F). The upgrade marks projections for a background rebuild, which fills it;
 * until that finishes the ledgers read the full case rows (stores/ledgers.ts).
 */
export const SCHEMA_V7 = {
  ledgerCases: 'id, receivedAtMs, [kind+receivedAtMs]',
} as const satisfies Partial<Record<TableName, string>>

/**
 * Version 8 (issue 11 item 1, encryption at rest: crypto/fieldCodec.ts, crypto/keyStore.ts): `keyWraps`, the tablet's
 * data key wrapped per staff member with a key derived from their PIN (argon2id), and `sessionKeys`, the unwrapped
 * data key of the signed-in session under a non-extractable CryptoKey, with its expiry. Event rows and projection
 * rows gain `sealed` (not indexed). The upgrade forgets the old plaintext search key (tokens are now keyed by the
 * data key) and marks projections for rebuild and plaintext rows for sealing at the next sign-in.
 */
export const SCHEMA_V8 = {
  keyWraps: 'staffId',
  sessionKeys: 'id',
} as const

/** The current schema version number. */
export const SCHEMA_VERSION = 8
