/**
 * Who may call what (issue 8 and issue 10 "an authorization matrix over every route"): for every API route
 * the status each caller gets. The matrix test (authorizationMatrix.test.ts) fails for a route of the app
 * that has no row here, so a new route cannot ship without saying who may call it.
 *
 * Callers: anonymous; a device (Bearer token of a tablet at the fixture station, county 140105); office
 * accounts of the province ('14') as viewer, reviewer and admin; an admin of another city ('1405', which
 * does not contain the station). `request` builds a fresh request per caller (a revoke needs its own
 * device), from the fixture.
 */
import type { Kysely } from 'kysely'
import type { App } from '../../../src/server/app'
import type { Database } from '../../../src/server/db'
import type { TestDevice } from '../helpers/sync'
import { officeRoutePolicies } from './officeRoutePolicies'
import { stationRoutePolicies } from './stationRoutePolicies'

export type Caller = 'anonymous' | 'device' | 'viewer' | 'reviewer' | 'admin' | 'otherDivision'
export const CALLERS: readonly Caller[] = ['anonymous', 'device', 'viewer', 'reviewer', 'admin', 'otherDivision']

export interface Fixture {
  app: App
  db: Kysely<Database>
  /** The station every caller but otherDivision may see (county 140105). */
  stationId: string
  device: TestDevice
  /** A new enrolled device of the station (for routes that change a device). */
  newDevice: () => Promise<TestDevice>
}

export interface RouteRequest {
  path: string
  body?: unknown
  /** Raw bytes instead of JSON (blobs). */
  raw?: Uint8Array<ArrayBuffer>
}

export interface RoutePolicy {
  /** 'METHOD /path/:param' exactly as the app registers it. */
  route: string
  request: (fx: Fixture) => RouteRequest | Promise<RouteRequest>
  expect: Record<Caller, number>
}

const devicesOnly = { anonymous: 401, device: 200, viewer: 401, reviewer: 401, admin: 401, otherDivision: 401 }
const anyOffice = { anonymous: 401, device: 401, viewer: 200, reviewer: 200, admin: 200, otherDivision: 200 }
// The 8-byte PNG signature: the blob route takes JPEG, PNG and WebP only (issue 10 item 4).
const HELLO = new Uint8Array([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
const HELLO_SHA256 = '4c4b6a3be1314ab86138bef4314dde022e600960d8689a2c8f8631802d20dab6'
const adminOnly = (ok: number) => ({ anonymous: 401, device: 401, viewer: 403, reviewer: 403, admin: ok, otherDivision: 404 })
let staffSerial = 0
let bookingSerial = 0

/** A fresh staff member of the fixture station (each mutating call gets its own), its member path. */
async function newStaff(fx: Fixture): Promise<string> {
  const id = `authz-staff-${process.pid}-${++staffSerial}`
  await fx.db.insertInto('staff').values({ id, station_id: fx.stationId, name: '矩阵测试', role: 'staff' }).execute()
  return `/api/office/stations/${fx.stationId}/staff/${id}`
}

export const routePolicies: RoutePolicy[] = [
  { route: 'GET /api/health', request: () => ({ path: '/api/health' }), expect: { anonymous: 200, device: 200, viewer: 200, reviewer: 200, admin: 200, otherDivision: 200 } },
  // A wrong code is refused the same for everyone: enrollment needs no login, only a valid one-time code.
  { route: 'POST /api/devices/enroll', request: () => ({ path: '/api/devices/enroll', body: { code: 'ABCD-EFGH-JK', deviceName: '平板' } }), expect: { anonymous: 403, device: 403, viewer: 403, reviewer: 403, admin: 403, otherDivision: 403 } },
  { route: 'POST /api/sync/push', request: () => ({ path: '/api/sync/push', body: { protocol: 1, appVersion: '0.1.0', events: [] } }), expect: devicesOnly },
  { route: 'GET /api/sync/pull', request: () => ({ path: '/api/sync/pull' }), expect: devicesOnly },
  { route: 'PUT /api/blobs/:sha256', request: () => ({ path: `/api/blobs/${HELLO_SHA256}`, raw: HELLO }), expect: { ...devicesOnly, device: 201 } },
  { route: 'GET /api/blobs/:sha256', request: () => ({ path: `/api/blobs/${'0'.repeat(64)}` }), expect: { ...devicesOnly, device: 404 } },
  // Signing in needs no session; a wrong password is the same 401 for everyone.
  { route: 'POST /api/office/session', request: () => ({ path: '/api/office/session', body: { username: 'nobody-here', password: 'wrong-password' } }), expect: { anonymous: 401, device: 401, viewer: 401, reviewer: 401, admin: 401, otherDivision: 401 } },
  { route: 'DELETE /api/office/session', request: () => ({ path: '/api/office/session' }), expect: { anonymous: 204, device: 204, viewer: 204, reviewer: 204, admin: 204, otherDivision: 204 } },
  { route: 'GET /api/office/me', request: () => ({ path: '/api/office/me' }), expect: anyOffice },
  { route: 'POST /api/office/enrollment-codes', request: fx => ({ path: '/api/office/enrollment-codes', body: { stationId: fx.stationId } }), expect: { anonymous: 401, device: 401, viewer: 403, reviewer: 403, admin: 201, otherDivision: 404 } },
  { route: 'POST /api/office/devices/:id/revoke', request: async fx => ({ path: `/api/office/devices/${(await fx.newDevice()).deviceId}/revoke` }), expect: { anonymous: 401, device: 401, viewer: 403, reviewer: 403, admin: 200, otherDivision: 404 } },
  { route: 'GET /api/office/metrics', request: fx => ({ path: `/api/office/metrics?from=2026-12-01&to=2026-12-31&stationId=${fx.stationId}` }), expect: { ...anyOffice, otherDivision: 404 } },
  ...stationRoutePolicies,
  ...officeRoutePolicies,
  { route: 'GET /api/office/metrics/cases', request: fx => ({ path: `/api/office/metrics/cases?metric=onTime&from=2026-12-01&to=2026-12-31&stationId=${fx.stationId}` }), expect: { ...anyOffice, otherDivision: 404 } },
  // Staff (issue 8 item 3): any office reads the roster of a station it sees; only an admin changes it.
  { route: 'GET /api/office/stations/:id/staff', request: fx => ({ path: `/api/office/stations/${fx.stationId}/staff` }), expect: { ...anyOffice, otherDivision: 404 } },
  { route: 'POST /api/office/stations/:id/staff', request: fx => ({ path: `/api/office/stations/${fx.stationId}/staff`, body: { name: '赵丽', mobile: '13912345678', pin: '482915', assessmentPassed: true } }), expect: adminOnly(201) },
  { route: 'PATCH /api/office/stations/:id/staff/:staffId', request: async fx => ({ path: await newStaff(fx), body: { role: 'lead' } }), expect: adminOnly(200) },
  { route: 'POST /api/office/stations/:id/staff/:staffId/assessments', request: async fx => ({ path: `${await newStaff(fx)}/assessments`, body: { date: '2026-03-01', passed: true, assessor: '县政务服务中心' } }), expect: adminOnly(201) },
  { route: 'POST /api/office/stations/:id/staff/:staffId/trainings', request: async fx => ({ path: `${await newStaff(fx)}/trainings`, body: { kind: 'online', date: '2026-03-01' } }), expect: adminOnly(201) },
  { route: 'PUT /api/office/stations/:id/staff/:staffId/pin', request: async fx => ({ path: `${await newStaff(fx)}/pin`, body: { pin: '905613' } }), expect: adminOnly(200) },
  { route: 'POST /api/office/stations/:id/staff/:staffId/deactivate', request: async fx => ({ path: `${await newStaff(fx)}/deactivate` }), expect: adminOnly(200) },
  { route: 'POST /api/office/stations/:id/staff/:staffId/reactivate', request: async fx => ({ path: `${await newStaff(fx)}/reactivate` }), expect: adminOnly(200) },
  { route: 'POST /api/office/stations/:id/staff/:staffId/mobile', request: async fx => ({ path: `${await newStaff(fx)}/mobile`, body: { reason: '通知参加培训' } }), expect: adminOnly(200) },
  // Devices (issue 8 item 5).
  { route: 'GET /api/office/stations/:id/devices', request: fx => ({ path: `/api/office/stations/${fx.stationId}/devices` }), expect: { ...anyOffice, otherDivision: 404 } },
  // Public: nobody signs in; the token is the only key (an unknown one is 404 for every caller, never 401).
  // Issue 9 item 1: the booking page is public; nobody is ever 401 there.
  { route: 'GET /api/public/booking/stations', request: () => ({ path: '/api/public/booking/stations' }), expect: { anonymous: 200, device: 200, viewer: 200, reviewer: 200, admin: 200, otherDivision: 200 } },
  { route: 'GET /api/public/booking/stations/:id', request: () => ({ path: '/api/public/booking/stations/st-unknown' }), expect: { anonymous: 404, device: 404, viewer: 404, reviewer: 404, admin: 404, otherDivision: 404 } },
  { route: 'POST /api/public/booking/appointments', request: () => ({ path: '/api/public/booking/appointments', body: { stationId: 'st-unknown', itemCode: 'x', date: '2026-12-01', start: '09:00', name: '张三', mobile: `139${String(++bookingSerial).padStart(8, '0')}`, consent: true } }), expect: { anonymous: 404, device: 404, viewer: 404, reviewer: 404, admin: 404, otherDivision: 404 } },
  { route: 'POST /api/public/booking/appointments/cancel', request: () => ({ path: '/api/public/booking/appointments/cancel', body: { code: 'AAAAAAAA', mobile: '13800138000' } }), expect: { anonymous: 404, device: 404, viewer: 404, reviewer: 404, admin: 404, otherDivision: 404 } },
  { route: 'GET /api/public/ratings/:token', request: () => ({ path: `/api/public/ratings/${'A'.repeat(43)}` }), expect: { anonymous: 404, device: 404, viewer: 404, reviewer: 404, admin: 404, otherDivision: 404 } },
  { route: 'POST /api/public/ratings/:token', request: () => ({ path: `/api/public/ratings/${'A'.repeat(43)}`, body: { level: 5, dimensions: { attitude: 5, quality: 5, efficiency: 5 }, reasons: [] } }), expect: { anonymous: 404, device: 404, viewer: 404, reviewer: 404, admin: 404, otherDivision: 404 } },
]
