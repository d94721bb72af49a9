// Builds the PWA with Vite and decides whether an existing build is stale.
// Shared by `npm start` (scripts/start.ts) and the browser tests' global setup (tests/e2e).
//
// Staleness is a content hash, not modification times: a hash of every build input (and of
// APP_BUILD_ID) is written to <outDir>/.build-hash after a successful build. Times lie after a
// `git checkout` of older content, a copied dist/, or clock skew; a hash changes exactly when
// the content does, and a failed or interrupted build never leaves a matching hash behind.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Files and folders whose content determines the PWA build, relative to the repository root. */
export const buildInputs = [
  'src/app',
  'src/domain',
  'public',
  'index.html',
  'rate.html',
  'book.html',
  'results.html',
  'vite.config.ts',
  // A plugin vite.config.ts imports: the precache's office-only chunks.
  'scripts/officeOnlyChunks.ts',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
]

export const buildHashFile = '.build-hash'

async function listFiles(absPath: string): Promise<string[]> {
  if (!existsSync(absPath)) return []
  const entries = await readdir(absPath, { withFileTypes: true, recursive: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOTDIR') return null
    throw error
  })
  if (entries === null) return [absPath]
  return entries
    .filter(entry => entry.isFile() && entry.name !== '.DS_Store')
    .map(entry => path.join(entry.parentPath, entry.name))
}

/** SHA-256 over the paths and contents of all build inputs, plus the build id from the environment. */
export async function hashBuildInputs(root = repoRoot, buildId = process.env.APP_BUILD_ID ?? ''): Promise<string> {
  const hash = createHash('sha256')
  hash.update(`APP_BUILD_ID=${buildId}\0`)
  const files = (await Promise.all(buildInputs.map(input => listFiles(path.join(root, input))))).flat()
  const relative = files.map(file => path.relative(root, file).split(path.sep).join('/')).sort()
  for (const file of relative) {
    hash.update(`${file}\0`)
    hash.update(await readFile(path.join(root, file)))
    hash.update('\0')
  }
  return hash.digest('hex')
}

export interface BuildStatus {
  stale: boolean
  /** Why a build is needed (or that it is not), for the log. */
  reason: string
  hash: string
}

/** Whether `outDir` holds a complete build of the current inputs. */
export async function buildStatus(outDir: string, root = repoRoot): Promise<BuildStatus> {
  const hash = await hashBuildInputs(root)
  if (!existsSync(path.join(outDir, 'index.html'))) return { stale: true, reason: `no build in ${outDir}`, hash }
  const stored = await readFile(path.join(outDir, buildHashFile), 'utf8').catch(() => null)
  if (stored === null) return { stale: true, reason: `${outDir} was not built by this script (no ${buildHashFile})`, hash }
  if (stored.trim() !== hash) return { stale: true, reason: 'sources changed since the last build', hash }
  return { stale: false, reason: 'build is up to date', hash }
}

export interface BuildPwaOptions {
  /** Where to write the build; emptied first. */
  outDir: string
  /** Passed to the build as APP_BUILD_ID (shown by the app, and what makes a new build "new"). */
  buildId?: string
  root?: string
  /** `inherit` shows Vite's output; `capture` keeps it and includes it in the error if the build fails. */
  output?: 'inherit' | 'capture'
}

/** Runs `vite build` in a child process (its own environment, nothing of Vite left in this process). */
export async function buildPwa({ outDir, buildId, root = repoRoot, output = 'inherit' }: BuildPwaOptions): Promise<void> {
  const viteBin = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js')
  if (!existsSync(viteBin)) throw new Error(`Vite is not installed (${viteBin} is missing): run \`npm install\` first.`)
  const env = { ...process.env }
  if (buildId !== undefined) env.APP_BUILD_ID = buildId
  // The build `npm start` serves, whoever asks: under vitest NODE_ENV is 'test', and Vite would then bundle
  // Vue's development build and an unminified service worker (the size budgets read this build).
  env.NODE_ENV = 'production'
  const hash = await hashBuildInputs(root, env.APP_BUILD_ID ?? '')

  const child = spawn(process.execPath, [viteBin, 'build', '--outDir', outDir, '--emptyOutDir'], {
    cwd: root,
    env,
    stdio: output === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  const collect = (chunk: Buffer): void => {
    log += chunk.toString()
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', resolve)
  })
  if (code !== 0) {
    throw new Error(`vite build failed (exit code ${code})${log ? `:\n${log}` : ''}`)
  }
  await writeFile(path.join(outDir, buildHashFile), `${hash}\n`)
}
