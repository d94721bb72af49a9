/**
 * POST /api/devices/enroll (DESIGN §4, issue 3 item 3): `{code, deviceName}` →
 * `{deviceId, token, stationId, serverTime}` plus the addition `deviceSlot` (the tablet's slot at its
 * station, for document numbers, src/domain/receipt.ts). The code is one-time and expires; a refused code
 * answers 403 `{error: 'enrollment-code-invalid' | 'enrollment-code-used' | 'enrollment-code-expired' | 'station-closed'
 * | 'device-slots-exhausted', message}`.
 */
import { Hono } from 'hono'
import type { AppEnv } from '../../appEnv'
import { enrollDevice } from '../../auth/devices'
import { MAX_DEVICE_SLOT } from '../../../domain/receipt'
import type { EnrollAnswer, EnrollmentRefusal } from '../../../domain/protocol'
import { enrollRequestSchema } from '../../../domain/protocol'
import { errorResponse } from '../../errors'
import { clientAddress } from '../../clientAddress'
import { rateLimit } from '../../rateLimit'
import { validateBody } from '../../validate'

/** Enrollment attempts per client address (issue 10 item 5): enough for a station setting up its tablets, too few to guess codes. */
export const ENROLL_RATE_LIMIT = { limit: 20, windowMs: 10 * 60_000 } as const

const refusalMessages: Record<EnrollmentRefusal, string> = {
  'enrollment-code-invalid': '登记码不正确，请核对后重新输入',
  'enrollment-code-used': '该登记码已被使用，请向主管机构申请新的登记码',
  'enrollment-code-expired': '该登记码已过期，请向主管机构申请新的登记码',
  'station-closed': '该便民服务站已撤销，不能登记新设备',
  'device-slots-exhausted': `该便民服务站登记过的设备已达 ${MAX_DEVICE_SLOT} 台上限（单据编号中的设备代码已用完，已注销设备的代码也不再分配），不能登记新设备，请联系主管机构`,
}

export function deviceRoutes(): Hono<AppEnv> {
  const limitByAddress = rateLimit({ name: 'enroll:addr', ...ENROLL_RATE_LIMIT, key: clientAddress, message: wait => `登记尝试过于频繁，请在 ${wait}后重试` })
  return new Hono<AppEnv>().post('/enroll', limitByAddress, validateBody(enrollRequestSchema, { maxBytes: 4096 }), async (c) => {
    const { db, now } = c.var.deps
    const body = c.req.valid('json')
    const result = await enrollDevice(db, body, { now: now() })
    if (!result.ok)
      return errorResponse(c, 403, result.reason, refusalMessages[result.reason])
    c.var.log.info({ deviceId: result.deviceId, stationId: result.stationId, deviceSlot: result.deviceSlot }, 'device enrolled')
    return c.json({ deviceId: result.deviceId, token: result.token, stationId: result.stationId, serverTime: now().toISOString(), deviceSlot: result.deviceSlot } satisfies EnrollAnswer)
  })
}
