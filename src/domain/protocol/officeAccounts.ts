/**
 * Office accounts of an admin's division (issue 8 item 1) under /api/office/accounts: the account fields (also
 * the CLI's rules for the first admin, server/cli/admin.ts), the request bodies and the account as answered.
 */
import { z } from 'zod'
import { isoInstantSchema } from './common'
import { officeRoleSchema } from './office'

/** The shortest office password accepted (server/auth/officePassword.ts hashes it with scrypt). */
export const OFFICE_PASSWORD_MIN_LENGTH = 10

export const officeRoles = officeRoleSchema.options

export const officeAccountFields = {
  username: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, '用户名为 2–40 位小写字母、数字、点、下划线或连字符，以字母或数字开头'),
  password: z.string().min(OFFICE_PASSWORD_MIN_LENGTH, `密码至少 ${OFFICE_PASSWORD_MIN_LENGTH} 位`).max(200, '密码不能超过 200 位')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    .refine(p => !/[\u0000-\u001F\u007F]/.test(p), '密码不能含控制字符'),
  role: z.enum(officeRoles, { message: '角色应为 admin、reviewer 或 viewer' }),
  divisionCode: z.string().regex(/^\d{2}(\d{2}(\d{2})?)?$/, '区划代码应为 2、4 或 6 位数字（省、市、县）'),
  displayName: z.string().trim().min(1, '请填写名称').max(100, '名称不能超过 100 个字'),
}

/** POST /api/office/accounts (and the CLI's first admin). */
export const newOfficeAccountSchema = z.object(officeAccountFields).strict()
export type NewOfficeAccount = z.infer<typeof newOfficeAccountSchema>

/** PATCH /api/office/accounts/:username. */
export const accountPatchSchema = z.object({
  role: officeAccountFields.role.optional(),
  displayName: officeAccountFields.displayName.optional(),
  active: z.boolean({ message: '启用状态应为 true 或 false' }).optional(),
}).strict().refine(p => p.role !== undefined || p.displayName !== undefined || p.active !== undefined, { message: '没有要修改的内容' })
export type OfficeAccountPatch = z.input<typeof accountPatchSchema>

/** POST /api/office/accounts/:username/password. */
export const passwordResetSchema = z.object({ password: officeAccountFields.password }).strict()

/** An account as every accounts call answers it. */
export const officeAccountViewSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: officeRoleSchema,
  divisionCode: z.string(),
  active: z.boolean(),
  createdAt: isoInstantSchema,
  updatedAt: isoInstantSchema,
})
export type OfficeAccountView = z.infer<typeof officeAccountViewSchema>

/** GET /api/office/accounts: the accounts of the admin's division. */
export const accountListAnswerSchema = z.object({ accounts: z.array(officeAccountViewSchema) })
export type AccountListAnswer = z.infer<typeof accountListAnswerSchema>
