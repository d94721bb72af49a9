/**
 * One process per PGlite data folder (issue 10 item 2): a second server on the same DATA_DIR exits
 * non-zero naming the folder and the holder; after the holder is killed with SIGKILL, a new one starts.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runAdmin } from '../../../src/server/cli/admin'
import { DataDirLockedError, openDatabase } from '../../../src/server/db'
import { LOCK_FILE_NAME, lockDataDir } from '../../../src/server/db/dataDirLock'
import { killHard, listening, spawnServer } from '../helpers/serverProcess'
import type { ServerProcess } from '../helpers/serverProcess'

const dirs: string[] = []
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bianmin-lock-'))
  dirs.push(dir)
  return dir
}
const started: ServerProcess[] = []
afterAll(async () => {
  await Promise.all(started.map(killHard))
  for (const dir of dirs)
    rmSync(dir, { recursive: true, force: true })
})

/** A pid that surely belongs to no running process: a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
  return Number(child.stdout)
}

describe('data-folder lock in one process', () => {
  it('refuses a second lock on the same folder until the first is released', () => {
    const dir = tempDir()
    const first = lockDataDir(dir)
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError)
    expect(() => lockDataDir(dir)).toThrow(new RegExp(`${dir}.*${process.pid}`))
    first.release()
    const again = lockDataDir(dir)
    again.release()
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false)
  })

  it('takes over a lock whose process is gone, and an old empty lock file', () => {
    const dir = tempDir()
    writeFileSync(join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: deadPid(), command: 'node gone.js', startTime: null, nonce: 'x', since: '' }))
    lockDataDir(dir).release()
    writeFileSync(join(dir, LOCK_FILE_NAME), '')
    const old = new Date(Date.now() - 60_000)
    utimesSync(join(dir, LOCK_FILE_NAME), old, old)
    lockDataDir(dir).release()
  })

  it('refuses openDatabase on a folder another handle holds, and allows it after close', async () => {
    const dir = tempDir()
    const first = await openDatabase({ dataDir: dir })
    try {
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DataDirLockedError)
    }
    finally {
      await first.close()
    }
    const second = await openDatabase({ dataDir: dir })
    await second.close()
  }, 60_000)
})

describe('data-folder lock across processes', () => {
  it('refuses a second server naming the folder and the holder; a restart after kill -9 starts', async () => {
    const dataDir = tempDir()
    const first = spawnServer({ DATA_DIR: dataDir })
    started.push(first)
    const url = await listening(first)
    expect((await fetch(`${url}/api/health`)).status).toBe(200)

    const second = spawnServer({ DATA_DIR: dataDir })
    started.push(second)
    const { code } = await second.exited
    expect(code).not.toBe(0)
    expect(second.output()).toContain(dataDir)
    expect(second.output()).toContain(`进程号 ${first.child.pid}`)
    expect(second.output()).toContain('src/server/main.ts')
    // The admin CLI opens the folder the same way and is refused the same way.
    const errors: string[] = []
    const code2 = await runAdmin(['create-office-user', '--username', 'late-admin', '--password-stdin'], {
      readStdin: async () => 'a-long-enough-password\n',
      out: () => {},
      err: line => errors.push(line),
      env: { DATA_DIR: dataDir },
    })
    expect(code2).toBe(1)
    expect(errors.join('\n')).toContain(`进程号 ${first.child.pid}`)
    // The first is untouched.
    expect((await fetch(`${url}/api/health`)).status).toBe(200)

    await killHard(first)
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(true)
    const third = spawnServer({ DATA_DIR: dataDir })
    started.push(third)
    const thirdUrl = await listening(third)
    expect(await (await fetch(`${thirdUrl}/api/health`)).json()).toMatchObject({ status: 'ok', db: 'pglite' })
    third.child.kill('SIGTERM')
    expect((await third.exited).code).toBe(0)
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false)
  }, 120_000)
})
