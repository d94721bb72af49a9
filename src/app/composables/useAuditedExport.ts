/**
 * Exporting a ledger (issue 5 item 1; DOMAIN.md masking): a masked export just makes the file; an export
 * with full values needs a reason (请填写导出完整信息的原因) and is recorded as `audit.exported` — who and
 * when from the signed-in session, which ledger, filter and row count, why — BEFORE the file is made.
 * If recording fails (nobody signed in, storage full), no file is made. A file that then fails to be
 * made leaves the record standing: the trail errs on the side of an attempt recorded.
 *
 * Errors reach the caller typed (and `error` holds it for the view to tell staff): `ExportReasonError`, the
 * recorder's `RecorderNotSignedInError`, `EventValidationError`, `StorageQuotaError`.
 */
import type { Ref, ShallowRef } from 'vue'
import type { AuditExportedPayload, AuditLedger } from '../../domain/audit'
import type { DomainEvent } from '../../domain/events'
import type { LedgerFilter } from '../../domain/ledgerFilter'
import type { ExportProgress, ExportTable } from '../export/table'
import { tryOnScopeDispose } from '@vueuse/core'
import { readonly, ref, shallowRef } from 'vue'
import { exportFilterOf, exportReasonError, newAuditStream } from '../../domain/audit'
import { exportCsv } from '../export/csvExport'
import { AppError } from '../appError'
import { downloadBlob } from '../export/download'
import { exportXlsx } from '../export/xlsxExport'
import { recordAs } from '../data'
import { useSessionStore } from '../stores/session'

/** A full-value export was asked for without an acceptable reason; nothing was recorded or made. */
export class ExportReasonError extends Error {
  override readonly name = 'ExportReasonError'
}

export interface AuditedExportRequest<K extends string = string> extends ExportTable<K> {
  /** Which annex ledger (D, E, F). */
  ledger: AuditLedger
  format: 'xlsx' | 'csv'
  /** Whether the rows are masked (DOMAIN.md: the default). False means full values: a reason is required. */
  masked: boolean
  /** Why full values are exported; required when `masked` is false. */
  reason?: string | null
  /** The filter the rows were listed with (recorded with a full-value export). */
  filter: LedgerFilter
  /** The .xlsx title row, e.g. '附录D 政务服务便民服务站工作台账'. */
  title: string
  /** The worksheet's name; the title unless said. */
  sheetName?: string
  /** e.g. exportFileName('工作台账', '2026-11', 'xlsx'). */
  fileName: string
}

export interface AuditedExportResult {
  blob: Blob
  fileName: string
  /** The recorded `audit.exported`, null for a masked export. */
  audit: DomainEvent<AuditExportedPayload> | null
}

export interface UseAuditedExportOptions {
  /** How the file is saved; a browser download unless said (tests pass their own). */
  save?: (blob: Blob, fileName: string) => void
}

export interface UseAuditedExportReturn {
  /** True while an export is under way. */
  exporting: Readonly<Ref<boolean>>
  /** The running export's progress (rows prepared, then the file), null when none. */
  progress: Readonly<ShallowRef<ExportProgress | null>>
  /** The last export's failure, null when it succeeded (the view says it with useErrorText). */
  error: Readonly<Ref<unknown>>
  /** Check the reason, record a full-value export, make the file and save it. */
  exportLedger: <K extends string>(request: AuditedExportRequest<K>) => Promise<AuditedExportResult>
  /** Stop a running export between chunks of rows. */
  cancel: () => void
}

/** Issue 5 item 1: ledger exports, full-value ones recorded with their reason first. */
export function useAuditedExport(options: UseAuditedExportOptions = {}): UseAuditedExportReturn {
  const save = options.save ?? ((blob: Blob, fileName: string) => downloadBlob(blob, fileName))
  const session = useSessionStore()
  const exporting = ref(false)
  const progress = shallowRef<ExportProgress | null>(null)
  const error = shallowRef<unknown>(null)
  let controller: AbortController | null = null

  async function recordFullValueExport<K extends string>(request: AuditedExportRequest<K>): Promise<DomainEvent<AuditExportedPayload>> {
    const reasonError = exportReasonError(request.reason)
    if (reasonError)
      throw new ExportReasonError(reasonError)
    const payload: AuditExportedPayload = {
      ledger: request.ledger,
      format: request.format,
      filter: exportFilterOf(request.filter),
      rowCount: request.rows.length,
      masked: false,
      reason: (request.reason ?? '').trim(),
    }
    return recordAs<AuditExportedPayload>(session.author, { stream: newAuditStream(), type: 'audit.exported', payload })
  }

  async function exportLedger<K extends string>(request: AuditedExportRequest<K>): Promise<AuditedExportResult> {
    controller?.abort()
    const mine = new AbortController()
    controller = mine
    exporting.value = true
    error.value = null
    progress.value = null
    try {
      const audit = request.masked ? null : await recordFullValueExport(request)
      const blob = request.format === 'xlsx'
        ? await exportXlsx({ title: request.title, sheetName: request.sheetName ?? request.title, columns: request.columns, rows: request.rows, signal: mine.signal, onProgress: (p) => { progress.value = p } })
        : exportCsv({ columns: request.columns, rows: request.rows })
      save(blob, request.fileName)
      return { blob, fileName: request.fileName, audit }
    }
    catch (e) {
      error.value = e
      throw e
    }
    finally {
      if (controller === mine) {
        controller = null
        exporting.value = false
        progress.value = null
      }
    }
  }

  function cancel(): void {
    controller?.abort(new AppError('export.cancelled'))
  }

  tryOnScopeDispose(cancel)

  return { exporting: readonly(exporting), progress, error: readonly(error), exportLedger, cancel }
}
