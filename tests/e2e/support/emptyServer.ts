// A county from nothing (issue 8): a fresh PGlite folder, the first office admin created by the real CLI
// (`npm run admin -- create-office-user … --password-stdin`) while no server holds the folder, then the real
// server started in-process on that folder with no demo seed (SEED_DEMO=0), serving a copy of the suite's build.
import { spawn } from 'node:child_process'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Kysely } from 'kysely'
import type { Database } from '../../../src/server/db'
import { startServer } from '../../../src/server/main'
import { e2eContext } from './browser'

export interface OfficeLogin {
  username: string
  password: string
  divisionCode: string
}

export interface EmptyServer {
  /** http://127.0.0.1:<port> */
  origin: string
  /** The admin the CLI created. */
  admin: OfficeLogin
  /** What the CLI printed on standard output. */
  cliOutput: string
  /** The server's database: the direct check of what it holds. */
  db: Kysely<Database>
  close: () => Promise<void>
}

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `npm run --silent admin -- <args>` in the repository with `env` added and `stdin` as its input. */
export function runAdminCli(args: string[], env: Record<string, string>, stdin: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'admin', '--', ...args], {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8')
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8')
    })
    child.on('error', reject)
    child.on('close', code => resolve({ code, stdout, stderr }))
    child.stdin.end(`${stdin}\n`)
  })
}

export async function startEmptyServer(name: string, admin: OfficeLogin): Promise<EmptyServer> {
  const { baseBuildDir, tmpRoot } = e2eContext()
  const dir = await mkdtemp(path.join(tmpRoot, `${name}-`))
  const dataDir = path.join(dir, 'data')
  const cli = await runAdminCli(
    ['create-office-user', '--username', admin.username, '--password-stdin', '--role', 'admin', '--division', admin.divisionCode],
    // The data folder, never a DATABASE_URL the suite may have set for the server suites.
    { DATA_DIR: dataDir, SEED_DEMO: '0', DATABASE_URL: '' },
    admin.password,
  )
  if (cli.code !== 0)
    throw new Error(`the admin CLI failed (exit ${cli.code}):\n${cli.stderr}${cli.stdout}`)
  const staticDir = path.join(dir, 'www')
  await cp(baseBuildDir, staticDir, { recursive: true })
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, staticDir, seedDemo: false })
  if (server.demo !== null) {
    await server.close()
    throw new Error('the server seeded a demo station although seedDemo was false')
  }
  return {
    origin: `http://127.0.0.1:${server.port}`,
    admin,
    cliOutput: cli.stdout,
    db: server.database.db,
    close: async () => {
      await server.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
