/** Sign-in fixtures: an enrolled tablet with staff reference rows whose PIN verifiers are the server's test vector. */
import { referenceRepo } from '../../../src/app/data'
import { saveEnrollment } from '../../../src/app/data'
import { PIN_TEST_VECTOR } from '../../domain/support/pinVectors'

/** The shared argon2id vector (tests/domain/support/pinVectors.ts): PIN '246810', lightest accepted params. */
export { LEGACY_PIN_TEST_VECTOR, PIN_TEST_VECTOR } from '../../domain/support/pinVectors'

export const STATION_ID = 'station-jc-01'

export function staffRow(id: string, name: string, overrides: Record<string, unknown> = {}) {
  return { id, stationId: STATION_ID, name, role: 'staff', assessmentPassed: true, assessmentDate: '2026-11-02', active: true, pinVerifier: PIN_TEST_VECTOR.verifier, revision: 1, ...overrides }
}

/** Enrolls the current test database and stores staff rows (王 and 李 may sign in; 赵 has not passed the assessment). */
export async function enrolledTablet(options: { settings?: { key: string, value: unknown }[] } = {}): Promise<void> {
  await saveEnrollment({ deviceId: 'device-a', stationId: STATION_ID, token: 't'.repeat(43), deviceSlot: 1 })
  await referenceRepo.apply('staff', [
    staffRow('staff-wang', '王晓燕', { role: 'lead' }),
    staffRow('staff-li', '李建军'),
    staffRow('staff-zhao', '赵新', { assessmentPassed: false }),
    staffRow('staff-old', '钱退休', { active: false }),
  ])
  if (options.settings)
    await referenceRepo.apply('settings', options.settings.map(s => ({ id: s.key, value: s.value, revision: 1 })))
}

/** A network that is down: the sync engine stays offline instead of calling a real host. */
export const offlineFetch = async (): Promise<Response> => {
  throw new TypeError('Failed to fetch')
}
