/** The data layer's public API: the only door to IndexedDB (stores and composables go through here). */
import type { CaseState } from '../../domain/case'
import type { ConsultationState } from '../../domain/consultation'
import { projectionRepo } from './repos'

export { sha256Hex } from './blobHash'
export {
  BianminDb,
  database,
  DEFAULT_DB_NAME,
  PROJECTION_TABLES,
  REFERENCE_TABLES,
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
  SCHEMA_VERSION,
  TABLES,
  useDatabase,
} from './db'
export type { BlobRow, EventRow, MetaRow, OutboxRow, ProjectionKind, ProjectionRow, ProjectionState, ReferenceRow, ReferenceTableName, RejectedRow, TableName } from './db'
export {
  BlobHashMismatchError,
  EventIdReuseError,
  EventValidationError,
  isQuotaExceeded,
  onStorageNotice,
  ReferenceValidationError,
  StorageQuotaError,
} from './errors'
export type { FieldError, StorageNotice } from './errors'
export { metaRepo } from './meta'
export type { MetaKey, MetaValues, ReceiptSerialRecord } from './meta'
export { rebuildProjections } from './projections'
export type { RebuildOptions, RebuildProgress } from './projections'
export { applyPulledEvents, recordEvent, recordEvents } from './record'
export type { ApplyPulledOptions, ApplyPulledResult, BlobInput, PulledReference, RecordOptions } from './record'
export { referenceRepo } from './reference'
export { blobsRepo, eventsRepo, isSettled, outboxRepo, projectionRepo, rejectedRepo, SETTLED_STATUSES } from './repos'
export type { DueBeforeOptions, OutboxItem, ProjectionRepo, PushResult } from './repos'

/** Cases (帮办/代办/收件) as folded from their events. */
export const casesRepo = projectionRepo<CaseState>('case')

/** Consultations (咨询) as folded from their events. */
export const consultationsRepo = projectionRepo<ConsultationState>('consultation')
