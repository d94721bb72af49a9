/**
 * The data layer's public API: the only door to IndexedDB. Stores, composables and the sync module import
 * from here, never from a file under data/ (lint-enforced), and never get the Dexie database itself.
 */
import type { CaseState } from '../../domain/case'
import type { ConsultationState } from '../../domain/consultation'
import { caseQueries, consultationQueries, projectionRepo } from './repos'

export { sha256Hex } from './blobHash'
export { applyStoredCalendarYears } from './calendarYears'
export {
  DEFAULT_DB_NAME,
  PROJECTION_TABLES,
  REFERENCE_TABLES,
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
  SCHEMA_V4,
  SCHEMA_VERSION,
  TABLES,
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
export { watchPulledEvents } from './changes'
export { metaRepo } from './meta'
export type { MetaKey, MetaValues, ReceiptSerialRecord } from './meta'
export { projectionRebuildPending, rebuildProjections } from './projections'
export type { RebuildOptions, RebuildProgress } from './projections'
export { purgeExpiredPersonalData } from './purge'
export type { PurgeOptions, PurgeProgress } from './purge'
export { applyPulledEvents, recordEvent, recordEvents } from './record'
export { isoWithOffset, onLocalWrite, recordAs, RecorderNotSignedInError, recordManyAs } from './recorder'
export type { RecordInput, RecordInputOptions, RecordingAuthor } from './recorder'
export type { ApplyPulledOptions, ApplyPulledResult, BlobInput, PulledReference, RecordOptions } from './record'
export { recordSyncState, recordSyncStates } from './recordSyncStates'
export type { RecordSyncState } from './recordSyncStates'
export { referenceRepo } from './reference'
export { blobsRepo, eventsRepo, isSettled, outboxRepo, projectionRepo, rejectedRepo, SETTLED_STATUSES } from './repos'
export type { CaseQueries, ConsultationQueries, DueBeforeOptions, KindRangeOptions, OutboxEntry, Page, PageCursor, PageOptions, ProjectionRepo, TokenSearchOptions, TokenSearchResult } from './repos'
export { blobRefsOf, createDataSyncPort, forgetDeviceToken, referenceTables, saveEnrollment } from './syncPort'
export type { DeviceIdentity, Enrollment, ImportResult, RejectedItem, OutboxItem, PulledReferenceDelta, StoredBlob, SyncPort } from './syncPortTypes'
export { normaliseSearchText, plainSearchTokens, searchQueryTokens } from './searchTokens'
export type { SearchTokenKind } from './searchTokens'

/** Cases (帮办/代办/收件) as folded from their events, with their date-range and item queries. */
export const casesRepo = { ...projectionRepo<CaseState>('case'), ...caseQueries<CaseState>() }

/** Consultations (咨询) as folded from their events, with their date-range queries. */
export const consultationsRepo = { ...projectionRepo<ConsultationState>('consultation'), ...consultationQueries<ConsultationState>() }
