/**
 * Who is at the counter (issue 3 item 4): this tablet's enrollment (deviceId, stationId, token
 * present), the signed-in staff member and the lock state. Sign-in is fully offline: the staff list
 * and PIN verifiers come from the pulled reference data; the PIN is checked with WebCrypto.
 *
 * - 5 wrong PINs (setting `pinMaxAttempts`) lock that staff member for 5 minutes (`pinLockoutMinutes`);
 *   the count and the lock end are kept in the data layer's meta table, so a reload does not reset them.
 * - Staff without a passed onboarding assessment (5.3.2), inactive or without a PIN cannot sign in.
 * - After `idleLockMinutes` without input the counter locks (useIdleLock); the same person unlocks with
 *   the PIN, or one tap goes back to the name list.
 * - The signed-in staff id is kept for the browser session only (sessionStorage): a reload comes
 *   back locked, asking for that person's PIN.
 */
import type { LockoutPolicy, LockoutRecord } from '../auth/lockout'
import type { MetaKey } from '../data'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { afterWrongPin, attemptsLeft as attemptsLeftOf, DEFAULT_LOCKOUT_POLICY, isLockoutRecord, lockRemainingMs } from '../auth/lockout'
import { isPinVerifier, verifyPin } from '../auth/pinVerifier'
import { dataKeyReady, dropDataKey, forgetSessionKey, metaRepo, onDataKeyChange, persistSessionKey, referenceRepo, unlockDataKey } from '../data'

/** Meta key of the wrong-PIN records (by staff id). */
export const LOCKOUT_META_KEY = 'pinLockouts' satisfies MetaKey
/** sessionStorage key of the signed-in staff id. */
export const SESSION_STAFF_KEY = 'bianmin.session.staffId'
export const DEFAULT_IDLE_LOCK_MINUTES = 5

/** A staff reference row as pulled (src/server/sync/reference.ts StaffRef). */
export interface StaffMember {
  id: string
  stationId: string
  name: string
  role: string
  assessmentPassed: boolean
  active: boolean
  hasPin: boolean
}

/** Why a staff member cannot sign in at all. */
export type SignInBlock = 'inactive' | 'not-assessed' | 'no-pin'

export type SignInResult
  = | { ok: true }
    | { ok: false, reason: SignInBlock | 'unknown-staff' | 'no-data-key' }
    | { ok: false, reason: 'locked', remainingMs: number }
    | { ok: false, reason: 'wrong-pin', attemptsLeft: number, remainingMs: number }

function readSessionStaff(): string | null {
  try {
    return globalThis.sessionStorage?.getItem(SESSION_STAFF_KEY) ?? null
  }
  catch {
    return null
  }
}

function writeSessionStaff(id: string | null): void {
  try {
    if (id === null)
      globalThis.sessionStorage?.removeItem(SESSION_STAFF_KEY)
    else
      globalThis.sessionStorage?.setItem(SESSION_STAFF_KEY, id)
  }
  catch {
    // Private mode or storage full: the session simply does not survive a reload.
  }
}

function toStaffMember(row: Record<string, unknown>): StaffMember | null {
  if (typeof row.id !== 'string' || typeof row.name !== 'string')
    return null
  return {
    id: row.id,
    stationId: typeof row.stationId === 'string' ? row.stationId : '',
    name: row.name,
    role: typeof row.role === 'string' ? row.role : 'staff',
    assessmentPassed: row.assessmentPassed === true,
    active: row.active === true,
    hasPin: isPinVerifier(row.pinVerifier),
  }
}

function positiveNumber(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback
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

export const useSessionStore = defineStore('session', () => {
  // --- Device identity ---
  const deviceId = ref<string | null>(null)
  const stationId = ref<string | null>(null)
  /** This tablet's slot at its station (document numbers, src/domain/receipt.ts); null when the server gave none. */
  const deviceSlot = ref<number | null>(null)
  const hasToken = ref(false)
  /** Identity has been read from storage at least once (guards wait for it). */
  const loaded = ref(false)
  const enrolled = computed(() => Boolean(deviceId.value && stationId.value && hasToken.value))
  /** Enrolled once, token since forgotten (device revoked): recorded data is still here. */
  const tokenLost = computed(() => Boolean(deviceId.value && stationId.value && !hasToken.value))

  // --- Reference: staff and settings ---
  const staffRows = shallowRef<StaffMember[]>([])
  const stationName = ref<string | null>(null)
  const idleLockMinutes = ref(DEFAULT_IDLE_LOCK_MINUTES)
  const policy = ref<LockoutPolicy>({ ...DEFAULT_LOCKOUT_POLICY })
  /** Active staff of this station, the station lead first, then by name: the sign-in tiles (issue 14). */
  const staffList = computed(() => staffRows.value
    .filter(s => s.active && (!stationId.value || s.stationId === stationId.value))
    .sort((a, b) => Number(b.role === 'lead') - Number(a.role === 'lead') || a.name.localeCompare(b.name, 'zh-CN')))

  // --- Who is signed in ---
  const staff = shallowRef<StaffMember | null>(null)
  const locked = ref(false)
  const signedIn = computed(() => staff.value !== null && !locked.value)
  /** The data key is in memory (src/app/data/crypto): personal data can be read, written and synced. */
  const dataReady = ref(dataKeyReady())
  onDataKeyChange(ready => (dataReady.value = ready))

  // --- Wrong PINs ---
  const lockouts = ref<Record<string, LockoutRecord>>({})

  async function loadIdentity(): Promise<void> {
    const [d, s, token] = await Promise.all([
      metaRepo.get('deviceId'),
      metaRepo.get('stationId'),
      metaRepo.get('deviceToken'),
    ])
    deviceId.value = d ?? null
    stationId.value = s ?? null
    hasToken.value = typeof token === 'string' && token.length > 0
    const slot = await metaRepo.get('deviceSlot')
    deviceSlot.value = typeof slot === 'number' && Number.isInteger(slot) && slot >= 1 ? slot : null
    loaded.value = true
  }

  /** Re-reads staff, station and settings from the pulled reference data (after a pull). */
  async function loadReference(): Promise<void> {
    const [rows, settings, stations] = await Promise.all([
      referenceRepo.list('staff'),
      referenceRepo.list('settings'),
      referenceRepo.list('stations'),
    ])
    staffRows.value = rows.map(toStaffMember).filter((m): m is StaffMember => m !== null)
    const setting = (key: string): unknown => settings.find(r => r.id === key)?.value
    idleLockMinutes.value = positiveNumber(setting('idleLockMinutes'), DEFAULT_IDLE_LOCK_MINUTES)
    policy.value = {
      maxAttempts: Math.round(positiveNumber(setting('pinMaxAttempts'), DEFAULT_LOCKOUT_POLICY.maxAttempts)),
      lockMinutes: positiveNumber(setting('pinLockoutMinutes'), DEFAULT_LOCKOUT_POLICY.lockMinutes),
    }
    const station = stations.find(r => r.id === stationId.value)
    stationName.value = typeof station?.name === 'string' ? station.name : null
    // Someone deactivated or un-assessed on the server since sign-in is signed out at the next pull.
    if (staff.value) {
      const fresh = staffRows.value.find(s => s.id === staff.value?.id)
      if (!fresh || signInBlock(fresh) !== null)
        signOut()
      else
        staff.value = fresh
    }
  }

  async function loadLockouts(): Promise<void> {
    // Read back from storage: each record is checked before use.
    const value: unknown = await metaRepo.get(LOCKOUT_META_KEY)
    const out: Record<string, LockoutRecord> = {}
    if (value && typeof value === 'object') {
      for (const [id, record] of Object.entries(value as Record<string, unknown>)) {
        if (isLockoutRecord(record))
          out[id] = record
      }
    }
    lockouts.value = out
  }

  async function saveLockout(staffId: string, record: LockoutRecord | null): Promise<void> {
    const keep = record !== null && (record.failures > 0 || record.lockedUntil !== null)
    const next = Object.fromEntries(Object.entries(lockouts.value).filter(([id]) => id !== staffId))
    if (keep)
      next[staffId] = record
    lockouts.value = next
    await metaRepo.set(LOCKOUT_META_KEY, next)
  }

  /** Reads everything from storage: identity, reference data, wrong-PIN records, and a session of this tab (comes back locked). */
  async function init(): Promise<void> {
    await loadIdentity()
    await Promise.all([loadReference(), loadLockouts()])
    const remembered = readSessionStaff()
    if (remembered && !staff.value) {
      const member = staffRows.value.find(s => s.id === remembered)
      if (member && signInBlock(member) === null) {
        staff.value = member
        locked.value = true
        // Back locked: a key kept for this session is not restored (the auth work may restore it: restoreSessionKey).
        void forgetSessionKey()
      }
      else {
        writeSessionStaff(null)
      }
    }
  }

  function lockRemaining(staffId: string, now = Date.now()): number {
    return lockRemainingMs(lockouts.value[staffId], now)
  }

  function attemptsLeft(staffId: string, now = Date.now()): number {
    return attemptsLeftOf(lockouts.value[staffId], now, policy.value)
  }

  /** Checks the PIN of `staffId` offline; on success that person is signed in (and unlocked). */
  async function signIn(staffId: string, pin: string): Promise<SignInResult> {
    const member = staffRows.value.find(s => s.id === staffId)
    if (!member)
      return { ok: false, reason: 'unknown-staff' }
    const block = signInBlock(member)
    if (block)
      return { ok: false, reason: block }
    const before = Date.now()
    const remaining = lockRemaining(staffId, before)
    if (remaining > 0)
      return { ok: false, reason: 'locked', remainingMs: remaining }
    const row = await referenceRepo.get('staff', staffId)
    const ok = await verifyPin(pin, row?.pinVerifier)
    const now = Date.now()
    if (!ok) {
      const record = afterWrongPin(lockouts.value[staffId], now, policy.value)
      await saveLockout(staffId, record)
      return { ok: false, reason: 'wrong-pin', attemptsLeft: attemptsLeftOf(record, now, policy.value), remainingMs: lockRemainingMs(record, now) }
    }
    if (lockouts.value[staffId])
      await saveLockout(staffId, null)
    // The PIN also unwraps the tablet's data key (crypto/keyStore.ts, the rule there).
    if (!(await unlockDataKey(member.id, pin)).ok)
      return { ok: false, reason: 'no-data-key' }
    void persistSessionKey(member.id, now + idleLockMinutes.value * 60_000)
    staff.value = member
    locked.value = false
    writeSessionStaff(member.id)
    return { ok: true }
  }

  /** Locks the counter; the same person's PIN unlocks it. */
  function lock(): void {
    if (staff.value)
      locked.value = true
    dropDataKey()
    void forgetSessionKey()
  }

  /** Back to the name list (from the lock screen or the header). */
  function switchStaff(): void {
    signOut(signedIn.value)
  }

  /** `handover`: from an unlocked session, the next person's first sign-in here may still get a wrap. */
  function signOut(handover = false): void {
    dropDataKey({ handover })
    void forgetSessionKey()
    staff.value = null
    locked.value = false
    writeSessionStaff(null)
  }

  /** After enrollment: identity and first reference data are in storage. */
  async function afterEnrollment(): Promise<void> {
    signOut()
    await init()
  }

  return {
    deviceId,
    stationId,
    deviceSlot,
    hasToken,
    loaded,
    enrolled,
    tokenLost,
    stationName,
    staffRows,
    staffList,
    idleLockMinutes,
    policy,
    staff,
    locked,
    signedIn,
    dataReady,
    lockouts,
    init,
    loadIdentity,
    loadReference,
    loadLockouts,
    lockRemaining,
    attemptsLeft,
    signIn,
    lock,
    switchStaff,
    signOut,
    afterEnrollment,
  }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useSessionStore, import.meta.hot))
