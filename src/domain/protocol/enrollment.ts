/**
 * POST /api/devices/enroll (DESIGN §4, SYNC-API.md "Enrollment"): `{code, deviceName}` →
 * `{deviceId, token, stationId, serverTime, deviceSlot}`. A refused code answers 403 with one of
 * `enrollmentRefusals` as `error`.
 */
import { z } from 'zod'
import { MAX_DEVICE_SLOT } from '../receipt'
import { isoInstantSchema, storableText } from './common'

export const enrollRequestSchema = z.object({
  code: z.string().trim().min(4, '请输入登记码').max(32, '登记码过长'),
  deviceName: storableText().trim().min(1, '请填写设备名称').max(64, '设备名称不能超过 64 个字符'),
})
export type EnrollRequest = z.infer<typeof enrollRequestSchema>

export const enrollAnswerSchema = z.object({
  deviceId: z.string().min(1),
  /** 256-bit bearer token, base64url; shown once, stored on the server only as its SHA-256. */
  token: z.string().min(1),
  stationId: z.string().min(1),
  serverTime: isoInstantSchema,
  /**
   * Addition: this tablet's slot at its station (1…MAX_DEVICE_SLOT), unique there and never reused; the
   * letters of its document numbers (src/domain/receipt.ts). Older servers send none; a tablet reads a value
   * outside the range as none.
   */
  deviceSlot: z.number().int().min(1).max(MAX_DEVICE_SLOT).optional().catch(undefined),
})
export type EnrollAnswer = z.infer<typeof enrollAnswerSchema>

export const enrollmentRefusals = ['enrollment-code-invalid', 'enrollment-code-used', 'enrollment-code-expired', 'station-closed', 'device-slots-exhausted'] as const
export type EnrollmentRefusal = (typeof enrollmentRefusals)[number]
