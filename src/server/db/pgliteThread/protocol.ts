/** Messages between the main thread (workerDialect.ts) and the PGlite worker (worker.ts). */

export interface WorkerStart {
  /** A folder, or 'memory://'. */
  dataDir: string
}

export type WorkerRequest
  = | { id: number, kind: 'query', sql: string, params: readonly unknown[] }
  /** Answered between two queries, never queued behind them: how /api/health sees the database thread. */
    | { id: number, kind: 'ping' }
    | { id: number, kind: 'close' }

/** A database error as plain data (code, detail, constraint… as PGlite set them). */
export interface WorkerError {
  message: string
  name: string
  fields: Record<string, string | number | boolean | null>
}

export type WorkerReply
  = | { id: number, ok: true, rows: Record<string, unknown>[], affectedRows: number | null }
    | { id: number, ok: false, error: WorkerError }

export type WorkerStatus = { kind: 'ready' } | { kind: 'failed', error: WorkerError }

export function toWorkerError(error: unknown): WorkerError {
  if (!(error instanceof Error))
    return { message: String(error), name: 'Error', fields: {} }
  const fields: WorkerError['fields'] = {}
  for (const [key, value] of Object.entries(error)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value))
      fields[key] = value as string | number | boolean | null
  }
  return { message: error.message, name: error.name, fields }
}

export function fromWorkerError(error: WorkerError): Error {
  const rebuilt = new Error(error.message) as Error & Record<string, unknown>
  rebuilt.name = error.name
  Object.assign(rebuilt, error.fields)
  return rebuilt
}
