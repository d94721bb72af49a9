/**
 * One process per PGlite data folder (issue 10 item 2). Two processes on one folder each number seqs
 * and device slots from their own copy, and whichever closes last overwrites the other's acknowledged
 * data. So whoever opens the folder first holds `<DATA_DIR>/bianmin.lock` for the life of the process
 * (the server, the admin CLI, anything that goes through openDatabase); a second opener is refused with
 * DataDirLockedError naming the folder and the holder (pid, command).
 *
 * The lock file is created exclusively (O_EXCL) and holds the owner's pid, its command line and, on
 * Linux, the kernel start time of that pid. A lock whose process is gone (kill -9, power cut) is stale
 * and is taken over on the next start; so is one whose pid now belongs to another process (the start
 * time differs) or to the opener itself without it holding the lock.
 */
import { randomUUID } from 'node:crypto'
import { linkSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const LOCK_FILE_NAME = 'bianmin.lock'

interface LockInfo {
  pid: number
  command: string
  /** /proc/<pid>/stat start time (clock ticks since boot); null where there is no /proc. */
  startTime: string | null
  nonce: string
  since: string
}

export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError'
  constructor(readonly dataDir: string, readonly holderPid: number, readonly holderCommand: string) {
    super(`数据目录 ${dataDir} 正被另一个进程使用（进程号 ${holderPid}：${holderCommand}），不能同时打开；请先停止该进程。`
      + ` (data folder ${dataDir} is in use by process ${holderPid}: ${holderCommand})`)
  }
}

export interface DataDirLock {
  readonly path: string
  /** Removes the lock file if it is still ours; safe to call twice. */
  release: () => void
}

/** Locks held by this process, so a second open in the same process is refused too. */
const held = new Map<string, LockInfo>()

/** Takes the lock on `dataDir` (an existing folder) or throws DataDirLockedError. */
export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE_NAME)
  const mine: LockInfo = {
    pid: process.pid,
    command: commandLine(process.pid) ?? process.argv.join(' '),
    startTime: startTimeOf(process.pid),
    nonce: randomUUID(),
    since: new Date().toISOString(),
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path, mine)) {
      held.set(path, mine)
      const onExit = () => removeIfMine(path, mine)
      process.once('exit', onExit)
      let released = false
      return {
        path,
        release: () => {
          if (released)
            return
          released = true
          process.off('exit', onExit)
          held.delete(path)
          removeIfMine(path, mine)
        },
      }
    }
    const holder = readLock(path)
    if (holder === 'missing')
      continue
    if (holder !== 'unreadable' && isAlive(holder, path))
      throw new DataDirLockedError(dataDir, holder.pid, holder.command)
    // An empty file this young may be another opener between its create and its write.
    if (holder === 'unreadable' && ageMs(path) < 5000)
      throw new DataDirLockedError(dataDir, 0, '正在启动的进程 (a process that is starting)')
    takeOverStale(path, holder, dataDir)
  }
  throw new Error(`cannot take the lock ${path}: it keeps changing`)
}

function tryCreate(path: string, info: LockInfo): boolean {
  try {
    writeFileSync(path, `${JSON.stringify(info)}\n`, { flag: 'wx', mode: 0o644 })
    return true
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return false
    throw error
  }
}

function readLock(path: string): LockInfo | 'missing' | 'unreadable' {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return 'missing'
    throw error
  }
  try {
    const info = JSON.parse(text) as Partial<LockInfo>
    if (typeof info.pid !== 'number' || typeof info.nonce !== 'string')
      return 'unreadable'
    return { pid: info.pid, command: String(info.command ?? ''), startTime: info.startTime ?? null, nonce: info.nonce, since: String(info.since ?? '') }
  }
  catch {
    // A crash between create and write leaves an empty file: nobody holds it.
    return 'unreadable'
  }
}

function isAlive(holder: LockInfo, path: string): boolean {
  if (holder.pid === process.pid)
    return held.get(path)?.nonce === holder.nonce
  try {
    process.kill(holder.pid, 0)
  }
  catch (error) {
    // EPERM: alive, owned by another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  const now = startTimeOf(holder.pid)
  return holder.startTime === null || now === null || now === holder.startTime
}

/**
 * Moves the stale file aside (rename is atomic, so of two processes taking over at once only one moves
 * it); if what was moved is not the stale lock judged (another process took over in between), it goes
 * back and this opener is refused.
 */
function takeOverStale(path: string, stale: LockInfo | 'unreadable', dataDir: string): void {
  const aside = `${path}.stale-${process.pid}-${randomUUID().slice(0, 8)}`
  try {
    renameSync(path, aside)
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return
    throw error
  }
  const moved = readLock(aside)
  const same = stale === 'unreadable' ? moved === 'unreadable' : moved !== 'missing' && moved !== 'unreadable' && moved.nonce === stale.nonce
  if (!same && moved !== 'missing' && moved !== 'unreadable') {
    try {
      linkSync(aside, path)
    }
    catch {
      // Someone else holds it now; either way we are not the owner.
    }
    unlinkSync(aside)
    throw new DataDirLockedError(dataDir, moved.pid, moved.command)
  }
  unlinkSync(aside)
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs
  }
  catch {
    return Number.POSITIVE_INFINITY
  }
}

function removeIfMine(path: string, mine: LockInfo): void {
  const current = readLock(path)
  if (current !== 'missing' && current !== 'unreadable' && current.nonce === mine.nonce) {
    try {
      unlinkSync(path)
    }
    catch {
      // Already gone.
    }
  }
}

function commandLine(pid: number): string | null {
  try {
    const text = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ')
    return text ? text.slice(0, 300) : null
  }
  catch {
    return null
  }
}

function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Field 22; the command (field 2) is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return fields[19] ?? null
  }
  catch {
    return null
  }
}
