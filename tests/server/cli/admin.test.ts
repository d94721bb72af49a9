/** `npm run admin -- create-office-user` (issue 8 item 1): the first admin of an empty database, without SQL. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAdmin } from '../../../src/server/cli/admin'
import type { AdminIo } from '../../../src/server/cli/admin'
import { openDatabase } from '../../../src/server/db'
import { appFor } from '../helpers/app'
import { testDatabases } from '../helpers/databases'
import type { TestDatabase } from '../helpers/databases'
import { sessionCookie } from '../helpers/office'

function io(ctx: TestDatabase, stdin: string): AdminIo & { lines: string[], errors: string[] } {
  const lines: string[] = []
  const errors: string[] = []
  return {
    lines,
    errors,
    readStdin: async () => stdin,
    out: line => lines.push(line),
    err: line => errors.push(line),
    env: {},
    // The CLI closes what it opens; the test's database stays open.
    open: async () => ({ ...ctx, close: async () => {} }),
  }
}

describe.each(testDatabases())('admin CLI on %s', (kind) => {
  let ctx: TestDatabase
  beforeAll(async () => {
    ctx = await kind.open()
  })
  afterAll(() => ctx.close())

  it('creates an office user whose password signs in, with the role and division asked for', async () => {
    const run = io(ctx, 'a-long-secret-9\n')
    const code = await runAdmin(['create-office-user', '--username', 'jc-admin', '--password-stdin', '--role', 'admin', '--division', '1405'], run)
    expect(run.errors).toEqual([])
    expect(code).toBe(0)
    expect(run.lines).toEqual(['已创建主管机构账号 Office account created: jc-admin（admin，区划 division 1405）'])
    const row = await ctx.db.selectFrom('office_accounts').selectAll().where('username', '=', 'jc-admin').executeTakeFirstOrThrow()
    expect(row).toMatchObject({ role: 'admin', division_code: '1405', active: true })
    expect(row.password_hash).toMatch(/^scrypt\$/)
    expect(row.password_hash).not.toContain('a-long-secret-9')
    const cookie = await sessionCookie(appFor(ctx), 'jc-admin', 'a-long-secret-9')
    expect(cookie).toMatch(/^bianmin_office=/)
  })

  it('defaults to an admin of the whole province', async () => {
    const run = io(ctx, 'another-secret-1')
    expect(await runAdmin(['create-office-user', '--username', 'province', '--password-stdin'], run)).toBe(0)
    expect(await ctx.db.selectFrom('office_accounts').select(['role', 'division_code']).where('username', '=', 'province').executeTakeFirst()).toEqual({ role: 'admin', division_code: '14' })
  })

  it('refuses a taken username, a short password, a bad role or division, and wrong usage', async () => {
    const taken = io(ctx, 'a-long-secret-9')
    expect(await runAdmin(['create-office-user', '--username', 'jc-admin', '--password-stdin'], taken)).toBe(1)
    expect(taken.errors.join('\n')).toContain('账号已存在')
    const short = io(ctx, 'short')
    expect(await runAdmin(['create-office-user', '--username', 'shorty', '--password-stdin'], short)).toBe(2)
    expect(short.errors.join('\n')).toContain('密码至少 10 位')
    const role = io(ctx, 'a-long-secret-9')
    expect(await runAdmin(['create-office-user', '--username', 'r1', '--password-stdin', '--role', 'root'], role)).toBe(2)
    expect(role.errors.join('\n')).toContain('角色')
    const division = io(ctx, 'a-long-secret-9')
    expect(await runAdmin(['create-office-user', '--username', 'd1', '--password-stdin', '--division', '14x'], division)).toBe(2)
    const noStdin = io(ctx, 'a-long-secret-9')
    expect(await runAdmin(['create-office-user', '--username', 'n1'], noStdin)).toBe(2)
    expect(noStdin.errors.join('\n')).toContain('--password-stdin')
    expect(await runAdmin(['drop-everything'], io(ctx, ''))).toBe(2)
    const rows = await ctx.db.selectFrom('office_accounts').select('username').where('username', 'in', ['shorty', 'r1', 'd1', 'n1']).execute()
    expect(rows).toEqual([])
  })
})

describe('npm run admin as a process on an empty PGlite folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bianmin-admin-cli-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('creates the first admin from standard input and exits 0', { timeout: 120_000 }, async () => {
    const result = spawnSync('npm', ['run', '--silent', 'admin', '--', 'create-office-user', '--username', 'first-admin', '--password-stdin', '--division', '14'], {
      input: 'first-admin-password\n',
      env: { ...process.env, DATA_DIR: join(dir, 'data'), DATABASE_URL: '' },
      encoding: 'utf8',
    })
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(result.stdout.trim()).toBe('已创建主管机构账号 Office account created: first-admin（admin，区划 division 14）')
    const handle = await openDatabase({ dataDir: join(dir, 'data') })
    try {
      const row = await handle.db.selectFrom('office_accounts').select(['username', 'role']).executeTakeFirst()
      expect(row).toEqual({ username: 'first-admin', role: 'admin' })
    }
    finally {
      await handle.close()
    }
  })
})
