/**
 * Who is at the counter (issue 3 item 4): this tablet's enrollment (deviceId, stationId, token
 * present), the signed-in staff member and the lock state. Sign-in is fully offline: the staff list
 * and PIN verifiers come from the pulled reference data; the PIN is checked with argon2id (auth/pinVerifier.ts).
 *
 * - 5 wrong PINs (setting `pinMaxAttempts`) lock that staff member for 5 minutes (`pinLockoutMinutes`);
 *   the count and the lock end are kept in the data layer's meta table, so a reload does not reset them.
 * - Staff without a passed onboarding assessment (5.3.2), inactive or without a PIN cannot sign in.
 * - After `idleLockMinutes` without input the counter locks (useIdleLock); the same person unlocks with
 *   the PIN, or one tap goes back to the name list.
 * - A reload keeps the session (issue 14 item 8): this tab's sessionStorage holds the staff id and the
 *   expiry, last activity + idleLockMinutes (auth/sessionPersistence.ts). Within it the counter reopens
 *   without a PIN; after it, or after a lock, it comes back locked asking that person's PIN. Never the PIN.
 * - Other modules act on sign-in, lock and restore through auth/sessionHooks.ts (the encryption at rest
 *   unwraps its data key with the PIN at `signedIn` and drops it at `locked`).
 */
import type { LockoutPolicy, LockoutRecord } from '../auth/lockout'
import type { RecordingAuthor } from '../data'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { DEFAULT_IDLE_LOCK_MINUTES, readCounterReference, readPinVerifier } from '../auth/counterReference'
import { readDeviceIdentity } from '../auth/deviceIdentity'
import { afterWrongPin, attemptsLeft as attemptsLeftOf, DEFAULT_LOCKOUT_POLICY, lockRemainingMs } from '../auth/lockout'
import { readLockouts, withLockout, writeLockouts } from '../auth/lockoutRecords'
import { fireLocked, fireRestored, fireSignedIn, SignInRefusedError } from '../auth/sessionHooks'
// Encryption at rest (src/app/data/crypto) acts on these hooks: the PIN unwraps the data key, a lock drops it.
import '../auth/dataKeyHooks'
import { isLive, readPersistedSession, writePersistedSession } from '../auth/sessionPersistence'
import type { SignInBlock, StaffMember } from '../auth/staffMember'
import { signInBlock } from '../auth/staffMember'
import { messageRef } from '../appError'
// What the session reads from storage comes through the data layer's light entry (data/firstScreen, in the auth
// modules above): the first screen must not carry the event store, folds and their schemas (issue 12 item 5).

export { DEFAULT_IDLE_LOCK_MINUTES } from '../auth/counterReference'
export { LOCKOUT_META_KEY } from '../auth/lockoutRecords'
export { SESSION_STORAGE_KEY } from '../auth/sessionPersistence'
export type { SignInBlock, StaffMember } from '../auth/staffMember'
export { signInBlock } from '../auth/staffMember'
/** The open session's expiry is written to storage when it moved by this much (activity is frequent). */
const PERSIST_STEP_MS = 5_000

export type SignInResult
  = | { ok: true }
    | { ok: false, reason: SignInBlock | 'unknown-staff' | 'no-data-key' }
    | { ok: false, reason: 'locked', remainingMs: number }
    | { ok: false, reason: 'wrong-pin', attemptsLeft: number, remainingMs: number }

export const useSessionStore = defineStore('session', () => {
  // --- Device identity ---
  const deviceId = ref<string | null>(null)
  const stationId = ref<string | null>(null)
  /** This tablet's slot at its station (document numbers, src/domain/receipt.ts); null when the server gave none. */
  const deviceSlot = ref<number | null>(null)
  const hasToken = ref(false)
  /** Identity has been read from storage at least once (guards wait for it). */
  const loaded = ref(false)
  /** Why reading the tablet's identity or staff from storage failed (a messageRef for the screen); null once it worked. */
  const initError = ref<string | null>(null)
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
  /** While signed in: when the counter locks without further activity (epoch ms); null otherwise. */
  const expiresAt = ref<number | null>(null)
  /** The expiry last written to sessionStorage (writes are stepped, activity is frequent). */
  let persistedExpiry: number | null = null
  const idleWindowMs = () => idleLockMinutes.value * 60_000

  function persist(): void {
    persistedExpiry = locked.value ? null : expiresAt.value
    writePersistedSession(staff.value ? { staffId: staff.value.id, expiresAt: persistedExpiry } : null)
  }
  /** Who records now (data's recordAs): this tablet and the signed-in staff member. */
  const author = computed<RecordingAuthor>(() => ({ deviceId: deviceId.value, stationId: stationId.value, staffId: staff.value?.id ?? null }))

  // --- Wrong PINs ---
  const lockouts = ref<Record<string, LockoutRecord>>({})

  async function loadIdentity(): Promise<void> {
    const identity = await readDeviceIdentity()
    deviceId.value = identity.deviceId
    stationId.value = identity.stationId
    hasToken.value = identity.hasToken
    deviceSlot.value = identity.deviceSlot
    loaded.value = true
  }

  /** Re-reads staff, station and settings from the pulled reference data (after a pull). */
  async function loadReference(): Promise<void> {
    const reference = await readCounterReference(stationId.value)
    staffRows.value = reference.staff
    idleLockMinutes.value = reference.idleLockMinutes
    policy.value = reference.policy
    stationName.value = reference.stationName
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
    lockouts.value = await readLockouts()
  }

  async function saveLockout(staffId: string, record: LockoutRecord | null): Promise<void> {
    const next = withLockout(lockouts.value, staffId, record)
    lockouts.value = next
    await writeLockouts(next)
  }

  /**
   * Reads everything from storage: identity, reference data, wrong-PIN records, and this tab's session:
   * still inside its idle window it reopens (if every `restored` hook agrees), else it comes back locked.
   */
  async function init(): Promise<void> {
    try {
      await loadIdentity()
      await Promise.all([loadReference(), loadLockouts()])
      initError.value = null
    }
    catch (error) {
      initError.value = messageRef('data.unreadable', { detail: error instanceof Error ? error.message : String(error) })
      throw error
    }
    const remembered = readPersistedSession()
    if (!remembered || staff.value)
      return
    const member = staffRows.value.find(s => s.id === remembered.staffId)
    if (!member || signInBlock(member) !== null) {
      writePersistedSession(null)
      return
    }
    const live = isLive(remembered, Date.now(), idleWindowMs())
    const reopen = live && remembered.expiresAt !== null
      && await fireRestored({ staffId: member.id, expiresAt: remembered.expiresAt })
    if (staff.value)
      return
    staff.value = member
    locked.value = !reopen
    expiresAt.value = reopen ? remembered.expiresAt : null
    if (live && !reopen)
      fireLocked({ staffId: member.id, reason: 'expired' })
    persist()
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
    const verifier = await readPinVerifier(staffId)
    // The PIN check (argon2id's WebAssembly) loads with the first PIN typed, not with the first screen.
    const { checkStaffPin } = await import('../auth/pinVerifier')
    const ok = await checkStaffPin(pin, verifier)
    const now = Date.now()
    if (!ok) {
      const record = afterWrongPin(lockouts.value[staffId], now, policy.value)
      await saveLockout(staffId, record)
      return { ok: false, reason: 'wrong-pin', attemptsLeft: attemptsLeftOf(record, now, policy.value), remainingMs: lockRemainingMs(record, now) }
    }
    if (lockouts.value[staffId])
      await saveLockout(staffId, null)
    const until = now + idleWindowMs()
    try {
      await fireSignedIn({ staffId: member.id, pin, expiresAt: until })
    }
    catch (error) {
      // A hook that refuses (no data key for this person here yet) keeps the counter closed, with its reason.
      if (error instanceof SignInRefusedError)
        return { ok: false, reason: error.reason }
      throw error
    }
    staff.value = member
    locked.value = false
    expiresAt.value = until
    persist()
    return { ok: true }
  }

  /** Activity at the counter (useIdleLock): the open session's expiry moves to `at` + the idle window. */
  function keepAlive(at = Date.now()): void {
    if (!signedIn.value)
      return
    // Activity after the expiry (a tablet woken from the background) does not revive the session.
    if (expiresAt.value !== null && expiresAt.value <= at) {
      lock()
      return
    }
    expiresAt.value = Math.max(expiresAt.value ?? 0, at + idleWindowMs())
    if (persistedExpiry === null || expiresAt.value - persistedExpiry >= PERSIST_STEP_MS)
      persist()
  }

  /** Locks once the open session's expiry has passed (useIdleLock checks every second). */
  function lockIfExpired(now = Date.now()): void {
    if (signedIn.value && expiresAt.value !== null && expiresAt.value <= now)
      lock()
  }

  /** Locks the counter; the same person's PIN unlocks it. */
  function lock(): void {
    if (!staff.value || locked.value)
      return
    locked.value = true
    expiresAt.value = null
    persist()
    fireLocked({ staffId: staff.value.id, reason: 'lock' })
  }

  /** Back to the name list (from the lock screen or the header). */
  function switchStaff(): void {
    endSession(signedIn.value)
  }

  function signOut(): void {
    endSession(false)
  }

  /** `handover`: switching from an unlocked session (the next person may take over: sessionHooks.ts). */
  function endSession(handover: boolean): void {
    const leaving = staff.value?.id ?? null
    staff.value = null
    locked.value = false
    expiresAt.value = null
    persist()
    if (leaving !== null)
      fireLocked({ staffId: leaving, reason: 'sign-out', ...(handover ? { handover: true } : {}) })
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
    initError,
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
    expiresAt,
    author,
    lockouts,
    init,
    loadIdentity,
    loadReference,
    loadLockouts,
    lockRemaining,
    attemptsLeft,
    signIn,
    keepAlive,
    lockIfExpired,
    lock,
    switchStaff,
    signOut,
    afterEnrollment,
  }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useSessionStore, import.meta.hot))
