/** This tablet's enrollment as kept in meta: which device of which station, whether its token is still here, its slot. */
// The light entry, not the data index: the session opens the first screen (issue 12 item 5).
import { metaRepo } from '../data/firstScreen'

export interface DeviceIdentityFacts {
  deviceId: string | null
  stationId: string | null
  /** A device token is kept (absent: never enrolled, or revoked and forgotten). */
  hasToken: boolean
  /** This tablet's slot at its station (document numbers, src/domain/receipt.ts); null when the server gave none. */
  deviceSlot: number | null
}

export async function readDeviceIdentity(): Promise<DeviceIdentityFacts> {
  const [deviceId, stationId, token] = await Promise.all([
    metaRepo.get('deviceId'),
    metaRepo.get('stationId'),
    metaRepo.get('deviceToken'),
  ])
  const slot = await metaRepo.get('deviceSlot')
  return {
    deviceId: deviceId ?? null,
    stationId: stationId ?? null,
    hasToken: typeof token === 'string' && token.length > 0,
    deviceSlot: typeof slot === 'number' && Number.isInteger(slot) && slot >= 1 ? slot : null,
  }
}
