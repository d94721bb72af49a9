/**
 * Office accounts (issue 8 item 1): created by the CLI for the first admin of an empty database, then by
 * an admin in the console. The username is the login; the password is hashed with scrypt (officePassword.ts).
 */
import type { Kysely } from 'kysely'
import type { NewOfficeAccount } from '../../domain/protocol'
import { newOfficeAccountSchema } from '../../domain/protocol'
import type { Database } from '../db'
import { hashOfficePassword } from './officePassword'

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
