/**
 * A malformed office answer (issue 13 item 1): every office call parses its answer with the contract's schema
 * (src/domain/protocol), so an answer of the wrong shape rejects with OfficeError office.malformed and leaves the
 * store as it was: it never reaches a view half-read. The fetch is injected and answers fixed bodies per path.
 */
import type { FetchLike } from '../../../src/app/sync'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { OfficeError, setOfficeFetch, useOfficeStore } from '../../../src/app/stores/office'
import { useOfficeAccountsStore } from '../../../src/app/stores/officeAccounts'
import { useOfficeAuditStore } from '../../../src/app/stores/officeAudit'
import { useOfficeCalendarStore } from '../../../src/app/stores/officeCalendar'
import { useOfficeCatalogStore } from '../../../src/app/stores/officeCatalog'
import { useOfficeFollowUpsStore } from '../../../src/app/stores/officeFollowUps'
import { useOfficeRectificationsStore } from '../../../src/app/stores/officeRectifications'
import { useOfficeStationsStore } from '../../../src/app/stores/officeStations'

/** Answers by path (without the query): a body sent as JSON with 200, or a raw text. */
let answers: Record<string, unknown> = {}
const asked: string[] = []

const fakeFetch: FetchLike = async (input) => {
  const path = new URL(String(input)).pathname
  asked.push(path)
  if (!(path in answers))
    return new Response(JSON.stringify({ error: 'not-found' }), { status: 404, headers: { 'content-type': 'application/json' } })
  const body = answers[path]
  return typeof body === 'string'
    ? new Response(body, { status: 200, headers: { 'content-type': 'text/html' } })
    : new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
}

async function rejection(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run()
  }
  catch (error) {
    return error
  }
  throw new Error('the call resolved')
}

function expectMalformed(error: unknown): void {
  expect(error).toBeInstanceOf(OfficeError)
  expect(error).toMatchObject({ kind: 'server', code: 'office.malformed', serverCode: 'malformed-answer' })
}

const station = {
  id: 'st-1',
  code: 'JC01',
  name: '城区便民服务站',
  hostType: 'bank',
  hostUnit: '某银行',
  address: '城区 1 号',
  countyCode: '140502',
  countyName: '山西省晋城市城区',
  windows: 1,
  openingHours: [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '17:00' }],
  tier: 'basic',
  latitude: null,
  longitude: null,
  contactPhone: null,
  functions: null,
  bookingSlotMinutes: 30,
  bookingSlotCapacity: 2,
  state: 'open',
}

beforeEach(() => {
  sessionStorage.clear()
  setActivePinia(createPinia())
  answers = {}
  asked.length = 0
  setOfficeFetch(fakeFetch)
})

afterEach(() => {
  setOfficeFetch(undefined)
})

describe('a malformed office answer', () => {
  it('a catalog item missing its notice fields is refused and the list stays empty', async () => {
    answers['/api/office/catalog'] = { items: [{ code: 'hukou', active: true }], stations: [] }
    const catalog = useOfficeCatalogStore()
    expectMalformed(await rejection(() => catalog.load()))
    expect(catalog.items).toEqual([])
    expect(asked).toEqual(['/api/office/catalog'])
  })

  it('an account with a role the contract does not know is refused', async () => {
    answers['/api/office/accounts'] = { accounts: [{ username: 'jc-admin', displayName: '晋城', role: 'superuser', divisionCode: '1405', active: true, createdAt: '2026-03-01T00:00:00.000Z', updatedAt: '2026-03-01T00:00:00.000Z' }] }
    const accounts = useOfficeAccountsStore()
    expectMalformed(await rejection(() => accounts.load()))
    expect(accounts.accounts).toEqual([])
  })

  it('a station detail whose applications are not a list is refused, and the detail stays unset', async () => {
    answers['/api/office/stations/st-1'] = { station, applications: 'none', devices: [] }
    const stations = useOfficeStationsStore()
    expectMalformed(await rejection(() => stations.loadStation('st-1')))
    expect(stations.detail).toBeNull()
    // The same station with a well-formed answer is read.
    answers['/api/office/stations/st-1'] = { station, applications: [], devices: [] }
    expect((await stations.loadStation('st-1')).station.countyName).toBe('山西省晋城市城区')
  })

  it('an audit page whose entries lack their members is refused, and no entry is shown', async () => {
    answers['/api/office/audit'] = { entries: [{ id: 7, action: 'account.created' }], nextBefore: null }
    const audit = useOfficeAuditStore()
    expectMalformed(await rejection(() => audit.search({ action: 'account.' })))
    expect(audit.entries).toEqual([])
  })

  it('follow-up settings missing a member, and a rectification list that is not one, are refused', async () => {
    answers['/api/office/follow-ups'] = { asOf: '2026-03-10T02:00:00.000Z', days: 60, samplePercent: 10, tasks: [] }
    answers['/api/office/complaints'] = { asOf: '2026-03-10T02:00:00.000Z', complaints: [] }
    answers['/api/office/settings/follow-ups'] = { samplePercent: 10, complaintDueWorkdays: 5 }
    const followUps = useOfficeFollowUpsStore()
    expectMalformed(await rejection(() => followUps.load()))
    expect(followUps.settings).toBeNull()

    answers['/api/office/rectifications'] = { asOf: '2026-03-10T02:00:00.000Z', tasks: null }
    answers['/api/office/appeals'] = { appeals: [] }
    expectMalformed(await rejection(() => useOfficeRectificationsStore().load()))
  })

  it('a page that is not JSON at all (a proxy\'s HTML) is malformed too, not a crash', async () => {
    answers['/api/office/calendar-years'] = '<html><body>502 Bad Gateway</body></html>'
    const calendar = useOfficeCalendarStore()
    expectMalformed(await rejection(() => calendar.loadYears()))
    expect(calendar.years).toEqual([])
  })

  it('a malformed answer keeps the office signed in (only a 401 signs out)', async () => {
    answers['/api/office/session'] = { username: 'jc-admin', displayName: '晋城', role: 'admin', divisionCode: '1405', expiresAt: '2026-03-10T10:00:00.000Z' }
    const office = useOfficeStore()
    await office.login('jc-admin', 'a-password-1')
    answers['/api/office/accounts'] = { accounts: 'all of them' }
    expectMalformed(await rejection(() => useOfficeAccountsStore().load()))
    expect(office.signedIn).toBe(true)
  })
})
