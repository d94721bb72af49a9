/**
 * Office accounts (issue 8 item 1): created by the CLI for the first admin of an empty database, then by
 * an admin in the console. The username is the login; the password is hashed with scrypt (officePassword.ts).
 */
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../db'
import type { OfficeRole } from '../db/referenceSchema'
import { hashOfficePassword, OFFICE_PASSWORD_MIN_LENGTH } from './officePassword'

export const officeRoles = ['admin', 'reviewer', 'viewer'] as const satisfies readonly OfficeRole[]

export const officeAccountFields = {
  username: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, '用户名为 2–40 位小写字母、数字、点、下划线或连字符，以字母或数字开头'),
  password: z.string().min(OFFICE_PASSWORD_MIN_LENGTH, `密码至少 ${OFFICE_PASSWORD_MIN_LENGTH} 位`).max(200, '密码不能超过 200 位')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    .refine(p => !/[\u0000-\u001F\u007F]/.test(p), '密码不能含控制字符'),
  role: z.enum(officeRoles, { message: '角色应为 admin、reviewer 或 viewer' }),
  divisionCode: z.string().regex(/^\d{2}(\d{2}(\d{2})?)?$/, '区划代码应为 2、4 或 6 位数字（省、市、县）'),
  displayName: z.string().trim().min(1, '请填写名称').max(100, '名称不能超过 100 个字'),
}

export const newOfficeAccountSchema = z.object(officeAccountFields).strict()
export type NewOfficeAccount = z.infer<typeof newOfficeAccountSchema>

export class OfficeAccountExistsError extends Error {
  override readonly name = 'OfficeAccountExistsError'
  constructor(readonly username: string) {
    super(`账号 ${username} 已存在`)
  }
}

/** Inserts a new account; throws OfficeAccountExistsError when the username is taken. */
export async function createOfficeAccount(db: Kysely<Database>, input: NewOfficeAccount, now: Date = new Date()): Promise<void> {
  const account = newOfficeAccountSchema.parse(input)
  const passwordHash = await hashOfficePassword(account.password)
  const inserted = await db.insertInto('office_accounts').values({
    username: account.username,
    password_hash: passwordHash,
    role: account.role,
    display_name: account.displayName,
    division_code: account.divisionCode,
    created_at: now,
    updated_at: now,
  }).onConflict(oc => oc.column('username').doNothing()).returning('username').executeTakeFirst()
  if (!inserted)
    throw new OfficeAccountExistsError(account.username)
}
