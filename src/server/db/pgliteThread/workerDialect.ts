/**
 * A Kysely dialect for PGlite running in a worker thread (worker.ts): the main thread only compiles queries
 * and posts them over the MessagePort, so HTTP keeps being answered while the database works.
 *
 * Like Kysely's built-in PGliteDialect: one connection, serialised by Kysely's connection mutex
 * (PGliteAdapter says it supports no multiple connections), transactions as begin/commit statements on it.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { CompiledQuery, PGliteAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely'
import type { DatabaseConnection, Dialect, Driver, Kysely, QueryResult, TransactionSettings } from 'kysely'
import type { WorkerReply, WorkerRequest, WorkerStart, WorkerStatus } from './protocol'
import { fromWorkerError } from './protocol'

/** A request before it gets its id (Omit over each member of the union). */
type NewRequest = WorkerRequest extends infer R ? R extends WorkerRequest ? Omit<R, 'id'> : never : never

type Pending = { resolve: (reply: WorkerReply & { ok: true }) => void, reject: (error: Error) => void }

/** The worker and its request/answer bookkeeping. */
export class PgliteThread {
  #worker: Worker
  #pending = new Map<number, Pending>()
  #nextId = 1
  #dead: Error | undefined
  #closed: Promise<void> | undefined

  private constructor(worker: Worker) {
    this.#worker = worker
    worker.on('message', (reply: WorkerReply) => {
      const pending = this.#pending.get(reply.id)
      if (!pending)
        return
      this.#pending.delete(reply.id)
      if (reply.ok)
        pending.resolve(reply)
      else pending.reject(fromWorkerError(reply.error))
    })
    const die = (error: Error) => {
      this.#dead ??= error
      for (const p of this.#pending.values())
        p.reject(this.#dead)
      this.#pending.clear()
    }
    worker.on('error', die)
    worker.on('exit', code => die(new Error(`PGlite worker exited (code ${code})`)))
  }

  /** Starts the worker and waits until PGlite has opened `dataDir`. */
  static async start(dataDir: string): Promise<PgliteThread> {
    const worker = spawnWorker({ dataDir })
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error)
      worker.once('error', onError)
      worker.once('message', (status: WorkerStatus) => {
        worker.off('error', onError)
        if (status.kind === 'ready')
          resolve()
        else reject(fromWorkerError(status.error))
      })
    }).catch(async (error: unknown) => {
      await worker.terminate()
      throw error
    })
    return new PgliteThread(worker)
  }

  request(message: NewRequest): Promise<WorkerReply & { ok: true }> {
    if (this.#dead)
      return Promise.reject(this.#dead)
    const id = this.#nextId++
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject })
      this.#worker.postMessage({ ...message, id } as WorkerRequest)
    })
  }

  async query(sql: string, params: readonly unknown[]): Promise<QueryResult<Record<string, unknown>>> {
    const reply = await this.request({ kind: 'query', sql, params })
    return { rows: reply.rows, numAffectedRows: reply.affectedRows === null ? undefined : BigInt(reply.affectedRows) }
  }

  /** Resolves once the worker answers: PGlite is open and its thread is not stuck. */
  async ping(): Promise<void> {
    await this.request({ kind: 'ping' })
  }

  /** Closes PGlite (flushing it to disk) and ends the thread; safe to call twice. */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      try {
        if (!this.#dead)
          await this.request({ kind: 'close' })
      }
      finally {
        await this.#worker.terminate()
      }
    })()
    return this.#closed
  }
}

/** worker.ts under tsx (npm start, tests: the .ts file goes through tsx's loader) or as built .js. */
function spawnWorker(start: WorkerStart): Worker {
  const here = import.meta.url
  const isTs = /\.ts$/.test(new URL(here).pathname)
  const entry = new URL(isTs ? './worker.ts' : './worker.js', here)
  if (!isTs)
    return new Worker(entry, { workerData: start })
  const tsxApi = tsxEsmApi(here)
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(api => api.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)}))`
  return new Worker(bootstrap, { eval: true, workerData: start, execArgv: [] })
}

/** The ESM build of tsx's API (tsImport), found through tsx's package.json exports. */
function tsxEsmApi(from: string): string {
  const manifest = createRequire(from).resolve('tsx/package.json')
  const exports = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports
  const entry = exports['./esm/api']?.import.default
  if (!entry)
    throw new Error('tsx has no ./esm/api export')
  return pathToFileURL(join(dirname(manifest), entry)).href
}

export class PgliteThreadDialect implements Dialect {
  constructor(private readonly thread: PgliteThread) {}
  createAdapter() {
    return new PGliteAdapter()
  }

  createDriver(): Driver {
    return new PgliteThreadDriver(this.thread)
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's Dialect signature
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db)
  }

  createQueryCompiler() {
    return new PostgresQueryCompiler()
  }
}

class PgliteThreadDriver implements Driver {
  readonly #connection: PgliteThreadConnection
  constructor(private readonly thread: PgliteThread) {
    this.#connection = new PgliteThreadConnection(thread)
  }

  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let begin = 'begin'
    if (settings.isolationLevel || settings.accessMode) {
      begin = 'start transaction'
      if (settings.isolationLevel)
        begin += ` isolation level ${settings.isolationLevel}`
      if (settings.accessMode)
        begin += ` ${settings.accessMode}`
    }
    await connection.executeQuery(CompiledQuery.raw(begin))
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'))
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'))
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdent(name)}`))
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoteIdent(name)}`))
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdent(name)}`))
  }

  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {
    await this.thread.close()
  }
}

class PgliteThreadConnection implements DatabaseConnection {
  constructor(private readonly thread: PgliteThread) {}
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    return await this.thread.query(compiled.sql, compiled.parameters) as QueryResult<R>
  }

  // eslint-disable-next-line require-yield -- the interface wants a generator
  async* streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported by PGlite.')
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}
