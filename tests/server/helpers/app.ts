/** Builds the app over a test database with quiet logs and no static files unless asked. */
import { createApp } from '../../../src/server/app'
import type { App, AppDeps } from '../../../src/server/app'
import type { DatabaseHandle } from '../../../src/server/db'
import { appVersion } from '../../../src/server/version'

export function appFor(database: Pick<DatabaseHandle, 'db' | 'kind'> & Partial<Pick<DatabaseHandle, 'ping' | 'blobDir'>>, overrides: Partial<AppDeps> = {}): App {
  return createApp({ db: database.db, dbKind: database.kind, dbPing: database.ping, blobDir: database.blobDir, version: appVersion, staticDir: null, ...overrides })
}
