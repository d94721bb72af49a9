// The sync journey needs what `npm start` prints (the demo's enrollment code, staff PINs, office
// login) and the server's own database to check what it holds. `startAppServer` (server.ts) keeps
// both to itself, so this starts the same real server the same way (`startServer`, in-process, a
// fresh PGlite folder, a copy of the suite's build) and hands them over too.
import { cp, mkdtemp, rm } from 'node:fs/promises'
import path from 'node:path'
import type { Kysely } from 'kysely'
import type { Page } from 'playwright-core'
import type { Database } from '../../../src/server/db'
import { startServer } from '../../../src/server/main'
import type { DemoInfo } from '../../../src/server/seed/demo'
import { e2eContext } from './browser'
import { appDatabaseName } from './indexeddb'

export interface SeededServer {
  /** http://127.0.0.1:<port> */
  origin: string
  /** Exactly what `npm start` prints for the demo station (formatDemoInfo's input). */
  demo: DemoInfo
  /** The server's database: the direct check of what it holds. */
  db: Kysely<Database>
  close: () => Promise<void>
}

export async function startSeededServer(name: string): Promise<SeededServer> {
  const { baseBuildDir, tmpRoot } = e2eContext()
  const dir = await mkdtemp(path.join(tmpRoot, `${name}-`))
  const staticDir = path.join(dir, 'www')
  await cp(baseBuildDir, staticDir, { recursive: true })
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: path.join(dir, 'data'), staticDir, seedDemo: true })
  if (server.demo === null) {
    await server.close()
    throw new Error('the server did not seed its demo station on a first start with an empty database')
  }
  return {
    origin: `http://127.0.0.1:${server.port}`,
    demo: server.demo,
    db: server.database.db,
    close: async () => {
      await server.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** Every row of one object store of the app's IndexedDB database, read with the raw API (no app code). */
export async function readAllRows<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(({ name, store }) => new Promise<T[]>((resolve, reject) => {
    const open = indexedDB.open(name)
    open.onerror = () => reject(open.error ?? new Error(`cannot open ${name}`))
    open.onsuccess = () => {
      const db = open.result
      const request = db.transaction(store, 'readonly').objectStore(store).getAll()
      request.onsuccess = () => {
        db.close()
        resolve(request.result as T[])
      }
      request.onerror = () => {
        db.close()
        reject(request.error ?? new Error(`cannot read ${store}`))
      }
    }
  }), { name: appDatabaseName, store })
}
