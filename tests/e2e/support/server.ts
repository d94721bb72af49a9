// Starts the real central endpoint (the same startServer `npm start` runs) in-process, on a free
// port, with a fresh PGlite folder, serving a copy of the suite's build that the test may replace.
import { cp, mkdtemp, rm } from 'node:fs/promises'
import path from 'node:path'
import { startServer } from '../../../src/server/main'
import { buildPwa } from '../../../scripts/build-pwa'
import { e2eContext } from './browser'

export interface AppServer {
  /** http://127.0.0.1:<port>: a secure context (service workers, installability) without TLS. */
  origin: string
  /** The folder being served; `deploy` rebuilds into it. */
  staticDir: string
  /** The build id the served app was built with. */
  buildId: string
  /** Builds the current sources with another APP_BUILD_ID into the served folder (a new version goes live). */
  deploy: (buildId: string) => Promise<void>
  close: () => Promise<void>
}

export async function startAppServer(name: string): Promise<AppServer> {
  const { baseBuildDir, baseBuildId, tmpRoot } = e2eContext()
  const dir = await mkdtemp(path.join(tmpRoot, `${name}-`))
  const staticDir = path.join(dir, 'www')
  await cp(baseBuildDir, staticDir, { recursive: true })
  // Embedded PGlite in a fresh folder: the browser tests are about the app, not the database choice.
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: path.join(dir, 'data'), staticDir })
  const app: AppServer = {
    origin: `http://127.0.0.1:${server.port}`,
    staticDir,
    buildId: baseBuildId,
    deploy: async (buildId) => {
      await buildPwa({ outDir: staticDir, buildId, output: 'capture' })
      app.buildId = buildId
    },
    close: async () => {
      await server.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
  return app
}
