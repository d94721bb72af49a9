/**
 * What the sync engine promises its callers (DESIGN §4): its states and status snapshot, the outcome of
 * one sync, its options, and the engine's own interface.
 */
import type { BackoffOptions } from './backoff'
import type { SyncClient } from './client'
import type { CloseDayProgress, CloseDayReport } from './closeDay'
import type { LockManagerLike } from './locks'
import type { SyncPort } from '../data'
import type { ImportSummary } from './transfer'

export type SyncState = 'idle' | 'syncing' | 'offline' | 'error' | 'updateRequired' | 'unauthorized'
export type SyncPhase = 'health' | 'blobs' | 'push' | 'pull'
export type SyncTrigger = 'start' | 'online' | 'foreground' | 'write' | 'manual' | 'retry' | 'closeDay' | 'import'

export interface SyncProgress {
  phase: SyncPhase
  done: number
  total: number
}

export interface SyncStatus {
  state: SyncState
  /** ISO time (device clock) of the last sync that completed. */
  lastSyncAt: string | null
  /** Events in the outbox. */
  pendingCount: number
  /** Events the server rejected, waiting for staff. */
  rejectedCount: number
  /** serverTime − device time, from the last answer; null before any. */
  clockOffsetMs: number | null
  /** |clockOffsetMs| over 5 minutes: staff should fix the tablet's clock. */
  clockWarning: boolean
  /** Why the last sync failed: a messageRef (src/app/appError.ts) the view translates; null after a success. */
  lastError: string | null
  /** With state 'updateRequired': the version the server asks for. */
  minAppVersion: string | null
  /** What the running sync is doing; null when none runs. */
  progress: SyncProgress | null
  /** Consecutive failed syncs; 0 after a success. */
  failures: number
  /** When the next automatic retry fires (epoch ms, device clock); null when none is scheduled. */
  nextRetryAt: number | null
}

export interface SyncOutcome {
  /** The sync ran to the end. */
  ok: boolean
  /** 'busy': another tab holds the sync lock, this call did nothing. */
  skipped?: 'busy' | 'blocked'
  state: SyncState
  /** Events the server answered for (applied + duplicate + rejected). */
  answered: number
  applied: number
  duplicate: number
  rejected: number
  pulled: number
  error: string | null
}
export interface SyncEngineOptions {
  client: SyncClient
  port: SyncPort
  /** Defaults to navigator.locks where supported; null uses only the in-tab mutex. */
  locks?: LockManagerLike | null
  /** Device clock (tests skew it). */
  now?: () => number
  /** For jitter (tests fix it). */
  random?: () => number
  backoff?: BackoffOptions
  /** No progress for this long ends the sync as failed. Default 60 s. */
  watchdogMs?: number
  /** Quiet time after a local write before syncing. Default 3 s. */
  writeDebounceMs?: number
  /** Events per pull page. Default 500 (server max 2000). */
  pullLimit?: number
  maxPushEvents?: number
  maxPushBytes?: number
  clockWarningMs?: number
  /** Where `online` is listened for; defaults to window. */
  window?: Pick<Window, 'addEventListener' | 'removeEventListener'> | null
  /** Where `visibilitychange` is listened for; defaults to document. */
  document?: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'> | null
}

export interface SyncEngine {
  /** Current status snapshot (replaced, never mutated). */
  getStatus: () => SyncStatus
  /** Calls `listener` with every new snapshot (and once now); returns the unsubscribe function. */
  subscribe: (listener: (status: SyncStatus) => void) => () => void
  /** Listens for `online` and return-to-foreground, and syncs once (app start). */
  start: () => void
  /** Removes listeners and timers, aborts a running sync. */
  stop: () => void
  /** "Sync now": runs a sync (or joins the running one) and resolves with its outcome. */
  syncNow: () => Promise<SyncOutcome>
  /** Call after each local write: counts are refreshed, a sync follows after a quiet time. */
  notifyLocalWrite: () => void
  /** Re-reads the pending and rejected counts. */
  refreshCounts: () => Promise<void>
  /** 日结: push and pull until nothing is pending or no more progress can be made. */
  closeDay: (onProgress?: (progress: CloseDayProgress) => void) => Promise<CloseDayReport>
  /** Last resort: the unsent data (outbox, rejected events, pending blobs) as a file. */
  exportUnsent: () => Promise<File>
  /** Imports another tablet's export of the same station, then syncs. */
  importUnsent: (file: Blob | string) => Promise<ImportSummary>
}
