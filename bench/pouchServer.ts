/**
 * The peer of `pouchdb-peer` (issue 12 item 1): a CouchDB-compatible server — express-pouchdb on PouchDB's
 * memory adapter — as its own process on 127.0.0.1 and a free port (PORT, default 0). Prints its URL.
 * PouchDB and express-pouchdb are CommonJS, loaded through createRequire.
 */
import type { Server } from 'node:http'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
interface PouchStatic {
  plugin: (plugin: unknown) => PouchStatic
  defaults: (options: Record<string, unknown>) => PouchStatic
}
type ExpressPouch = (pouch: PouchStatic, options: Record<string, unknown>) => { listen: (port: number, host: string, ready: () => void) => Server }

const PouchDB = (require('pouchdb') as PouchStatic).plugin(require('pouchdb-adapter-memory'))
const Memory = PouchDB.defaults({ adapter: 'memory' })
const app = (require('express-pouchdb') as ExpressPouch)(Memory, { mode: 'minimumForPouchDB', inMemoryConfig: true })
const server = app.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const address = server.address()
  if (address && typeof address === 'object')
    process.stdout.write(`pouchdb-server listening on http://127.0.0.1:${address.port}\n`)
})
process.once('SIGTERM', () => server.close(() => process.exit(0)))
