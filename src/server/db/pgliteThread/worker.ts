/**
 * The PGlite worker thread (issue 10 item 3): PGlite is single-threaded WASM, and on the main thread every
 * query held up every HTTP request. Here it owns the database; the main thread sends one query at a time
 * (Kysely's connection mutex, see workerDialect.ts) and a ping is answered as soon as the current query ends.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { MessagePort } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'
import { parseInt8, INT8_OID } from '../int8'
import type { WorkerReply, WorkerRequest, WorkerStart, WorkerStatus } from './protocol'
import { toWorkerError } from './protocol'

const { dataDir } = workerData as WorkerStart

async function run(port: MessagePort): Promise<void> {
  let pglite: PGlite
  try {
    pglite = await PGlite.create(dataDir, { parsers: { [INT8_OID]: parseInt8 } })
  }
  catch (error) {
    port.postMessage({ kind: 'failed', error: toWorkerError(error) } satisfies WorkerStatus)
    return
  }
  port.on('message', (request: WorkerRequest) => {
    void answer(pglite, request).then(reply => port.postMessage(reply))
  })
  port.postMessage({ kind: 'ready' } satisfies WorkerStatus)
}

async function answer(pglite: PGlite, request: WorkerRequest): Promise<WorkerReply> {
  try {
    switch (request.kind) {
      case 'query': {
        const result = await pglite.query<Record<string, unknown>>(request.sql, request.params as unknown[], { rowMode: 'object' })
        return { id: request.id, ok: true, rows: result.rows, affectedRows: result.affectedRows ?? null }
      }
      case 'ping':
        if (pglite.closed)
          throw new Error('PGlite is closed')
        return { id: request.id, ok: true, rows: [], affectedRows: null }
      case 'close':
        if (!pglite.closed)
          await pglite.close()
        return { id: request.id, ok: true, rows: [], affectedRows: null }
    }
  }
  catch (error) {
    return { id: request.id, ok: false, error: toWorkerError(error) }
  }
}

if (!parentPort)
  throw new Error('the PGlite worker must run in a worker thread')
void run(parentPort)
