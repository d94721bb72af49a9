/**
 * Bearer-token middleware for every device call (DESIGN §4): `Authorization: Bearer <device token>`
 * → `c.var.device = { deviceId, stationId }`; a missing, unknown or revoked token answers 401 JSON.
 * Every authenticated call stamps the device's last_seen_at with the time it was authenticated.
 */
import type { MiddlewareHandler } from 'hono'
import type { Kysely, Transaction } from 'kysely'
import type { AppEnv } from '../appEnv'
import type { Database } from '../db'
import { errorResponse } from '../errors'
import type { DeviceScope } from '../sync/scope'
import { authenticateDevice, lookupDevice } from './devices'

/** The last_seen_at stamp of a `deferred` call: the route sets it with its own devices update, else the middleware does after the route. */
export interface DeviceSeen {
  at: Date
  /** Set by a route that wrote `last_seen_at: at` itself. */
  stamped: boolean
}

export interface DeviceEnv extends AppEnv {
  Variables: AppEnv['Variables'] & { device: DeviceScope, deviceSeen: DeviceSeen }
}

/** 43 base64url characters = 256 bits; anything else cannot be one of our tokens. */
const tokenPattern = /^[\w-]{43}$/

export interface RequireDeviceOptions {
  /**
   * 'auth' (default): last_seen_at is written by the authenticating statement. 'deferred' (the sync routes,
   * issue 12 item 2): authentication only reads; the route writes the stamp with its own devices update
   * (`c.var.deviceSeen`), and the middleware writes it after any answer that did not.
   */
  stamp?: 'auth' | 'deferred'
}

export function requireDevice(options: RequireDeviceOptions = {}): MiddlewareHandler<DeviceEnv> {
  const deferred = options.stamp === 'deferred'
  return async (c, next) => {
    const header = c.req.header('authorization') ?? ''
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    const token = match?.[1]
    if (!token || !tokenPattern.test(token))
      return unauthorized()
    const { db, now } = c.var.deps
    const seen: DeviceSeen = { at: now(), stamped: !deferred }
    const auth = deferred ? await lookupDevice(db, token) : await authenticateDevice(db, token, seen.at)
    if (!auth.ok) {
      if (auth.reason === 'revoked') {
        c.header('WWW-Authenticate', 'Bearer error="invalid_token"')
        return errorResponse(c, 401, 'device-revoked', '此设备已被停用，请联系主管机构重新登记')
      }
      return unauthorized()
    }
    c.set('device', auth.scope)
    c.set('deviceSeen', seen)
    try {
      await next()
    }
    finally {
      if (!seen.stamped)
        await stampSeen(db, auth.scope.deviceId, seen)
    }

    function unauthorized(): Response {
      c.header('WWW-Authenticate', 'Bearer')
      return errorResponse(c, 401, 'unauthorized', '设备未登记或登记已失效，请重新登记')
    }
  }
}

/** Writes a deferred last_seen_at stamp (once). */
export async function stampSeen(db: Kysely<Database> | Transaction<Database>, deviceId: string, seen: DeviceSeen): Promise<void> {
  seen.stamped = true
  await db.updateTable('devices').set({ last_seen_at: seen.at }).where('id', '=', deviceId).execute()
}
