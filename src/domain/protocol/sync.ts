/**
 * Push and pull, the sync calls of DESIGN §4 (src/server/SYNC-API.md). The server validates requests with
 * these schemas and its answers satisfy their types; the tablet parses every answer with them.
 *
 *   POST /api/sync/push  {protocol: 1, appVersion, events, sentAt?, relay?, unsent?}
 *     → {results: [{id, status: 'applied'|'duplicate'|'rejected', reason?}], serverTime}
 *   GET /api/sync/pull?cursor=<seq>&limit=<n≤2000>&refRevision=<r>&unsent=<n>
 *     → {events, reference, cursor, more, serverTime}
 */
import { z } from 'zod'
import { isoInstantSchema } from './common'
import type { ReferenceDelta } from './reference'
import { referenceDeltaSchema } from './reference'

/** The protocol version every push carries (DESIGN §4). */
export const SYNC_PROTOCOL_VERSION = 1
/** DESIGN §4: at most 1000 events per push. */
export const MAX_PUSH_EVENTS = 1000
/** DESIGN §4: at most 2 MB per push; the server reads it as 2 MiB (the tablet batches under 2,000,000 bytes). */
export const MAX_PUSH_BYTES = 2 * 1024 * 1024
/** Largest outbox size a tablet may report (`unsent`, SYNC-API.md); far above any real outbox. */
export const MAX_UNSENT = 10_000_000
export const MAX_PULL_LIMIT = 2000
export const DEFAULT_PULL_LIMIT = 500

/** An app version: 'x.y.z' with an optional '-pre' and '+build' (the 426 check compares them in semver order). */
export const versionPattern = /^\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/

const unsentMessage = 'unsent 应为非负整数'

export const pushRequestSchema = z.object({
  protocol: z.literal(SYNC_PROTOCOL_VERSION, { error: `protocol 应为 ${SYNC_PROTOCOL_VERSION}` }),
  appVersion: z.string().max(64).regex(versionPattern, '应为版本号，如 1.2.3'),
  // Each event is checked on its own (a bad one is `rejected`, not the batch), but it needs an id to be answered.
  events: z.array(z.looseObject({ id: z.string().min(1).max(64) })),
  sentAt: isoInstantSchema.optional(),
  relay: z.boolean({ error: 'relay 应为 true 或 false' }).optional(),
  unsent: z.number({ error: unsentMessage }).int(unsentMessage).min(0, unsentMessage).max(MAX_UNSENT, 'unsent 过大').optional(),
})
export type PushRequest = z.infer<typeof pushRequestSchema>

export const pushStatusSchema = z.enum(['applied', 'duplicate', 'rejected'])
export type PushStatus = z.infer<typeof pushStatusSchema>

/** The server's verdict on one pushed event; the tablet settles its outbox with the same shape. */
export const pushResultSchema = z.object({
  id: z.string(),
  status: pushStatusSchema,
  /** Set when rejected: 'scope', 'id-reuse' or 'invalid: …' (Chinese details after the colon). */
  reason: z.string().optional(),
})
export type PushResult = z.infer<typeof pushResultSchema>

export const pushAnswerSchema = z.object({
  /** In the order of the pushed events. */
  results: z.array(pushResultSchema),
  serverTime: isoInstantSchema,
})
export type PushAnswer = z.infer<typeof pushAnswerSchema>

export const pullQuerySchema = z.object({
  cursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
  refRevision: z.coerce.number().int().min(0).default(0),
  unsent: z.coerce.number().int().min(0).max(MAX_UNSENT).optional(),
})
export type PullQuery = z.infer<typeof pullQuerySchema>

/**
 * A pulled event: the envelope as the device wrote it plus `seq` and `receivedAt`. Deliberately looser than
 * domainEventSchema: events stored under older rules (an uppercase id, an older schema) still come down,
 * and a pull must never stall on one of them; the folds validate payloads themselves.
 */
export const pulledEventSchema = z.object({
  id: z.string().min(1),
  stream: z.string().min(1),
  type: z.string().min(1),
  v: z.number().int(),
  payload: z.unknown(),
  stationId: z.string(),
  deviceId: z.string(),
  staffId: z.string().nullable(),
  occurredAt: z.string(),
  seq: z.number().int().optional(),
  receivedAt: z.string().optional(),
})

export const pullAnswerSchema = z.object({
  events: z.array(pulledEventSchema),
  /** Rows changed after `refRevision`; an older server sent none. */
  reference: referenceDeltaSchema.nullable().optional(),
  /** The last `seq` returned, or the given cursor when none. */
  cursor: z.number().int().min(0),
  more: z.boolean(),
  serverTime: isoInstantSchema,
})
export type PullAnswer = z.infer<typeof pullAnswerSchema>

/** What a current server sends: `reference` always, with every table (each possibly empty). */
export type ServerPullAnswer = Omit<PullAnswer, 'reference'> & { reference: Required<ReferenceDelta> }
