/**
 * The sync-problems list (同步异常) staff work through: events the server rejected (DESIGN §4: kept with its reason,
 * never dropped) and records whose facts conflict (a projection's needsAttention, DESIGN §3). Two kinds, one list.
 */
import type { Reason } from '../../domain/reason'
import type { ProjectionRow, RejectedRow } from '../data'
import { streamKind } from '../../domain/events'

/** One line of the sync-problems list. */
export interface AttentionItem {
  kind: 'rejected' | 'conflict'
  /** The record (stream id) it belongs to. */
  stream: string
  /** 'case', 'consultation', … */
  recordKind: string
  eventId: string | null
  type: string | null
  staffId: string | null
  /** Server reason code or the fold's reasons, as stored. */
  reason: string
  /** A conflict's reasons one by one, and their codes (for showing them in the staff's language). */
  attentionReasons?: string[]
  attentionCodes?: Reason[]
  at: string
}

/** The list's lines: the rejected events as given, then the conflicting records. */
export function syncProblemItems(rejected: readonly RejectedRow[], conflicting: readonly ProjectionRow[]): AttentionItem[] {
  const items: AttentionItem[] = rejected.map(r => ({
    kind: 'rejected',
    stream: r.stream,
    recordKind: streamKind(r.stream),
    eventId: r.eventId,
    type: r.type,
    staffId: r.staffId,
    reason: r.reason,
    at: r.rejectedAt,
  }))
  for (const p of conflicting) {
    items.push({
      kind: 'conflict',
      stream: p.id,
      recordKind: streamKind(p.id),
      eventId: null,
      type: null,
      staffId: p.staffId,
      reason: p.attentionReasons.join('；'),
      attentionReasons: p.attentionReasons,
      ...(p.attentionCodes ? { attentionCodes: p.attentionCodes } : {}),
      at: p.lastOccurredAt,
    })
  }
  return items
}

const HAN = /[\u4E00-\u9FFF]/

/**
 * rejectionReason as worded in `locale`: a detail in the server's own Chinese (a zod message on the record, or a
 * reason the server words itself) is shown in the Chinese UI only, like AppError.serverText; other locales say so.
 */
export function rejectionWords(reason: string, locale: string): { key: ReturnType<typeof rejectionReason>['key'] | 'inChinese', detail: string } {
  const r = rejectionReason(reason)
  return locale !== 'zh-CN' && HAN.test(r.detail) ? { key: 'inChinese', detail: '' } : r
}

/** How a server rejection reason (DESIGN §4, src/server/sync/push.ts) is told to staff: an i18n key under sync.reason and its detail. */
export function rejectionReason(reason: string): { key: 'scope' | 'idReuse' | 'invalid' | 'tooLarge' | 'other', detail: string } {
  if (reason === 'scope')
    return { key: 'scope', detail: '' }
  if (reason === 'id-reuse')
    return { key: 'idReuse', detail: '' }
  if (reason === 'event-too-large' || reason === 'too-large')
    return { key: 'tooLarge', detail: '' }
  const invalid = /^invalid(?:-event)?:\s*(.*)$/s.exec(reason)
  if (invalid)
    return { key: 'invalid', detail: invalid[1] ?? '' }
  return { key: 'other', detail: reason }
}
