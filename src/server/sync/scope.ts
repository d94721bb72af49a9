/** What a device token grants: one device of one station (DESIGN §4: scope comes from the token). */
export interface DeviceScope {
  deviceId: string
  stationId: string
}
