/**
 * What the office does to staff reaches the counter by pull (issue 8 item 3, 5.3): a member added from the
 * office signs in on the tablet with the PIN set there; a newer failed assessment, then deactivation, stop
 * them signing in after the tablet's next sync. Real server in-process, real tablet data layer.
 */
import type { TestServer } from '../support/testServer'
import { createPinia, setActivePinia } from 'pinia'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { setOfficeFetch, useOfficeStore } from '../../../src/app/stores/office'
import { useOfficeStaffStore } from '../../../src/app/stores/officeStaff'
import { useSessionStore } from '../../../src/app/stores/session'
import { setSyncFetch, useSyncStore } from '../../../src/app/stores/sync'
import { freshDatabase } from '../support/database'
import { startServer } from '../support/testServer'

vi.setConfig({ testTimeout: 30_000 })
let server: TestServer

beforeAll(async () => {
  server = await startServer()
}, 60_000)

afterAll(async () => {
  await server?.close()
})

beforeEach(() => {
  freshDatabase()
  sessionStorage.clear()
  setActivePinia(createPinia())
  setSyncFetch(server.fetch)
  setOfficeFetch(server.fetch)
})

afterEach(() => {
  useSyncStore().stop()
  setSyncFetch(undefined)
  setOfficeFetch(undefined)
})

describe('staff from the office at the counter', () => {
  it('signs in with the office-set PIN; a newer failed assessment and then deactivation refuse sign-in after the next sync', async () => {
    const sync = useSyncStore()
    const session = useSessionStore()
    await sync.enroll(await server.mintCode())
    await useOfficeStore().login(server.office.username, server.office.password)
    const office = useOfficeStaffStore()
    const { id } = await office.add(server.stationId, { name: '赵丽', mobile: '13912345678', pin: '482915', assessmentPassed: true, assessmentDate: '2026-03-01' })

    expect(await session.signIn(id, '482915')).toMatchObject({ ok: false, reason: 'unknown-staff' })
    await sync.syncNow()
    expect(session.staffList.map(s => s.name)).toContain('赵丽')
    expect(await session.signIn(id, '482915')).toMatchObject({ ok: true })
    session.signOut()

    await office.assess(server.stationId, id, { date: '2026-04-01', passed: false, assessor: '县政务服务中心' })
    await sync.syncNow()
    expect(await session.signIn(id, '482915')).toMatchObject({ ok: false, reason: 'not-assessed' })

    await office.assess(server.stationId, id, { date: '2026-04-15', passed: true, assessor: '县政务服务中心' })
    await office.setActive(server.stationId, id, false)
    await sync.syncNow()
    expect(session.staffList.map(s => s.name)).not.toContain('赵丽')
    expect(await session.signIn(id, '482915')).toMatchObject({ ok: false, reason: 'inactive' })
  })
})
