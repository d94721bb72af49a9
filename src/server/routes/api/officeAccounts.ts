/**
 * Office accounts, managed by an admin inside its own division (issue 8 item 1), behind office login (office.ts):
 *   GET   /api/office/accounts                       → 200 {accounts: OfficeAccountView[]} of the admin's division
 *   POST  /api/office/accounts {username, password, role, divisionCode, displayName} → 201 OfficeAccountView;
 *         403 'outside-division' for a division outside the admin's; 409 'account-exists'
 *   PATCH /api/office/accounts/:username {role?, displayName?, active?} → 200 OfficeAccountView; deactivating
 *         signs the account out everywhere; 409 'self-lockout' when an admin would deactivate or demote itself
 *   POST  /api/office/accounts/:username/password {password} → 200 OfficeAccountView; signs the account out everywhere
 * Admins only (others 403); an account outside the admin's division answers 404. Every change is audited
 * in its transaction (account.created, account.updated, account.passwordReset), never with the password.
 */
import type { Context } from 'hono'
import { Hono } from 'hono'
import type { Kysely, Transaction } from 'kysely'
import { recordOfficeAudit } from '../../audit/officeAudit'
import type { AccountListAnswer, OfficeAccountView } from '../../../domain/protocol'
import { accountPatchSchema, newOfficeAccountSchema, passwordResetSchema } from '../../../domain/protocol'
import { createOfficeAccount, OfficeAccountExistsError } from '../../auth/officeAccounts'
import { hashOfficePassword } from '../../auth/officePassword'
import { deleteSessionsOf } from '../../auth/officeSessions'
import type { OfficeEnv } from '../../auth/requireOffice'
import { requireRole } from '../../auth/requireOffice'
import type { Database } from '../../db'
import { errorResponse } from '../../errors'
import { validateBody } from '../../validate'

export const accountMessages = {
  notFound: '找不到该账号',
  outsideDivision: '只能在本机构辖区内创建账号',
  selfLockout: '不能停用自己的账号或取消自己的管理员角色',
} as const

const BODY_LIMIT = 4096

async function accountIn(db: Kysely<Database> | Transaction<Database>, divisionCode: string, username: string) {
  const row = await db.selectFrom('office_accounts')
    .select(['username', 'display_name', 'role', 'division_code', 'active', 'created_at', 'updated_at'])
    .where('username', '=', username)
    .executeTakeFirst()
  return row && row.division_code.startsWith(divisionCode) ? row : null
}

function view(row: NonNullable<Awaited<ReturnType<typeof accountIn>>>): OfficeAccountView {
  return {
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    divisionCode: row.division_code,
    active: row.active,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  }
}

function accountNotFound(c: Context): Response {
  return errorResponse(c, 404, 'account-not-found', accountMessages.notFound)
}

export function officeAccountRoutes(): Hono<OfficeEnv> {
  return new Hono<OfficeEnv>()
    .use(requireRole('admin'))
    .get('/', async (c) => {
      const rows = await c.var.deps.db.selectFrom('office_accounts')
        .select(['username', 'display_name', 'role', 'division_code', 'active', 'created_at', 'updated_at'])
        .where('division_code', 'like', `${c.var.office.divisionCode}%`)
        .orderBy('division_code').orderBy('username')
        .execute()
      return c.json({ accounts: rows.map(view) } satisfies AccountListAnswer)
    })
    .post('/', validateBody(newOfficeAccountSchema, { maxBytes: BODY_LIMIT }), async (c) => {
      const { db, now } = c.var.deps
      const body = c.req.valid('json')
      const office = c.var.office
      if (!body.divisionCode.startsWith(office.divisionCode))
        return errorResponse(c, 403, 'outside-division', accountMessages.outsideDivision, { fields: [{ path: 'divisionCode', message: accountMessages.outsideDivision, code: 'outside-division' }] })
      try {
        const created = await db.transaction().execute(async (trx) => {
          await createOfficeAccount(trx, body, now())
          await recordOfficeAudit(trx, office, { action: 'account.created', targetType: 'account', targetId: body.username, divisionCode: body.divisionCode, details: { role: body.role, displayName: body.displayName } }, now())
          return trx.selectFrom('office_accounts')
            .select(['username', 'display_name', 'role', 'division_code', 'active', 'created_at', 'updated_at'])
            .where('username', '=', body.username)
            .executeTakeFirstOrThrow()
        })
        c.var.log.info({ username: body.username, by: office.username }, 'office account created')
        return c.json(view(created) satisfies OfficeAccountView, 201)
      }
      catch (error) {
        if (error instanceof OfficeAccountExistsError)
          return errorResponse(c, 409, 'account-exists', error.message, { fields: [{ path: 'username', message: error.message, code: 'exists' }] })
        throw error
      }
    })
    .patch('/:username', validateBody(accountPatchSchema, { maxBytes: BODY_LIMIT }), async (c) => {
      const { db, now } = c.var.deps
      const office = c.var.office
      const patch = c.req.valid('json')
      const username = c.req.param('username')
      if (username === office.username && (patch.active === false || (patch.role !== undefined && patch.role !== 'admin')))
        return errorResponse(c, 409, 'self-lockout', accountMessages.selfLockout)
      const updated = await db.transaction().execute(async (trx) => {
        const before = await accountIn(trx, office.divisionCode, username)
        if (!before)
          return null
        const changes: Record<string, { from: unknown, to: unknown }> = {}
        if (patch.role !== undefined && patch.role !== before.role)
          changes.role = { from: before.role, to: patch.role }
        if (patch.displayName !== undefined && patch.displayName !== before.display_name)
          changes.displayName = { from: before.display_name, to: patch.displayName }
        if (patch.active !== undefined && patch.active !== before.active)
          changes.active = { from: before.active, to: patch.active }
        if (Object.keys(changes).length) {
          await trx.updateTable('office_accounts').set({
            ...(patch.role !== undefined ? { role: patch.role } : {}),
            ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
            ...(patch.active !== undefined ? { active: patch.active } : {}),
            updated_at: now(),
          }).where('username', '=', username).execute()
          if (patch.active === false)
            await deleteSessionsOf(trx, username)
          await recordOfficeAudit(trx, office, { action: 'account.updated', targetType: 'account', targetId: username, divisionCode: before.division_code, details: { changes } }, now())
        }
        return accountIn(trx, office.divisionCode, username)
      })
      if (!updated)
        return accountNotFound(c)
      return c.json(view(updated) satisfies OfficeAccountView)
    })
    .post('/:username/password', validateBody(passwordResetSchema, { maxBytes: BODY_LIMIT }), async (c) => {
      const { db, now } = c.var.deps
      const office = c.var.office
      const username = c.req.param('username')
      if (!await accountIn(db, office.divisionCode, username))
        return accountNotFound(c)
      // Hashed before the transaction: scrypt takes a while and must not hold it open.
      const hash = await hashOfficePassword(c.req.valid('json').password)
      const updated = await db.transaction().execute(async (trx) => {
        const before = await accountIn(trx, office.divisionCode, username)
        if (!before)
          return null
        await trx.updateTable('office_accounts').set({ password_hash: hash, updated_at: now() }).where('username', '=', username).execute()
        await deleteSessionsOf(trx, username)
        await recordOfficeAudit(trx, office, { action: 'account.passwordReset', targetType: 'account', targetId: username, divisionCode: before.division_code }, now())
        return accountIn(trx, office.divisionCode, username)
      })
      if (!updated)
        return accountNotFound(c)
      c.var.log.info({ username, by: office.username }, 'office password reset')
      return c.json(view(updated) satisfies OfficeAccountView)
    })
}
