/**
 * Station staff from the office (issue 8 item 3, 5.3): roster with the 1–2 staff rule as a warning, adding a
 * member (201, the verifier reaches a tablet's pull), the PIN rule (400 with a field error), assessments that
 * gate sign-in (the latest decides), trainings with a mentor, deactivation, and who may do what.
 */
import type { App } from '../../../src/server/app'
import type { RosterAnswer } from '../../../src/domain/protocol'
import { rosterAnswerSchema } from '../../../src/domain/protocol'
import type { TestDatabase } from '../helpers/databases'
import type { SignedInOffice } from '../helpers/office'
import type { TestDevice } from '../helpers/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyPin } from '../../../src/domain/auth/pinVerifier'
import { jsonb } from '../../../src/server/db'
import { LEGACY_PIN_TEST_VECTOR } from '../../domain/support/pinVectors'
import { appFor } from '../helpers/app'
import { testDatabases } from '../helpers/databases'
import { signInOffice } from '../helpers/office'
import { addStation, bearer, enrollDevice, json, pullOk } from '../helpers/sync'

/** The value, or a failed test when it is missing. */
function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined)
    throw new Error('expected a value')
  return value
}

const member = { name: '赵丽', mobile: '139 1234 5678', pin: '482915', assessmentPassed: true }

describe.each(testDatabases())('office staff on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  let admin: SignedInOffice
  let viewer: SignedInOffice
  let stationId: string
  let tablet: TestDevice

  const call = async (path: string, office: { headers: { cookie: string } } | null, body?: unknown, method?: string): Promise<Response> => {
    const init: RequestInit = body === undefined
      ? { method: method ?? 'GET' }
      : { method: method ?? 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
    return app.request(path, { ...init, headers: { ...init.headers as Record<string, string>, ...(office?.headers ?? {}) } })
  }
  const roster = async (): Promise<RosterAnswer> => {
    const res = await call(`/api/office/stations/${stationId}/staff`, viewer)
    expect(res.status).toBe(200)
    // Parsed with the wire contract: the office console reads it with the same schema.
    return rosterAnswerSchema.parse(await res.json())
  }
  const add = async (body: Record<string, unknown> = member): Promise<string> => {
    const res = await call(`/api/office/stations/${stationId}/staff`, admin, body)
    expect(res.status, await res.clone().text()).toBe(201)
    return (await res.json() as { id: string }).id
  }
  const pulledStaff = async (id: string) => (await pullOk(app, tablet)).reference.staff.find(s => s.id === id)

  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx)
    admin = await signInOffice(app, ctx.db, { role: 'admin', divisionCode: '1401' })
    viewer = await signInOffice(app, ctx.db, { role: 'viewer', divisionCode: '14' })
    stationId = await addStation(ctx.db)
    tablet = await enrollDevice(app, ctx.db, stationId)
  })
  afterAll(() => ctx.close())

  it('warns (not blocks) while a station has no active staff, then adds a member with 201 whose verifier reaches the tablet', async () => {
    const empty = await roster()
    expect(empty.staff).toEqual([])
    expect(empty.staffing).toMatchObject({ active: 0, warning: 'no-staff' })
    expect(empty.staffing.message).toContain('1–2')

    const id = await add()
    const after = await roster()
    expect(after.staffing).toMatchObject({ active: 1, warning: null, message: null })
    const row = must(after.staff[0])
    expect(row).toMatchObject({ id, name: '赵丽', role: 'staff', active: true, mobileMasked: '139****5678', assessmentPassed: true, hasPin: true, pinNeedsReset: false })
    expect(JSON.stringify(after)).not.toContain('13912345678')
    expect(row.assessments).toHaveLength(1)

    const pulled = await pulledStaff(id)
    expect(pulled).toMatchObject({ id, name: '赵丽', assessmentPassed: true, active: true })
    expect(await verifyPin('482915', must(pulled).pinVerifier)).toBe(true)
    expect(await verifyPin('482916', must(pulled).pinVerifier)).toBe(false)
    expect(JSON.stringify(pulled)).not.toContain('5678')

    const audit = await ctx.db.selectFrom('office_audit').selectAll().where('target_id', '=', id).execute()
    expect(audit.map(a => a.action)).toEqual(['staff.created'])
    expect(JSON.stringify(audit)).not.toContain('482915')
    expect(JSON.stringify(audit)).not.toContain('13912345678')
  })

  it('refuses a trivial or short PIN and a bad mobile with 400 field errors, and adds nothing', async () => {
    const before = (await roster()).staff.length
    for (const [body, path, text] of [
      [{ ...member, pin: '123456' }, 'pin', '连续'],
      [{ ...member, pin: '111111' }, 'pin', '重复'],
      [{ ...member, pin: '654321' }, 'pin', '连续'],
      [{ ...member, pin: '48291' }, 'pin', '至少6位'],
      [{ ...member, mobile: '12345' }, 'mobile', '11位'],
      [{ ...member, assessmentPassed: 'yes' }, 'assessmentPassed', 'true 或 false'],
    ] as const) {
      const res = await call(`/api/office/stations/${stationId}/staff`, admin, body)
      expect(res.status).toBe(400)
      const answer = await res.json() as { fields: { path: string, message: string }[] }
      expect(answer.fields.find(f => f.path === path)?.message).toContain(text)
    }
    expect((await roster()).staff.length).toBe(before)
  })

  it('lets the latest assessment decide sign-in, and the tablet pulls the verdict', async () => {
    const id = await add({ name: '钱进', mobile: '13700001111', pin: '730519', assessmentPassed: false })
    expect(await pulledStaff(id)).toMatchObject({ assessmentPassed: false, assessmentDate: null })

    const assess = (date: string, passed: boolean) => call(`/api/office/stations/${stationId}/staff/${id}/assessments`, admin, { date, passed, assessor: '县政务服务中心 孙老师' })
    let res = await assess('2026-03-01', false)
    expect(res.status).toBe(201)
    res = await assess('2026-03-10', true)
    expect(await res.json()).toMatchObject({ assessmentPassed: true, assessmentDate: '2026-03-10' })
    expect(await pulledStaff(id)).toMatchObject({ assessmentPassed: true, assessmentDate: '2026-03-10' })
    // An older record entered later does not overturn the newer one; a newer failed one does.
    res = await assess('2026-02-01', false)
    expect(await res.json()).toMatchObject({ assessmentPassed: true, assessmentDate: '2026-03-10' })
    res = await assess('2026-04-01', false)
    expect(await res.json()).toMatchObject({ assessmentPassed: false, assessmentDate: '2026-04-01' })
    expect(await pulledStaff(id)).toMatchObject({ assessmentPassed: false, assessmentDate: '2026-04-01' })
    const listed = must((await roster()).staff.find(s => s.id === id))
    expect(listed.assessments.map(a => [a.date, a.passed])).toEqual([['2026-04-01', false], ['2026-03-10', true], ['2026-03-01', false], ['2026-02-01', false]])

    res = await call(`/api/office/stations/${stationId}/staff/${id}/assessments`, admin, { date: '2026-02-30', passed: true, assessor: '' })
    expect(res.status).toBe(400)
    const fields = (await res.json() as { fields: { path: string }[] }).fields.map(f => f.path).sort()
    expect(fields).toEqual(['assessor', 'date'])
  })

  it('records trainings, 结对帮扶 only with a mentor, and shows the mentor by name', async () => {
    const [mentor, trainee] = (await roster()).staff
    const path = `/api/office/stations/${stationId}/staff/${must(trainee).id}/trainings`
    let res = await call(path, admin, { kind: 'pairing', date: '2026-03-05', hours: 4 })
    expect(res.status).toBe(400)
    expect((await res.json() as { fields: { path: string }[] }).fields.map(f => f.path)).toEqual(['mentorId'])
    res = await call(path, admin, { kind: 'pairing', date: '2026-03-05', hours: 4, mentorId: must(trainee).id })
    expect(res.status).toBe(400)
    res = await call(path, admin, { kind: 'pairing', date: '2026-03-05', hours: 4, notes: '窗口受理实操', mentorId: must(mentor).id })
    expect(res.status).toBe(201)
    res = await call(path, admin, { kind: 'online', date: '2026-03-06', hours: 1.5 })
    expect(res.status).toBe(201)
    res = await call(path, admin, { kind: 'lecture', date: '2026-03-06' })
    expect(res.status).toBe(400)
    const listed = must((await roster()).staff.find(s => s.id === must(trainee).id))
    expect(listed.trainings.map(t => [t.kindLabel, t.date, t.hours, t.mentorName])).toEqual([
      ['线上指导', '2026-03-06', 1.5, null],
      ['结对帮扶', '2026-03-05', 4, must(mentor).name],
    ])
  })

  it('resets a PIN (the old one stops working on the tablet), changes the role, and reveals a mobile only with a reason', async () => {
    const id = must((await roster()).staff.find(s => s.name === '赵丽')).id
    let res = await call(`/api/office/stations/${stationId}/staff/${id}/pin`, admin, { pin: '121212' }, 'PUT')
    expect(res.status).toBe(400)
    res = await call(`/api/office/stations/${stationId}/staff/${id}/pin`, admin, { pin: '905613' }, 'PUT')
    expect(res.status).toBe(200)
    const verifier = must(await pulledStaff(id)).pinVerifier
    expect(await verifyPin('905613', verifier)).toBe(true)
    expect(await verifyPin('482915', verifier)).toBe(false)

    res = await call(`/api/office/stations/${stationId}/staff/${id}`, admin, { role: 'lead' }, 'PATCH')
    expect(res.status).toBe(200)
    expect(await pulledStaff(id)).toMatchObject({ role: 'lead' })

    res = await call(`/api/office/stations/${stationId}/staff/${id}/mobile`, admin, { reason: '' })
    expect(res.status).toBe(400)
    res = await call(`/api/office/stations/${stationId}/staff/${id}/mobile`, admin, { reason: '通知参加培训' })
    expect(await res.json()).toEqual({ mobile: '13912345678' })
    const actions = await ctx.db.selectFrom('office_audit').select(['action', 'details']).where('target_id', '=', id).orderBy('id').execute()
    expect(actions.map(a => a.action)).toEqual(['staff.created', 'staff.pinReset', 'staff.updated', 'staff.mobileRevealed'])
    expect(must(actions.at(-1)).details).toEqual({ reason: '通知参加培训' })
  })

  it('marks a PIN whose verifier is still PBKDF2 as needing a reset, and a reset writes an argon2id one', async () => {
    const id = must((await roster()).staff.find(s => s.name === '赵丽')).id
    await ctx.db.updateTable('staff').set({ pin_verifier: jsonb(LEGACY_PIN_TEST_VECTOR.verifier) }).where('id', '=', id).execute()
    expect(must((await roster()).staff.find(s => s.id === id))).toMatchObject({ hasPin: true, pinNeedsReset: true })
    // The tablet still gets the old verifier (it keeps signing in) until the office resets the PIN.
    expect(must(await pulledStaff(id)).pinVerifier).toMatchObject({ alg: 'PBKDF2-SHA256' })
    const res = await call(`/api/office/stations/${stationId}/staff/${id}/pin`, admin, { pin: '905613' }, 'PUT')
    expect(res.status).toBe(200)
    expect(must((await roster()).staff.find(s => s.id === id))).toMatchObject({ hasPin: true, pinNeedsReset: false })
    expect(must(await pulledStaff(id)).pinVerifier).toMatchObject({ alg: 'argon2id' })
  })

  it('deactivates: the tablet pulls the member inactive; a third active member warns of too many', async () => {
    const third = await add({ name: '孙悦', mobile: '13600002222', pin: '615283', assessmentPassed: true })
    expect((await roster()).staffing).toMatchObject({ active: 3, warning: 'too-many-staff' })
    const res = await call(`/api/office/stations/${stationId}/staff/${third}/deactivate`, admin, {})
    expect(await res.json()).toEqual({ id: third, active: false })
    expect(await pulledStaff(third)).toMatchObject({ active: false })
    expect((await roster()).staffing).toMatchObject({ active: 2, warning: null })
  })

  it('answers 401 without a session or with a device token, 403 to a viewer writing, 404 outside the division', async () => {
    const base = `/api/office/stations/${stationId}/staff`
    expect((await call(base, null)).status).toBe(401)
    expect((await app.request(base, bearer(tablet.token))).status).toBe(401)
    expect((await app.request(base, json(member, tablet.token))).status).toBe(401)
    expect((await call(base, viewer, member)).status).toBe(403)
    const someone = must((await roster()).staff[0]).id
    for (const [path, method, body] of [
      [`${base}/${someone}/pin`, 'PUT', { pin: '905613' }],
      [`${base}/${someone}/deactivate`, 'POST', {}],
      [`${base}/${someone}/assessments`, 'POST', { date: '2026-03-01', passed: true, assessor: '甲' }],
      [`${base}/${someone}/trainings`, 'POST', { kind: 'online', date: '2026-03-01' }],
      [`${base}/${someone}`, 'PATCH', { role: 'staff' }],
      [`${base}/${someone}/mobile`, 'POST', { reason: '核对信息' }],
    ] as const) {
      expect((await call(path, viewer, body, method)).status).toBe(403)
    }
    const reviewer = await signInOffice(app, ctx.db, { role: 'reviewer', divisionCode: '14' })
    expect((await call(base, reviewer)).status).toBe(200)
    expect((await call(base, reviewer, member)).status).toBe(403)
    const elsewhere = await signInOffice(app, ctx.db, { role: 'admin', divisionCode: '1405' })
    expect((await call(base, elsewhere)).status).toBe(404)
    expect((await call(base, elsewhere, member)).status).toBe(404)
    expect((await call(`${base}/${someone}/pin`, elsewhere, { pin: '905613' }, 'PUT')).status).toBe(404)
    expect((await call(`${base}/no-such-staff/pin`, admin, { pin: '905613' }, 'PUT')).status).toBe(404)
    expect((await call('/api/office/stations/no-such-station/staff', admin)).status).toBe(404)
  })
})
