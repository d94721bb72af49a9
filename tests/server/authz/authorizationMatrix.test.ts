/**
 * The authorization matrix (issue 8 tests, issue 10): every API route the app registers × every kind of
 * caller → exactly the status routePolicies.ts says. Each mutating call gets fresh targets, so one
 * caller's success never changes what the next one sees. Runs on PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../src/server/app'
import { appFor } from '../helpers/app'
import { testDatabases } from '../helpers/databases'
import type { TestDatabase } from '../helpers/databases'
import { signInOffice } from '../helpers/office'
import { addStation, enrollDevice } from '../helpers/sync'
import type { Caller, Fixture } from './routePolicies'
import { CALLERS, routePolicies } from './routePolicies'

/** 'METHOD /path' of every API route (middleware entries are ALL). */
function apiRoutes(app: App): string[] {
  return [...new Set(app.routes.filter(r => r.method !== 'ALL' && r.path.startsWith('/api/')).map(r => `${r.method} ${r.path}`))].sort()
}

describe.each(testDatabases())('authorization matrix on %s', (kind) => {
  let ctx: TestDatabase
  let fx: Fixture
  const headers = {} as Record<Caller, Record<string, string>>

  beforeAll(async () => {
    ctx = await kind.open()
    const app = appFor(ctx)
    const stationId = await addStation(ctx.db)
    const device = await enrollDevice(app, ctx.db, stationId)
    fx = { app, db: ctx.db, stationId, device, newDevice: () => enrollDevice(app, ctx.db, stationId, '待撤销平板') }
    headers.anonymous = {}
    headers.device = { authorization: `Bearer ${device.token}` }
    headers.viewer = (await signInOffice(app, ctx.db, { role: 'viewer', divisionCode: '14' })).headers
    headers.reviewer = (await signInOffice(app, ctx.db, { role: 'reviewer', divisionCode: '14' })).headers
    headers.admin = (await signInOffice(app, ctx.db, { role: 'admin', divisionCode: '14' })).headers
    headers.otherDivision = (await signInOffice(app, ctx.db, { role: 'admin', divisionCode: '1405' })).headers
  })
  afterAll(() => ctx.close())

  it('has a policy for every API route, and no policy for a route that does not exist', () => {
    const registered = apiRoutes(fx.app)
    const declared = routePolicies.map(p => p.route).sort()
    expect(registered.filter(r => !declared.includes(r)), 'routes without a policy in routePolicies.ts').toEqual([])
    expect(declared.filter(r => !registered.includes(r)), 'policies for routes the app does not have').toEqual([])
  })

  it.each(routePolicies.map(p => [p.route, p] as const))('%s', async (_route, policy) => {
    const method = policy.route.split(' ')[0] ?? 'GET'
    const got = {} as Record<Caller, number>
    for (const caller of CALLERS) {
      // A caller signed out by DELETE /api/office/session signs in again for the next route.
      const req = await policy.request(fx)
      const init: RequestInit = { method, headers: { ...headers[caller] } }
      if (req.raw) {
        init.body = req.raw
        ;(init.headers as Record<string, string>)['content-type'] = 'application/octet-stream'
      }
      else if (req.body !== undefined) {
        init.body = JSON.stringify(req.body)
        ;(init.headers as Record<string, string>)['content-type'] = 'application/json'
      }
      const res = await fx.app.request(req.path, init)
      got[caller] = res.status
      if (policy.route === 'DELETE /api/office/session' && caller !== 'anonymous' && caller !== 'device') {
        const role = caller === 'otherDivision' ? 'admin' : caller
        headers[caller] = (await signInOffice(fx.app, fx.db, { role, divisionCode: caller === 'otherDivision' ? '1405' : '14' })).headers
      }
    }
    expect(got).toEqual(policy.expect)
  })
})
