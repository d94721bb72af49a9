/** The real seed catalog as tablets receive it (reference rows), and a station row, seeded through the data layer. */
import { referenceRepo } from '../../../src/app/data'
import { DEMO_STATION } from '../../../src/server/seed/demo'
import { genericDepartment } from '../../../src/server/seed/catalog'
import seed from '../../../src/server/seed/service-items.json'

/** `serviceItems` rows as the sync engine stores them: the server's item plus id = code, active, revision. */
export function seedItemRows(): Record<string, unknown>[] {
  // As loadSeedCatalog does (it reads the file by a file: URL, which happy-dom's import.meta.url is not).
  return seed.items.map((item, i) => ({ ...item, department: genericDepartment(item.department), sourceDepartment: item.department, id: item.code, active: true, revision: i + 1 }))
}

/** The demo station's reference row (as the server's pull sends it), with a contact number. */
export const stationRow = {
  id: DEMO_STATION.id,
  code: DEMO_STATION.code,
  name: DEMO_STATION.name,
  hostType: DEMO_STATION.hostType,
  hostUnit: DEMO_STATION.hostUnit,
  address: DEMO_STATION.address,
  countyCode: DEMO_STATION.countyCode,
  windows: 1,
  openingHours: DEMO_STATION.openingHours,
  tier: 'basic',
  latitude: null,
  longitude: null,
  contactPhone: '0356-2021234',
  state: 'open',
  revision: 1,
}

/** Seed the catalog and the station into the current (test) database. */
export async function seedReference(): Promise<void> {
  await referenceRepo.replaceAll('serviceItems', seedItemRows())
  await referenceRepo.replaceAll('stations', [stationRow])
}
