/**
 * The office's session and device calls (SYNC-API.md "Office"): sign-in, who is signed in, enrollment
 * codes and revoking a tablet. Behind the `bianmin_office` cookie; roles admin, reviewer, viewer.
 */
import { z } from 'zod'
import { isoInstantSchema, storableText } from './common'

export const officeRoleSchema = z.enum(['admin', 'reviewer', 'viewer'])
export type OfficeRole = z.infer<typeof officeRoleSchema>

export const signInRequestSchema = z.object({
  // A NUL in the username reached SQL as a 500 (issue 10 item 1).
  username: storableText().min(1, '请填写用户名').max(100),
  password: z.string().min(1, '请填写密码').max(200),
})

/** GET /api/office/me: who is signed in. */
export const officeMeAnswerSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: officeRoleSchema,
  /** GB/T 2260 prefix the office is scoped to: '14', '1405', '140502'. */
  divisionCode: z.string(),
})
export type OfficeMeAnswer = z.infer<typeof officeMeAnswerSchema>

/** An answer with no body (204: DELETE /api/office/session). */
export const noContentAnswerSchema = z.undefined()

/** POST /api/office/session → 200 with the session cookie. */
export const signInAnswerSchema = officeMeAnswerSchema.extend({
  expiresAt: isoInstantSchema,
})
export type SignInAnswer = z.infer<typeof signInAnswerSchema>

/** POST /api/office/enrollment-codes (admin). */
export const mintCodeRequestSchema = z.object({
  stationId: storableText().min(1).max(64),
  ttlHours: z.number().positive().max(24 * 7).optional(),
})

export const mintCodeAnswerSchema = z.object({
  code: z.string(),
  stationId: z.string(),
  expiresAt: isoInstantSchema,
})
export type MintCodeAnswer = z.infer<typeof mintCodeAnswerSchema>

/** POST /api/office/devices/:id/revoke (admin). */
export const revokeDeviceAnswerSchema = z.object({
  deviceId: z.string(),
  revokedAt: isoInstantSchema,
})
export type RevokeDeviceAnswer = z.infer<typeof revokeDeviceAnswerSchema>

/** GET /api/office/stations/:id/devices (any role): the station's tablets, newest enrollment first. */
export const officeDeviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The tablet's slot at its station (document-number letters). */
  slot: z.number().int(),
  enrolledAt: isoInstantSchema,
  revokedAt: isoInstantSchema.nullable(),
  /** The later of the last push and the last pull; null: never synced. */
  lastSyncAt: isoInstantSchema.nullable(),
  lastPushAt: isoInstantSchema.nullable(),
  lastPullAt: isoInstantSchema.nullable(),
  /** Any authenticated call (health checks excluded: they carry no token). */
  lastSeenAt: isoInstantSchema.nullable(),
  appVersion: z.string().nullable(),
  /** serverTime − device clock at its last push; positive = the tablet is behind. */
  clockOffsetMs: z.number().nullable(),
  /** Events waiting in the tablet's outbox as it reported at its last sync (`unsent`); null: never reported. */
  unsent: z.number().int().nullable(),
  unsentReportedAt: isoInstantSchema.nullable(),
})
export type OfficeDevice = z.infer<typeof officeDeviceSchema>

export const deviceListAnswerSchema = z.object({
  stationId: z.string(),
  devices: z.array(officeDeviceSchema),
})
export type DeviceListAnswer = z.infer<typeof deviceListAnswerSchema>
