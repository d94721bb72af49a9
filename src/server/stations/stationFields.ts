/**
 * A station row's fields as every API names them (camelCase), shared by the office's station view and the
 * reference rows tablets pull; each adds what is its own (the county's name, the row's revision).
 */
import type { StationRow } from '../db/referenceSchema'

export function stationFields(s: StationRow) {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    hostType: s.host_type,
    hostUnit: s.host_unit,
    address: s.address,
    countyCode: s.county_code,
    windows: s.windows,
    openingHours: s.opening_hours,
    tier: s.tier,
    latitude: s.latitude,
    longitude: s.longitude,
    contactPhone: s.contact_phone,
    functions: s.functions,
    bookingSlotMinutes: s.booking_slot_minutes,
    bookingSlotCapacity: s.booking_slot_capacity,
    state: s.state,
  }
}
