/**
 * What sign-in reads from the pulled reference data: the staff rows, the station's name and the settings that
 * govern the counter's lock (`idleLockMinutes`) and wrong PINs (`pinMaxAttempts`, `pinLockoutMinutes`).
 */
import type { LockoutPolicy } from './lockout'
import type { StaffMember } from './staffMember'
// The light entry, not the data index: the session opens the first screen (issue 12 item 5).
import { referenceRepo } from '../data/firstScreen'
import { DEFAULT_LOCKOUT_POLICY } from './lockout'
import { toStaffMember } from './staffMember'

export const DEFAULT_IDLE_LOCK_MINUTES = 5

export interface CounterReference {
  staff: StaffMember[]
  stationName: string | null
  idleLockMinutes: number
  policy: LockoutPolicy
}

function positiveNumber(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback
}

/** Reads staff, the name of `stationId` and the settings; a setting missing or out of range falls back to its default. */
export async function readCounterReference(stationId: string | null): Promise<CounterReference> {
  const [rows, settings, stations] = await Promise.all([
    referenceRepo.list('staff'),
    referenceRepo.list('settings'),
    referenceRepo.list('stations'),
  ])
  const setting = (key: string): unknown => settings.find(r => r.id === key)?.value
  const station = stations.find(r => r.id === stationId)
  return {
    staff: rows.map(toStaffMember).filter((m): m is StaffMember => m !== null),
    stationName: typeof station?.name === 'string' ? station.name : null,
    idleLockMinutes: positiveNumber(setting('idleLockMinutes'), DEFAULT_IDLE_LOCK_MINUTES),
    policy: {
      maxAttempts: Math.round(positiveNumber(setting('pinMaxAttempts'), DEFAULT_LOCKOUT_POLICY.maxAttempts)),
      lockMinutes: positiveNumber(setting('pinLockoutMinutes'), DEFAULT_LOCKOUT_POLICY.lockMinutes),
    },
  }
}

/** The PIN verifier of one staff row as pulled (auth/pinVerifier.ts checks a PIN against it); undefined when none. */
export async function readPinVerifier(staffId: string): Promise<unknown> {
  return (await referenceRepo.get('staff', staffId))?.pinVerifier
}
