/**
 * The station lifecycle routes in the authorization matrix (issue 8 item 2). Mutations get a fresh station
 * of the fixture's county (140105) per call, in the state the step needs, so each caller meets the same case.
 */
import { randomUUID } from 'node:crypto'
import { jsonb } from '../../../src/server/db'
import { addStation } from '../helpers/sync'
import type { Fixture, RoutePolicy } from './routePolicies'

const anyOffice = { anonymous: 401, device: 401, viewer: 200, reviewer: 200, admin: 200, otherDivision: 200 }
const closeFields = { applicantName: '王晓燕', contactPhone: '13800000000', countyCode: '140105', address: '山西省太原市小店区', reason: '网点撤并' }

/** A fresh station in `state` with one application of `kind` in `status`; returns the application id. */
async function freshApplication(fx: Fixture, kind: 'open' | 'close', status: 'draft' | 'submitted', state: 'applying' | 'open'): Promise<{ stationId: string, id: string }> {
  const stationId = await addStation(fx.db, '矩阵测试站')
  await fx.db.updateTable('stations').set({ state }).where('id', '=', stationId).execute()
  const id = randomUUID()
  const fields = kind === 'open' ? { applicantUnit: '测试银行', countyCode: '140105', site: '山西省太原市小店区' } : closeFields
  await fx.db.insertInto('station_applications').values({
    id,
    kind,
    station_id: stationId,
    status,
    fields: jsonb(fields),
    before: null,
    drafted_by_type: 'office',
    drafted_by: 'matrix',
    drafted_by_staff: null,
    source_event_id: null,
    submitted_at: status === 'submitted' ? new Date() : null,
  }).execute()
  return { stationId, id }
}

export const stationRoutePolicies: RoutePolicy[] = [
  { route: 'GET /api/office/stations', request: () => ({ path: '/api/office/stations' }), expect: anyOffice },
  { route: 'GET /api/office/stations/:id', request: fx => ({ path: `/api/office/stations/${fx.stationId}` }), expect: { ...anyOffice, otherDivision: 404 } },
  { route: 'PUT /api/office/stations/:id/booking', request: fx => ({ path: `/api/office/stations/${fx.stationId}/booking`, body: { slotMinutes: 30, slotCapacity: 3 } }), expect: { anonymous: 401, device: 401, viewer: 403, reviewer: 403, admin: 200, otherDivision: 404 } },
  { route: 'POST /api/office/stations', request: () => ({ path: '/api/office/stations', body: { name: '矩阵新站', divisionCode: '140105', address: '小店区 1 号', hostType: 'bank' } }), expect: { anonymous: 401, device: 401, viewer: 403, reviewer: 403, admin: 201, otherDivision: 404 } },
  {
    route: 'POST /api/office/stations/:id/devices/revoke-remaining',
    request: async (fx) => {
      const stationId = await addStation(fx.db, '已撤销站')
      await fx.db.updateTable('stations').set({ state: 'closed' }).where('id', '=', stationId).execute()
      return { path: `/api/office/stations/${stationId}/devices/revoke-remaining`, body: {} }
    },
    expect: { anonymous: 401, device: 401, viewer: 403, reviewer: 403, admin: 200, otherDivision: 404 },
  },
  { route: 'GET /api/office/applications', request: () => ({ path: '/api/office/applications' }), expect: anyOffice },
  { route: 'GET /api/office/applications/:id', request: async fx => ({ path: `/api/office/applications/${(await freshApplication(fx, 'open', 'submitted', 'applying')).id}` }), expect: { ...anyOffice, otherDivision: 404 } },
  { route: 'POST /api/office/applications', request: fx => ({ path: '/api/office/applications', body: { kind: 'close', stationId: fx.stationId, fields: closeFields } }), expect: { anonymous: 401, device: 401, viewer: 403, reviewer: 403, admin: 201, otherDivision: 404 } },
  { route: 'POST /api/office/applications/:id/submit', request: async fx => ({ path: `/api/office/applications/${(await freshApplication(fx, 'close', 'draft', 'open')).id}/submit`, body: {} }), expect: { anonymous: 401, device: 401, viewer: 403, reviewer: 403, admin: 200, otherDivision: 404 } },
  { route: 'POST /api/office/applications/:id/review', request: async fx => ({ path: `/api/office/applications/${(await freshApplication(fx, 'open', 'submitted', 'applying')).id}/review`, body: { decision: 'approved', opinion: '同意', date: '2026-12-01' } }), expect: { anonymous: 401, device: 401, viewer: 403, reviewer: 200, admin: 200, otherDivision: 404 } },
]
