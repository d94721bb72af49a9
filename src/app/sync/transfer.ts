/**
 * Last resort for a tablet that cannot reach the server (issue 3 item 7): export the unsent data —
 * outbox events, server-rejected events and the blobs they reference — to a file, and import it on
 * another enrolled tablet of the same station. Imported events keep their original deviceId (who
 * recorded them); the importing tablet pushes them in relay pushes (SYNC-API.md `relay: true`: the server
 * accepts any deviceId ever enrolled at the token's station). Import is idempotent by event id.
 */
import type { DomainEvent } from '../../domain/events'
import type { ImportResult, RejectedItem, StoredBlob, SyncPort } from '../data'
import { z } from 'zod'
import { canonicalJson, domainEventSchema } from '../../domain/events'
import { ImportRefusedError, NotEnrolledError } from './messages'
import { fromBase64, toBase64 } from '../base64'

/** The `format` field of an export file. */
export const UNSENT_FORMAT = 'bianmin-unsent'
/** The version of the export file's shape; a new version gets an upgrade path in parseUnsentFile. */
export const UNSENT_VERSION = 1

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/)

const unsentFileSchema = z.object({
  format: z.literal(UNSENT_FORMAT),
  version: z.literal(UNSENT_VERSION),
  stationId: z.string().min(1),
  deviceId: z.string().min(1),
  exportedAt: z.string(),
  events: z.array(domainEventSchema),
  // The server-rejected events, under the name version 1 files were written with (kept: it is the file format).
  needsAttention: z.array(z.object({ event: domainEventSchema, reason: z.string(), rejectedAt: z.string() })),
  blobs: z.array(z.object({ sha256: sha256Hex, type: z.string(), size: z.number().int().min(0), base64: z.string() })),
  checksum: z.string(),
})

export type UnsentFile = z.infer<typeof unsentFileSchema>

export interface ImportSummary extends ImportResult {
  /** The tablet the file came from. */
  fromDeviceId: string
  exportedAt: string
  /** Attachments in the file. */
  blobs: number
}

async function sha256OfBytes(bytes: Uint8Array<ArrayBuffer> | ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes)
  return Array.from(new Uint8Array(digest), b => b.toString(16).padStart(2, '0')).join('')
}

async function checksumOf(file: Omit<UnsentFile, 'checksum'>): Promise<string> {
  const { format, version, stationId, deviceId, exportedAt, events, needsAttention, blobs } = file
  const text = canonicalJson({ format, version, stationId, deviceId, exportedAt, events, needsAttention, blobs })
  return `sha256:${await sha256OfBytes(new TextEncoder().encode(text))}`
}

/** File name for an export: station, device and CST time, safe on every OS. */
export function unsentFileName(stationId: string, deviceId: string, exportedAtMs: number): string {
  const cst = new Date(exportedAtMs + 8 * 3_600_000).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')
  const safe = (s: string) => s.replace(/[^\w-]/g, '_').slice(0, 24)
  return `未上传数据-${safe(stationId)}-${safe(deviceId)}-${cst}.json`
}

/** Builds the export file of everything not yet on the server. */
export async function exportUnsent(port: SyncPort, now: () => number = Date.now): Promise<File> {
  const device = await port.getDevice()
  if (!device)
    throw new NotEnrolledError('sync.notEnrolledExport')
  const [outbox, rejected, pending] = await Promise.all([port.listOutbox(), port.listRejected(), port.pendingBlobs()])
  const events = outbox.map(o => stripServerFields(o.event))
  // Blobs referenced by what is exported, plus any not uploaded yet: the other tablet must be able to upload them.
  const wanted = new Set([...outbox.flatMap(o => o.blobRefs), ...pending.map(b => b.sha256)])
  const blobs: UnsentFile['blobs'] = []
  for (const sha256 of wanted) {
    const stored = pending.find(b => b.sha256 === sha256) ?? await port.getBlob(sha256)
    if (!stored)
      continue
    const bytes = new Uint8Array(await stored.data.arrayBuffer())
    blobs.push({ sha256, type: stored.data.type, size: bytes.byteLength, base64: toBase64(bytes) })
  }
  const exportedAtMs = now()
  const body = {
    format: UNSENT_FORMAT,
    version: UNSENT_VERSION,
    stationId: device.stationId,
    deviceId: device.deviceId,
    exportedAt: new Date(exportedAtMs).toISOString(),
    events,
    needsAttention: rejected.map(r => ({ event: stripServerFields(r.event), reason: r.reason, rejectedAt: r.rejectedAt })),
    blobs,
  } satisfies Omit<UnsentFile, 'checksum'>
  const file: UnsentFile = { ...body, checksum: await checksumOf(body) }
  return new File([JSON.stringify(file)], unsentFileName(device.stationId, device.deviceId, exportedAtMs), { type: 'application/json' })
}

function stripServerFields(e: DomainEvent): DomainEvent {
  const { seq: _seq, receivedAt: _receivedAt, ...rest } = e
  return rest
}

/** Reads and checks an export file; throws ImportRefusedError with the reason for staff. */
export async function parseUnsentFile(input: Blob | string): Promise<UnsentFile> {
  let data: unknown
  try {
    data = JSON.parse(typeof input === 'string' ? input : await input.text())
  }
  catch {
    throw new ImportRefusedError('transfer.unreadable')
  }
  const head = data as { format?: unknown, version?: unknown } | null
  if (!head || typeof head !== 'object' || head.format !== UNSENT_FORMAT)
    throw new ImportRefusedError('transfer.notOurs')
  if (head.version !== UNSENT_VERSION)
    throw new ImportRefusedError('transfer.version', { version: String(head.version) })
  const parsed = unsentFileSchema.safeParse(data)
  if (!parsed.success)
    throw new ImportRefusedError('transfer.damaged')
  const file = parsed.data as UnsentFile
  const { checksum, ...body } = file
  if (await checksumOf(body) !== checksum)
    throw new ImportRefusedError('transfer.checksum')
  return file
}

/**
 * Imports another tablet's export into this tablet: same station only; events already here are skipped;
 * the rest are recorded and queued for push, with their blobs.
 */
export async function importUnsent(port: SyncPort, input: Blob | string): Promise<ImportSummary> {
  const file = await parseUnsentFile(input)
  const device = await port.getDevice()
  if (!device)
    throw new ImportRefusedError('transfer.notEnrolled')
  if (file.stationId !== device.stationId)
    throw new ImportRefusedError('transfer.otherStation', { station: file.stationId })
  const all = [...file.events, ...file.needsAttention.map(n => n.event)]
  if (all.some(e => e.stationId !== file.stationId))
    throw new ImportRefusedError('transfer.foreignRecords')

  const blobs: StoredBlob[] = []
  for (const b of file.blobs) {
    const bytes = fromBase64(b.base64)
    if (await sha256OfBytes(bytes) !== b.sha256)
      throw new ImportRefusedError('transfer.blobDamaged')
    blobs.push({ sha256: b.sha256, data: new Blob([bytes], { type: b.type }) })
  }
  const rejected: RejectedItem[] = file.needsAttention.map(n => ({ event: n.event as DomainEvent, reason: n.reason, rejectedAt: n.rejectedAt }))
  let result: ImportResult
  try {
    result = await port.importEvents(file.events as DomainEvent[], blobs, rejected)
  }
  catch (error) {
    if (error instanceof Error && error.name === 'EventValidationError')
      throw new ImportRefusedError('transfer.unknownRecords')
    throw error
  }
  return { ...result, fromDeviceId: file.deviceId, exportedAt: file.exportedAt, blobs: file.blobs.length }
}
