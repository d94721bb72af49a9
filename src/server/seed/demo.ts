/**
 * The demo seed (issue 3 item 2): on the first start of an EMPTY database (no station, no office
 * account) and unless SEED_DEMO=0, one station in 晋城市城区 hosted by a bank branch, two staff who
 * passed the onboarding assessment, the 12-item catalog all offered there, an office account and a
 * one-time enrollment code. `npm start` prints what `seedOnStart` returns (formatDemoInfo).
 *
 * PINs are fixed, documented demo values. The office password is random, made on the first start and
 * printed only then (never logged, never stored in plain text). Enrollment codes are stored
 * hashed, so the demo keeps the plaintext of its current code in `meta` (key 'demo') to print it
 * again on later starts, and mints a fresh one once that code is used or expired.
 */
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { divisionFullName } from '../../domain/divisions'
import { mintEnrollmentCode } from '../auth/devices'
import { hashOfficePassword } from '../auth/officePassword'
import { makePinVerifier } from '../auth/pinVerifier'
import { hashEnrollmentCode } from '../auth/secrets'
import type { Database } from '../db'
import { jsonb } from '../db'
import type { OpeningHours } from '../db/referenceSchema'
import { recountStoredDues } from '../calendar/recountDues'
import { ensureCalendarYears } from './calendar'
import { loadSeedCatalog } from './catalog'

export const DEMO_STATION = {
  id: 'demo-jc-cq-01',
  code: 'JC01',
  name: '山西银行晋城分行营业部便民服务站',
  hostType: 'bank',
  hostUnit: '山西银行晋城分行营业部',
  address: '山西省晋城市城区（演示地址，以实际网点为准）',
  /** 晋城市城区 (GB/T 2260). */
  countyCode: '140502',
  windows: 1,
  openingHours: [
    { days: [1, 2, 3, 4, 5], open: '09:00', close: '17:00' },
    { days: [6, 7], open: '09:30', close: '16:00' },
  ] satisfies OpeningHours[],
  tier: 'basic',
  latitude: 35.4907,
  longitude: 112.8513,
} as const

/** Demo staff and their PINs (documented; change them before any real use). */
export const DEMO_STAFF = [
  { id: 'demo-staff-1', name: '王晓燕', role: 'lead', pin: '246810', assessmentDate: '2026-11-02' },
  { id: 'demo-staff-2', name: '李建军', role: 'staff', pin: '135790', assessmentDate: '2026-11-02' },
] as const

function demoStaffInfo(p: typeof DEMO_STAFF[number]): DemoStaffInfo {
  return { id: p.id, name: p.name, role: p.role, pin: p.pin }
}

/** The supervising office's demo login (本级政务服务管理机构): an admin of 晋城市城区; its password is random. */
export const DEMO_OFFICE = { username: 'office', displayName: '晋城市城区行政审批服务管理局（演示账号）', role: 'admin', divisionCode: '140502' } as const

/** A random demo office password: 16 characters without look-alikes (0/O, 1/l/I), in groups of four. */
export function randomDemoPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
  const bytes = randomBytes(16)
  const chars = [...bytes].map(b => alphabet[b % alphabet.length] ?? 'x')
  return [0, 4, 8, 12].map(i => chars.slice(i, i + 4).join('')).join('-')
}

/** What `npm start` prints for the demo. */
export interface DemoStaffInfo { id: string, name: string, role: string, pin: string }

export interface DemoInfo {
  /** True on the start that created the demo data. */
  seededNow: boolean
  station: { id: string, code: string, name: string, address: string, county: string }
  /** A one-time code for enrolling a tablet (POST /api/devices/enroll), valid until expiresAt. */
  enrollmentCode: { code: string, expiresAt: string }
  /** The station lead first, then the second staff member: exactly the two of DEMO_STAFF. */
  staff: [lead: DemoStaffInfo, staff: DemoStaffInfo]
  /** The password only on the start that created it (seededNow); null afterwards. */
  office: { username: string, password: string | null }
}

export interface SeedOnStartOptions {
  /** Default: process.env.SEED_DEMO !== '0'. */
  seedDemo?: boolean
  now?: Date
}

/** Advisory lock held while seeding, so two processes starting on one PostgreSQL seed once. */
const SEED_LOCK = [3, 0] as const

interface DemoMeta {
  stationId: string
  seededAt: string
  enrollmentCode: { code: string, expiresAt: string }
}

/**
 * Run at every server start, after migrations: adds calendar years the database lacks, recounts the
 * case dues that wait on one, and, unless
 * turned off, seeds the demo into an empty database. Returns what to print, or null when there is
 * no demo (SEED_DEMO=0, or a database that already held real data).
 */
export async function seedOnStart(db: Kysely<Database>, options: SeedOnStartOptions = {}): Promise<DemoInfo | null> {
  const seedDemo = options.seedDemo ?? process.env.SEED_DEMO !== '0'
  const now = options.now ?? new Date()
  await ensureCalendarYears(db)
  // Dues that wait on a year (暂定, or none at all from before 暂定) are counted with every year held now.
  await recountStoredDues(db)
  if (!seedDemo)
    return null
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SEED_LOCK[0]}, ${SEED_LOCK[1]})`.execute(trx)
    const existing = await trx.selectFrom('meta').select('value').where('key', '=', 'demo').executeTakeFirst()
    if (existing)
      return demoInfo(await refreshEnrollmentCode(trx, existing.value as DemoMeta, now), null)
    if (!(await isEmpty(trx)))
      return null
    const officePassword = randomDemoPassword()
    return demoInfo(await insertDemo(trx, now, officePassword), officePassword)
  })
}

/** Banner lines for the console (zh-CN first, English second). */
export function formatDemoInfo(info: DemoInfo, url: string): string {
  const expires = new Date(info.enrollmentCode.expiresAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })
  // Issue 10 item 5: the secrets (enrollment code, PINs, office password) are printed on the first start only.
  const secrets = info.seededNow
    ? [
        `  平板登记码 Tablet enrollment code: ${info.enrollmentCode.code}  （一次有效，${expires} 前 one-time, until ${info.enrollmentCode.expiresAt}）`,
        `  在平板上打开 Open on the tablet: ${url}`,
        ...info.staff.map(s => `  工作人员 Staff: ${s.name}  PIN ${s.pin}`),
      ]
    : [
        `  在平板上打开 Open on the tablet: ${url}`,
        '  平板登记码与 PIN 仅在首次启动时显示；新的登记码请在主管机构页面 /office 生成',
        '  Enrollment code and PINs are shown on the first start only; mint a new code in the office console (/office)',
        ...info.staff.map(s => `  工作人员 Staff: ${s.name}`),
      ]
  return [
    `演示数据 Demo data${info.seededNow ? '（首次启动已创建 created on this first start）' : ''}`,
    `  便民服务站 Station: ${info.station.name}（${info.station.county}）`,
    ...secrets,
    info.office.password === null
      ? `  主管机构账号 Office login: ${info.office.username}（密码仅在首次启动时显示 password shown at first start only）`
      : `  主管机构账号 Office login: ${info.office.username} / ${info.office.password}`,
    '  关闭演示数据 Turn the demo off: SEED_DEMO=0 (only before the first start)',
  ].join('\n')
}

async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  const station = await db.selectFrom('stations').select('id').limit(1).executeTakeFirst()
  const office = await db.selectFrom('office_accounts').select('username').limit(1).executeTakeFirst()
  return !station && !office
}

async function insertDemo(db: Kysely<Database>, now: Date, officePassword: string): Promise<DemoMeta> {
  const s = DEMO_STATION
  await db.insertInto('office_accounts')
    .values({ username: DEMO_OFFICE.username, password_hash: await hashOfficePassword(officePassword), role: DEMO_OFFICE.role, division_code: DEMO_OFFICE.divisionCode, display_name: DEMO_OFFICE.displayName, created_at: now, updated_at: now })
    .execute()
  await db.insertInto('stations').values({
    id: s.id,
    code: s.code,
    name: s.name,
    host_type: s.hostType,
    host_unit: s.hostUnit,
    address: s.address,
    county_code: s.countyCode,
    windows: s.windows,
    opening_hours: jsonb(s.openingHours),
    tier: s.tier,
    latitude: s.latitude,
    longitude: s.longitude,
    contact_phone: null,
    state: 'open',
  }).execute()
  const verifiers = await Promise.all(DEMO_STAFF.map(p => makePinVerifier(p.pin)))
  await db.insertInto('staff').values(DEMO_STAFF.map((p, i) => ({
    id: p.id,
    station_id: s.id,
    name: p.name,
    role: p.role,
    assessment_passed: true,
    assessment_date: p.assessmentDate,
    active: true,
    pin_verifier: jsonb(verifiers[i] ?? null),
  }))).execute()
  const catalog = loadSeedCatalog()
  await db.insertInto('service_items')
    .values(catalog.map(item => ({ code: item.code, item: jsonb(item) })))
    .onConflict(oc => oc.column('code').doNothing())
    .execute()
  await db.insertInto('station_items')
    .values(catalog.map(item => ({ station_id: s.id, item_code: item.code })))
    .execute()
  const minted = await mintEnrollmentCode(db, s.id, { now })
  const meta: DemoMeta = { stationId: s.id, seededAt: now.toISOString(), enrollmentCode: { code: minted.code, expiresAt: minted.expiresAt.toISOString() } }
  await db.insertInto('meta').values({ key: 'demo', value: jsonb(meta) }).execute()
  return meta
}

/** Keeps the printed code usable: the stored one while unused and unexpired, else a fresh one. */
async function refreshEnrollmentCode(db: Kysely<Database>, meta: DemoMeta, now: Date): Promise<DemoMeta> {
  const current = await db.selectFrom('enrollment_codes').select(['used_at', 'expires_at'])
    .where('code_hash', '=', hashEnrollmentCode(meta.enrollmentCode.code))
    .executeTakeFirst()
  if (current && current.used_at === null && new Date(current.expires_at).getTime() > now.getTime())
    return meta
  const minted = await mintEnrollmentCode(db, meta.stationId, { now })
  const next: DemoMeta = { ...meta, enrollmentCode: { code: minted.code, expiresAt: minted.expiresAt.toISOString() } }
  await db.updateTable('meta').set({ value: jsonb(next), updated_at: now }).where('key', '=', 'demo').execute()
  return next
}

function demoInfo(meta: DemoMeta, officePassword: string | null): DemoInfo {
  return {
    seededNow: officePassword !== null,
    station: {
      id: meta.stationId,
      code: DEMO_STATION.code,
      name: DEMO_STATION.name,
      address: DEMO_STATION.address,
      county: divisionFullName(DEMO_STATION.countyCode) ?? DEMO_STATION.countyCode,
    },
    enrollmentCode: meta.enrollmentCode,
    staff: [demoStaffInfo(DEMO_STAFF[0]), demoStaffInfo(DEMO_STAFF[1])],
    office: { username: DEMO_OFFICE.username, password: officePassword },
  }
}
