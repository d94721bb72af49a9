/** Stations for the citizen: nearest first when the phone gave its position, else grouped by city and county. */
import type { BookingStation } from './bookingApi'

export interface Position { latitude: number, longitude: number }

/** Great-circle distance in kilometres (haversine; good enough within a province). */
export function distanceKm(a: Position, b: Position): number {
  const rad = Math.PI / 180
  const dLat = (b.latitude - a.latitude) * rad
  const dLon = (b.longitude - a.longitude) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2
  return 2 * 6371 * Math.asin(Math.sqrt(h))
}

export interface StationWithDistance { station: BookingStation, km: number | null }

/** Nearest first; stations without coordinates last, by name. */
export function byDistance(stations: readonly BookingStation[], from: Position): StationWithDistance[] {
  return stations
    .map(station => ({ station, km: station.latitude !== null && station.longitude !== null ? distanceKm(from, { latitude: station.latitude, longitude: station.longitude }) : null }))
    .sort((a, b) => (a.km ?? Infinity) - (b.km ?? Infinity) || a.station.name.localeCompare(b.station.name, 'zh-CN'))
}

export interface StationGroup { label: string, stations: BookingStation[] }

/** Grouped by 市 then 县(市、区), in division-code order. */
export function byCityAndCounty(stations: readonly BookingStation[]): StationGroup[] {
  const groups = new Map<string, StationGroup>()
  for (const s of [...stations].sort((a, b) => a.countyCode.localeCompare(b.countyCode) || a.name.localeCompare(b.name, 'zh-CN'))) {
    const label = `${s.cityName}${s.countyName}`
    const group = groups.get(label) ?? { label, stations: [] }
    group.stations.push(s)
    groups.set(label, group)
  }
  return [...groups.values()]
}

/** The phone's position if the citizen allows it, else null (declined, unavailable, or too slow). */
export function locatePhone(): Promise<Position | null> {
  if (typeof navigator === 'undefined' || !('geolocation' in navigator))
    return Promise.resolve(null)
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(p => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude }), () => resolve(null), { timeout: 8000, maximumAge: 600_000 })
  })
}
