import type { SyncClient, Timed } from './client'
import type { SyncOutcome, SyncStatus } from './engineTypes'
import type { SyncPort } from '../data'

/** Callbacks of a run that 日结 (closeDay) counts its progress by. */
export interface RunHooks {
  onAnswered?: (count: number) => void
  onPulled?: (count: number) => void
}

/** What every phase of one sync (blobs, push, pull) works with, under the lock. */
export interface SyncRun {
  client: SyncClient
  port: SyncPort
  signal: AbortSignal
  /** Awaits `p`, then checks the abort signal and feeds the watchdog. */
  step: <T>(p: Promise<T>) => Promise<T>
  hooks: RunHooks
  /** Tallied as the server answers. */
  outcome: SyncOutcome
  /** Publishes a new status snapshot. */
  update: (patch: Partial<SyncStatus>) => void
  /** Takes the server's clock from an answer (DESIGN §4 clock offset). */
  observeClock: <T extends { serverTime?: string }>(timed: Timed<T>) => void
}
