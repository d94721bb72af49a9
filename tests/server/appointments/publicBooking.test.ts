/**
 * The citizen's booking API (issue 9 items 1–2, 6.3.1) on PGlite and PostgreSQL: stations with city and
 * county, the item's materials, slots from opening hours with the seats left; a booking is an event of the
 * station its tablets pull; bad input 400 with Chinese field errors, oversized 413, a full slot 409; twenty
 * concurrent requests for the last seat: exactly one wins; cancel by code + mobile; rate limits; a phone
 * booking pushed by a tablet after its slot filled is declined with the reason; the office sets the slots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DomainEvent } from '../../../src/domain/events'
import { newEventId, newStreamId } from '../../../src/domain/events'
import { SLOT_FULL_MESSAGE } from '../../../src/domain/appointment'
import type { App } from '../../../src/server/app'
import { jsonb } from '../../../src/server/db'
import { PUBLIC_BOOKING_WRITE_LIMIT } from '../../../src/server/routes/api/publicBooking'
import { appFor } from '../helpers/app'
import { testDatabases } from '../helpers/databases'
import type { TestDatabase } from '../helpers/databases'
import { signInOffice } from '../helpers/office'
import type { TestDevice } from '../helpers/sync'
import { addStation, enrollDevice, json, pullAll, pullOk, pushOk } from '../helpers/sync'

// Thursday 10:00 CST: tomorrow (Friday) is open 09:00–17:00.
const NOW = new Date('2026-12-03T10:00:00+08:00')
const ITEM = { code: 'hukou-idcard-renew', name: '居民身份证换领(有效期满)', department: '公安机关', materials: [{ name: '居民户口簿', form: '原件', copies: 1, required: true, note: null }], conditions: ['交验原居民身份证'], fee: '工本费20元/证' }

let mobileSerial = 0
function nextMobile(): string {
  return `139${String(++mobileSerial).padStart(8, '0')}`
}

describe.each(testDatabases())('public booking API on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  let stationId: string
  let device: TestDevice

  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx, { now: () => NOW })
    stationId = await addStation(ctx.db, '小店区便民服务站')
    await ctx.db.insertInto('service_items').values({ code: ITEM.code, item: jsonb(ITEM), active: true }).execute()
    await ctx.db.insertInto('staff').values({ id: 'staff-b1', station_id: stationId, name: '李敏', role: 'lead', assessment_passed: true, assessment_date: '2026-11-02', active: true, pin_verifier: jsonb(null) }).execute()
    device = await enrollDevice(app, ctx.db, stationId)
  })
  afterAll(() => ctx.close())

  async function book(body: Record<string, unknown>, target: App = app, headers: Record<string, string> = {}): Promise<Response> {
    return target.request('/api/public/booking/appointments', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ stationId, itemCode: ITEM.code, date: '2026-12-04', start: '09:00', name: '张三', mobile: nextMobile(), consent: true, ...body }) })
  }

  async function remaining(date: string, start: string, id = stationId): Promise<number | undefined> {
    const detail = await (await app.request(`/api/public/booking/stations/${id}`)).json() as { days: { date: string, slots: { start: string, remaining: number }[] }[] }
    return detail.days.find(d => d.date === date)?.slots.find(s => s.start === start)?.remaining
  }

  it('lists open stations with their city and county, and a station with its materials and slots', async () => {
    const list = await (await app.request('/api/public/booking/stations')).json() as { stations: { id: string, cityName: string, countyName: string }[] }
    expect(list.stations.find(s => s.id === stationId)).toMatchObject({ cityName: '太原市', countyName: '小店区' })
    const res = await app.request(`/api/public/booking/stations/${stationId}`)
    expect(res.status).toBe(200)
    const detail = await res.json() as { settings: unknown, items: { code: string, materials: { name: string }[] }[], days: { date: string, slots: { start: string, end: string, capacity: number, remaining: number }[] }[] }
    expect(detail.settings).toEqual({ slotMinutes: 30, slotCapacity: 2 })
    expect(detail.items).toEqual([expect.objectContaining({ code: ITEM.code, materials: [expect.objectContaining({ name: '居民户口簿' })] })])
    // Today only what has not started (10:00 has: 10:30 is next); the weekend has none.
    expect(detail.days[0]).toMatchObject({ date: '2026-12-03', slots: expect.arrayContaining([{ start: '10:30', end: '11:00', capacity: 2, remaining: 2 }]) })
    expect(detail.days[0]?.slots[0]?.start).toBe('10:30')
    expect(detail.days.map(d => d.date)).not.toContain('2026-12-05')
    expect((await app.request('/api/public/booking/stations/st-nope')).status).toBe(404)
  })

  it('books a slot: a code, one seat fewer, and an appointment.booked event the station\'s tablet pulls', async () => {
    const res = await book({ start: '14:00', name: '  王芳 ', mobile: '+86 138-0013-8000' })
    expect(res.status).toBe(201)
    const body = await res.json() as { code: string, itemName: string, date: string, start: string, end: string }
    expect(body).toMatchObject({ itemName: ITEM.name, date: '2026-12-04', start: '14:00', end: '14:30' })
    expect(body.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/)
    expect(await remaining('2026-12-04', '14:00')).toBe(1)
    const pulled = (await pullAll(app, device)).filter(e => e.type === 'appointment.booked')
    expect(pulled.map(e => e.payload)).toContainEqual(expect.objectContaining({ code: body.code, channel: 'online', applicant: { name: '王芳', mobile: '13800138000' } }))
  })

  it('answers bad input with 400 and Chinese field errors, nothing written', async () => {
    const before = await ctx.db.selectFrom('events').select('id').where('station_id', '=', stationId).execute()
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ mobile: '12345' }, 'mobile', /手机号码应为11位/],
      [{ mobile: '12345678901' }, 'mobile', /13–19/],
      [{ consent: false }, 'consent', /同意/],
      [{ name: '' }, 'name', /姓名/],
      [{ start: '09:15' }, 'start', /预约时间/],
      [{ date: '2026-12-05' }, 'start', /预约时间/],
      [{ date: '2026-12-03', start: '09:00' }, 'start', /已开始/],
      [{ itemCode: 'nope' }, 'itemCode', /不办理/],
      [{ date: '2026-02-30' }, 'date', /YYYY-MM-DD/],
    ]
    for (const [body, path, message] of cases) {
      const res = await book(body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      const answer = await res.json() as { fields: { path: string, message: string }[] }
      expect(answer.fields).toContainEqual(expect.objectContaining({ path, message: expect.stringMatching(message) }))
    }
    expect((await book({ name: '张'.repeat(5000) })).status).toBe(413)
    expect((await book({ stationId: 'st-nope' })).status).toBe(404)
    const after = await ctx.db.selectFrom('events').select('id').where('station_id', '=', stationId).execute()
    expect(after.length).toBe(before.length)
  })

  it('20 concurrent requests for the last seat: exactly one wins, the others hear the slot is full', async () => {
    const lonely = await addStation(ctx.db, '末位测试便民服务站')
    await ctx.db.updateTable('stations').set({ booking_slot_capacity: 1 }).where('id', '=', lonely).execute()
    const answers = await Promise.all(Array.from({ length: 20 }, () => book({ stationId: lonely, start: '10:00' })))
    const statuses = answers.map(r => r.status).sort()
    expect(statuses.filter(s => s === 201)).toHaveLength(1)
    expect(statuses.filter(s => s === 409)).toHaveLength(19)
    const refused = await answers.find(r => r.status === 409)?.json() as { error: string, message: string }
    expect(refused).toMatchObject({ error: 'slot-full', message: '该时段预约已满，请选择其他时段' })
    const booked = await ctx.db.selectFrom('events').select('id').where('station_id', '=', lonely).where('type', '=', 'appointment.booked').execute()
    expect(booked).toHaveLength(1)
    expect(await remaining('2026-12-04', '10:00', lonely)).toBe(0)
  })

  it('cancels by code and the mobile it was booked with, freeing the seat', async () => {
    const mobile = nextMobile()
    const { code } = await (await book({ start: '15:00', mobile })).json() as { code: string }
    expect(await remaining('2026-12-04', '15:00')).toBe(1)
    const cancel = (body: unknown) => app.request('/api/public/booking/appointments/cancel', json(body))
    expect((await cancel({ code, mobile: '13900000000' })).status).toBe(404)
    expect((await cancel({ code, mobile: '12' })).status).toBe(400)
    const ok = await cancel({ code: code.toLowerCase(), mobile })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ status: 'cancelled', code })
    expect(await remaining('2026-12-04', '15:00')).toBe(2)
    expect((await cancel({ code, mobile })).status).toBe(409)
  })

  it('rate-limits bookings per client address and per mobile', async () => {
    const proxied = appFor(ctx, { now: () => NOW, trustProxy: true })
    const from = { 'x-forwarded-for': '203.0.113.9' }
    for (let i = 0; i < PUBLIC_BOOKING_WRITE_LIMIT.limit; i++)
      expect((await book({ start: '16:00', date: '2026-12-07' }, proxied, from)).status).not.toBe(429)
    const limited = await book({ start: '16:00', date: '2026-12-07' }, proxied, from)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await limited.json() as { message: string }).message).toMatch(/操作过于频繁/)
    const mobile = nextMobile()
    const answers = []
    for (let i = 0; i < 6; i++)
      answers.push((await book({ start: '16:30', date: '2026-12-08', mobile })).status)
    expect(answers.at(-1)).toBe(429)
  })

  it('settles a phone booking at sync: the slot filled meanwhile → declined with the reason, pulled by the tablet', async () => {
    await ctx.db.updateTable('stations').set({ booking_slot_capacity: 1 }).where('id', '=', stationId).execute()
    expect((await book({ start: '11:00' })).status).toBe(201)
    const phone = (start: string): DomainEvent => ({
      id: newEventId(),
      stream: newStreamId('appointment'),
      type: 'appointment.booked',
      v: 1,
      payload: { itemCode: ITEM.code, itemName: ITEM.name, date: '2026-12-04', start, end: start.replace(':00', ':30'), code: 'PH0NE234'.replace('0', 'Q'), channel: 'phone', applicant: { name: '赵强', mobile: '13600136000' }, consent: true },
      stationId,
      deviceId: device.deviceId,
      staffId: 'staff-b1',
      occurredAt: '2026-12-03T09:40:00+08:00',
    })
    const full = phone('11:00')
    const free = phone('12:00')
    const cursor = (await pullOk(app, device)).cursor
    const answer = await pushOk(app, device, [full, free])
    expect(answer.results.map(r => r.status)).toEqual(['applied', 'applied'])
    const pulled = await pullAll(app, device, cursor)
    const declined = pulled.filter(e => e.type === 'appointment.declined')
    expect(declined).toHaveLength(1)
    expect(declined[0]).toMatchObject({ stream: full.stream, payload: { reason: 'slot-full', message: SLOT_FULL_MESSAGE } })
    const rows = await ctx.db.selectFrom('appointment_projections').select(['id', 'status']).where('id', 'in', [full.stream, free.stream]).execute()
    expect(Object.fromEntries(rows.map(r => [r.id, r.status]))).toEqual({ [full.stream]: 'declined', [free.stream]: 'booked' })
    await ctx.db.updateTable('stations').set({ booking_slot_capacity: 2 }).where('id', '=', stationId).execute()
  })

  it('lets the office set the slot length and capacity; tablets pull them as reference data', async () => {
    const office = await signInOffice(app, ctx.db)
    const put = (body: unknown) => app.request(`/api/office/stations/${stationId}/booking`, { method: 'PUT', headers: { 'content-type': 'application/json', ...office.headers }, body: JSON.stringify(body) })
    const bad = await put({ slotMinutes: 7, slotCapacity: 0 })
    expect(bad.status).toBe(400)
    expect((await bad.json() as { fields: { path: string }[] }).fields.map(f => f.path).sort()).toEqual(['slotCapacity', 'slotMinutes'])
    expect((await put({ slotMinutes: 60, slotCapacity: 4 })).status).toBe(200)
    const detail = await (await app.request(`/api/public/booking/stations/${stationId}`)).json() as { settings: unknown, days: { slots: { start: string, end: string, capacity: number }[] }[] }
    expect(detail.settings).toEqual({ slotMinutes: 60, slotCapacity: 4 })
    expect(detail.days[1]?.slots[0]).toMatchObject({ start: '09:00', end: '10:00', capacity: 4 })
    const ref = await pullOk(app, device)
    expect((ref as unknown as { reference: { stations: { id: string, bookingSlotCapacity: number, bookingSlotMinutes: number }[] } }).reference.stations).toContainEqual(expect.objectContaining({ id: stationId, bookingSlotMinutes: 60, bookingSlotCapacity: 4 }))
  })
})
