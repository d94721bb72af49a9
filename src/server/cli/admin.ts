/**
 * The administration CLI (issue 8 item 1), for what must happen before anyone can sign in:
 *
 *   npm run admin -- create-office-user --username NAME --password-stdin [--role admin] [--division 14] [--display-name 名称]
 *   npm run admin -- purge-personal-data
 *
 * purge-personal-data (issue 11 item 4) runs the server's retention purge now (src/server/privacy/serverPurge.ts):
 * personal values of streams older than the `personalRetentionDaysServer` setting become tombstones.
 *
 * Opens the same database as the server (DATA_DIR, or DATABASE_URL), applies the migrations and creates
 * the account. Run it while the server is stopped when on PGlite (one process per data folder). The
 * password is read from standard input (first line), never from the command line, so it stays out of
 * the shell history and the process list.
 * Exit codes: 0 done, 1 failed (message on stderr), 2 wrong usage.
 */
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { newOfficeAccountSchema } from '../../domain/protocol'
import { createOfficeAccount, OfficeAccountExistsError } from '../auth/officeAccounts'
import { migrateToLatest, openDatabase } from '../db'
import type { DatabaseHandle } from '../db'
import { purgeServerPersonalData } from '../privacy/serverPurge'

export const ADMIN_USAGE = `用法 Usage:
  npm run admin -- create-office-user --username NAME --password-stdin [--role admin|reviewer|viewer] [--division 14] [--display-name 名称]
    --username        登录名（小写字母、数字、. _ -） login name
    --password-stdin  从标准输入读取密码（至少 10 位） read the password from standard input (≥ 10 characters)
    --role            角色，默认 admin  role, default admin
    --division        区划代码前缀：省 14、市 1405、县 140502，默认 14  division prefix, default 14
    --display-name    显示名称，默认同登录名  display name, default the username
  npm run admin -- purge-personal-data
    清除超过中心保留期限（设置 personalRetentionDaysServer，默认 1095 天）的个人信息
    purge personal values older than the server's retention setting (default 1095 days)
  环境变量 Environment: DATA_DIR (PGlite folder, default ./data) or DATABASE_URL (PostgreSQL)`

export interface AdminIo {
  readStdin: () => Promise<string>
  out: (line: string) => void
  err: (line: string) => void
  env: NodeJS.ProcessEnv
  /** Opens the database (injectable for tests). */
  open?: () => Promise<DatabaseHandle>
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)))
  return Buffer.concat(chunks).toString('utf8')
}

/** Runs one CLI invocation; returns the exit code. */
export async function runAdmin(argv: string[], io: AdminIo): Promise<number> {
  const [command, ...rest] = argv
  if (command === 'purge-personal-data' && rest.length === 0)
    return purgeNow(io)
  if (command !== 'create-office-user') {
    io.err(command ? `未知命令 Unknown command: ${command}` : '缺少命令 Missing command')
    io.err(ADMIN_USAGE)
    return 2
  }
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({
      args: rest,
      options: {
        'username': { type: 'string' },
        'password-stdin': { type: 'boolean' },
        'role': { type: 'string', default: 'admin' },
        'division': { type: 'string', default: '14' },
        'display-name': { type: 'string' },
      },
      strict: true,
    }).values
  }
  catch (error) {
    io.err(`参数错误 Bad arguments: ${(error as Error).message}`)
    io.err(ADMIN_USAGE)
    return 2
  }
  if (!values['password-stdin'] || typeof values.username !== 'string') {
    io.err('需要 --username 和 --password-stdin  Both --username and --password-stdin are required')
    io.err(ADMIN_USAGE)
    return 2
  }
  const password = (await io.readStdin()).split(/\r?\n/)[0] ?? ''
  const parsed = newOfficeAccountSchema.safeParse({
    username: values.username,
    password,
    role: values.role,
    divisionCode: values.division,
    displayName: typeof values['display-name'] === 'string' ? values['display-name'] : values.username,
  })
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      io.err(`${issue.path.join('.') || '输入'}: ${issue.message}`)
    return 2
  }
  let database: DatabaseHandle
  try {
    database = await (io.open ?? (() => openDatabase({ dataDir: io.env.DATA_DIR || './data', databaseUrl: io.env.DATABASE_URL || undefined })))()
  }
  catch (error) {
    io.err(`无法打开数据库 Cannot open the database: ${(error as Error).message}`)
    return 1
  }
  try {
    await migrateToLatest(database.db)
    await createOfficeAccount(database.db, parsed.data)
    io.out(`已创建主管机构账号 Office account created: ${parsed.data.username}（${parsed.data.role}，区划 division ${parsed.data.divisionCode}）`)
    return 0
  }
  catch (error) {
    if (error instanceof OfficeAccountExistsError) {
      io.err(`账号已存在 Account exists: ${error.username}`)
      return 1
    }
    io.err(`创建失败 Failed: ${error instanceof z.ZodError ? error.issues.map(i => i.message).join('; ') : (error as Error).message}`)
    return 1
  }
  finally {
    await database.close()
  }
}

function openFor(io: AdminIo): Promise<DatabaseHandle> {
  return (io.open ?? (() => openDatabase({ dataDir: io.env.DATA_DIR || './data', databaseUrl: io.env.DATABASE_URL || undefined })))()
}

/** `purge-personal-data`: the server's retention purge, once, with what it did on stdout. */
async function purgeNow(io: AdminIo): Promise<number> {
  let database: DatabaseHandle
  try {
    database = await openFor(io)
  }
  catch (error) {
    io.err(`无法打开数据库 Cannot open the database: ${(error as Error).message}`)
    return 1
  }
  try {
    await migrateToLatest(database.db)
    const result = await purgeServerPersonalData(database.db)
    io.out(`已清除个人信息 Personal data purged: ${result.events} events in ${result.streams} streams older than ${result.retentionDays} days (before ${result.cutoff})`)
    return 0
  }
  catch (error) {
    io.err(`清除失败 Purge failed: ${(error as Error).message}`)
    return 1
  }
  finally {
    await database.close()
  }
}

function isEntryPoint(): boolean {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))
  }
  catch {
    return false
  }
}

if (isEntryPoint()) {
  void runAdmin(process.argv.slice(2), {
    readStdin: () => readAll(process.stdin),
    out: line => console.log(line),
    err: line => console.error(line),
    env: process.env,
  }).then((code) => {
    process.exitCode = code
  })
}
