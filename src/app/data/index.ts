/**
 * The data layer's public API: the only door to IndexedDB. Stores, composables and the sync module import
 * from here, never from a file under data/ (lint-enforced), and never get the Dexie database itself.
 */
import type { CaseState } from '../../domain/case'
import type { ConsultationState } from '../../domain/consultation'
import type { ProjectionState } from './rows'
import type { ProjectionKind } from './schema'
import type { ProjectionRepo } from './repos/projection'
import { opened } from './crypto/openedRepos'
import { projectionRepo as storedProjectionRepo } from './repos/projection'
import { caseQueries, consultationQueries } from './repos/rangeQueries'

export { sha256Hex } from './blobHash'
export { applyStoredCalendarYears } from './calendarYears'
export { workCalendar } from './workCalendar'
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
} from './schema'
export type { BlobRow, EventRow, MetaRow, OutboxRow, ProjectionRow, ProjectionState, ReferenceRow, RejectedRow } from './rows'
export type { ProjectionKind, ReferenceTableName, TableName } from './schema'
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
export type { OutboxEntry } from './repos/outbox'
export type { DueBeforeOptions, Page, PageCursor, PageOptions, ProjectionRepo } from './repos/projection'
export type { CaseQueries, ConsultationQueries, KindRangeOptions } from './repos/rangeQueries'
export { rejectedRepo } from './repos/rejected'
export { isSettled, SETTLED_STATUSES } from './repos/settled'
export type { TokenSearchOptions, TokenSearchResult } from './repos/tokenSearch'
export { blobRefsOf, createDataSyncPort, forgetDeviceToken, referenceTables, saveEnrollment } from './syncPort'
export type { DeviceIdentity, Enrollment, ImportResult, RejectedItem, OutboxItem, PulledReferenceDelta, StoredBlob, SyncPort } from './syncPortTypes'
export { normaliseSearchText, plainSearchTokens, searchQueryTokens } from './searchTokens'
export type { SearchTokenKind } from './searchTokens'

// Every repository below returns rows opened (personal values decrypted after reading: crypto/openedRepos.ts).

export { blobsRepo, eventsRepo, outboxRepo } from './crypto/openedRepos'

/** Read access to one projection table, rows opened. */
export function projectionRepo<S extends ProjectionState = ProjectionState>(kind: ProjectionKind): ProjectionRepo<S> {
  return opened(storedProjectionRepo<S>(kind) as unknown as Record<string, unknown>) as unknown as ProjectionRepo<S>
}

/** Cases (帮办/代办/收件) as folded from their events, with their date-range and item queries. */
export const casesRepo = opened({ ...storedProjectionRepo<CaseState>('case'), ...caseQueries<CaseState>() })

/** Consultations (咨询) as folded from their events, with their date-range queries. */
export const consultationsRepo = opened({ ...storedProjectionRepo<ConsultationState>('consultation'), ...consultationQueries<ConsultationState>() })

export { DataLockedError, dataKeyReady, dropDataKey, onDataKeyChange } from './crypto/keyring'
export { forgetSessionKey, persistSessionKey, restoreSessionKey, unlockDataKey, wrappedStaffIds } from './crypto/keyStore'
export type { UnlockResult } from './crypto/keyStore'
export { legacySealPending, sealLegacyData } from './crypto/legacy'
export type { SealProgress } from './crypto/legacy'
