/** A staff reference row as the counter's sign-in uses it, read back from the pulled reference data. */
import { isLegacyPinVerifier } from '../../domain/auth/pinVerifier'
import { hasUsablePin } from './pinVerifier'

/** A staff reference row as pulled (src/server/sync/reference.ts StaffRef). */
export interface StaffMember {
  id: string
  stationId: string
  name: string
  role: string
  assessmentPassed: boolean
  active: boolean
  hasPin: boolean
  /** The PIN's verifier predates argon2id (PBKDF2): still accepted, and such PINs may have 4 digits. */
  legacyPin: boolean
}

/** Why a staff member cannot sign in at all. */
export type SignInBlock = 'inactive' | 'not-assessed' | 'no-pin'

export function toStaffMember(row: Record<string, unknown>): StaffMember | null {
  if (typeof row.id !== 'string' || typeof row.name !== 'string')
    return null
  return {
    id: row.id,
    stationId: typeof row.stationId === 'string' ? row.stationId : '',
    name: row.name,
    role: typeof row.role === 'string' ? row.role : 'staff',
    assessmentPassed: row.assessmentPassed === true,
    active: row.active === true,
    hasPin: hasUsablePin(row.pinVerifier),
    legacyPin: isLegacyPinVerifier(row.pinVerifier),
  }
}

/** Why `member` cannot sign in, or null when they may. */
export function signInBlock(member: StaffMember): SignInBlock | null {
  if (!member.active)
    return 'inactive'
  if (!member.assessmentPassed)
    return 'not-assessed'
  if (!member.hasPin)
    return 'no-pin'
  return null
}
