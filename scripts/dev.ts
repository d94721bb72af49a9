// `npm run dev`: the central endpoint under `tsx watch` (restarts when src/server or src/domain
// change) on PORT (8080), plus the Vite dev server with hot reload, which proxies /api to 8080
// (vite.config.ts). Ctrl+C, a signal, or either child exiting stops both.
//
// Each child runs in its own process group (detached) so that the whole tree — tsx watch and the
// node process it restarts, Vite and its workers — is killed together; their stdin is closed so
// neither tries to read the terminal from a background group.
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import path from 'node:path'
import { repoRoot } from './build-pwa'

interface Child {
  name: string
  process: ChildProcess
}

const port = process.env.PORT ?? '8080'
const children: Child[] = []
let stopping = false

function start(name: string, args: string[], env: NodeJS.ProcessEnv = {}): Child {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  })
  const entry = { name, process: child }
  children.push(entry)
  child.once('error', (error) => {
    console.error(`[dev] ${name} could not start:`, error)
    void stop(1)
  })
  child.once('exit', (code, signal) => {
    if (stopping) return
    console.error(`[dev] ${name} exited (${signal ?? `code ${code}`}); stopping the other process.`)
    void stop(code ?? 1)
  })
  return entry
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, signal)
  }
  catch {
    // The group is already gone.
  }
}

async function stop(exitCode: number): Promise<void> {
  if (stopping) return
  stopping = true
  const exited = children.map(({ process: child }) => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve()
    else child.once('exit', () => resolve())
  }))
  for (const { process: child } of children) signalGroup(child, 'SIGTERM')
  const forceKill = setTimeout(() => {
    for (const { process: child } of children) signalGroup(child, 'SIGKILL')
  }, 5_000)
  await Promise.all(exited)
  clearTimeout(forceKill)
  process.exit(exitCode)
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => void stop(0))
}
// Last resort if this process dies of an error: never leave the children behind.
process.on('exit', () => {
  for (const { process: child } of children) signalGroup(child, 'SIGKILL')
})

const tsxCli = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs')
const viteCli = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js')

console.log(`[dev] 中心端 / server: http://localhost:${port}/api (tsx watch)`)
start('server', [tsxCli, 'watch', '--clear-screen=false', 'scripts/start.ts', '--api-only'], { PORT: port })
console.log('[dev] 应用 / app: Vite dev server (its URL follows), /api proxied to the server')
start('vite', [viteCli])
