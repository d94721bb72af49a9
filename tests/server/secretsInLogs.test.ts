/**
 * Staff PINs, enrollment codes and the office password are printed on the start banner of the first start
 * only, and never reach the structured logs (issue 10 item 5). The real process (`tsx src/server/main.ts`)
 * starts on an empty data folder at LOG_LEVEL=trace; a tablet enrolls with the printed code and the office
 * signs in with the printed password, so request logging is exercised too. Every JSON (pino) line is then
 * searched for each secret, in the forms a log could carry it.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

const root = join(import.meta.dirname, '..', '..')

describe('the first start of the real process', () => {
  let dir: string
  let child: ChildProcess
  let stdout = ''
  let stderr = ''
  let exited: Promise<number | null>

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bianmin-logs-'))
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: join(dir, 'data'), DATABASE_URL: '', STATIC_DIR: join(dir, 'no-dist'), LOG_LEVEL: 'trace', SEED_DEMO: '1', VITEST: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
    exited = new Promise(resolve => child.once('exit', code => resolve(code)))
    // The banner's last line comes after the listening log line.
    await vi.waitFor(() => {
      if (child.exitCode !== null)
        throw new Error(`exited ${child.exitCode}:\n${stdout}\n${stderr}`)
      expect(stdout).toContain('SEED_DEMO=0')
    }, { timeout: 90_000, interval: 50 })
  }, 120_000)

  afterAll(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM')
      await exited
    }
    rmSync(dir, { recursive: true, force: true })
  })

  it('prints the PINs, the code and the office password on the banner, and none of them in a JSON log line', async () => {
    const url = /便民站台中心端已启动 \(central endpoint running\): (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1]
    const code = /Tablet enrollment code: (\S+)/.exec(stdout)?.[1]
    const pins = [...stdout.matchAll(/工作人员 Staff: \S+ {2}PIN (\d+)/g)].map(m => m[1] ?? '')
    const office = /Office login: (\S+) \/ (\S+)/.exec(stdout)
    expect(url).toBeDefined()
    expect(code).toMatch(/^[A-Z0-9-]{8,}$/)
    expect(pins.length).toBeGreaterThanOrEqual(2)
    expect(office?.[2]?.length).toBeGreaterThanOrEqual(8)

    // Use the secrets as a tablet and an office would, so their requests are logged too.
    const enrolled = await fetch(`${url}/api/devices/enroll`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code, deviceName: '日志测试平板' }) })
    expect(enrolled.status).toBe(200)
    const signedIn = await fetch(`${url}/api/office/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: office?.[1], password: office?.[2] }) })
    expect(signedIn.status).toBe(200)
    await vi.waitFor(() => expect(stdout).toContain('"path":"/api/office/session"'), { timeout: 10_000, interval: 50 })

    child.kill('SIGTERM')
    expect(await exited).toBe(0)

    const logLines = (stdout + stderr).split('\n').filter(line => line.startsWith('{'))
    // The logs really were captured at every level: migrations, listening, the two requests.
    expect(logLines.some(line => line.includes('"msg":"listening"'))).toBe(true)
    expect(logLines.some(line => line.includes('"msg":"migration"'))).toBe(true)
    expect(logLines.filter(line => line.includes('"msg":"request"')).length).toBeGreaterThanOrEqual(2)
    const logs = logLines.join('\n')
    const secrets = [code ?? '', (code ?? '').replace(/-/g, ''), office?.[2] ?? '', ...pins]
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThanOrEqual(4)
      // A PIN is short: look for it as a value, not as digits inside a timestamp or a port.
      const pattern = /^\d+$/.test(secret) ? new RegExp(`"${secret}"|[^\\d]${secret}[^\\d:.-]`) : new RegExp(secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i')
      expect(logs, `a secret (${secret.length} characters) in the logs`).not.toMatch(pattern)
    }
  }, 60_000)
})
