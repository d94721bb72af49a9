/**
 * The central endpoint as a real child process (`node --import tsx src/server/main.ts`), for tests that
 * need two processes or a kill -9: started on 127.0.0.1 and a free port, waited for until it prints its URL.
 */
import { spawn } from 'node:child_process'
import type { ChildProcessByStdio } from 'node:child_process'
import { join } from 'node:path'
import type { Readable } from 'node:stream'

const root = join(import.meta.dirname, '..', '..', '..')

export interface ServerProcess {
  child: ChildProcessByStdio<null, Readable, Readable>
  /** Everything printed so far (stdout and stderr). */
  output: () => string
  /** The exit code (null when killed by a signal) once it exits. */
  exited: Promise<{ code: number | null, signal: NodeJS.Signals | null }>
}

export interface ServerEnv {
  DATA_DIR?: string
  DATABASE_URL?: string
  /** '1': believe X-Forwarded-For (a test can then speak from an address of its own). */
  TRUST_PROXY?: string
}

/** Spawns the server; it may exit before listening (see `listening`). */
export function spawnServer(env: ServerEnv): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: env.DATA_DIR ?? '', DATABASE_URL: env.DATABASE_URL ?? '', TRUST_PROXY: env.TRUST_PROXY ?? process.env.TRUST_PROXY ?? '', LOG_LEVEL: 'warn', SEED_DEMO: '0', STATIC_DIR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr.on('data', (d: Buffer) => (output += d.toString()))
  const exited = new Promise<{ code: number | null, signal: NodeJS.Signals | null }>(resolve => child.once('exit', (code, signal) => resolve({ code, signal })))
  return { child, output: () => output, exited }
}

/** The URL it printed, or a rejection with its output if it exits first. */
export function listening(server: ServerProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(server.output())
      if (match) {
        server.child.stdout.off('data', check)
        resolve(match[0])
      }
    }
    server.child.stdout.on('data', check)
    check()
    void server.exited.then(({ code, signal }) => reject(new Error(`server exited (${code ?? signal}) before listening:\n${server.output()}`)))
  })
}

/** kill -9, and wait until the process is gone. */
export async function killHard(server: ServerProcess): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null)
    server.child.kill('SIGKILL')
  await server.exited
}
