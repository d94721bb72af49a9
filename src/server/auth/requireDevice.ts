/**
 * Bearer-token middleware for every device call (DESIGN §4): `Authorization: Bearer <device token>`
 * → `c.var.device = { deviceId, stationId }`; a missing, unknown or revoked token answers 401 JSON.
 */
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../appEnv'
import { errorResponse } from '../errors'
import type { DeviceScope } from '../sync/scope'
import { authenticateDevice } from './devices'

export interface DeviceEnv extends AppEnv {
  Variables: AppEnv['Variables'] & { device: DeviceScope }
}

/** 43 base64url characters = 256 bits; anything else cannot be one of our tokens. */
const tokenPattern = /^[\w-]{43}$/

export function requireDevice(): MiddlewareHandler<DeviceEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? ''
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    const token = match?.[1]
    if (!token || !tokenPattern.test(token))
      return unauthorized()
    const { db, now } = c.var.deps
    const auth = await authenticateDevice(db, token, now())
    if (!auth.ok) {
      if (auth.reason === 'revoked') {
        c.header('WWW-Authenticate', 'Bearer error="invalid_token"')
        return errorResponse(c, 401, 'device-revoked', '此设备已被停用，请联系主管机构重新登记')
      }
      return unauthorized()
    }
    c.set('device', auth.scope)
    await next()

    function unauthorized(): Response {
      c.header('WWW-Authenticate', 'Bearer')
      return errorResponse(c, 401, 'unauthorized', '设备未登记或登记已失效，请重新登记')
    }
  }
}
