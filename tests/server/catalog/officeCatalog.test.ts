/**
 * The office's service-item catalog (issue 8 item 4): create and edit every one-time-notice field, 400 field
 * errors, station offers scoped to the office's division, xlsx rows imported all-or-nothing with row errors,
 * every write audited, roles and sessions enforced, and a tablet's pull seeing the edit.
 */
import type { App } from '../../../src/server/app'
import type { TestDatabase } from '../helpers/databases'
import type { SignedInOffice } from '../helpers/office'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalogWorkbookRows } from '../../../src/domain/catalogSheet'
import { catalogItemAnswerSchema, catalogListAnswerSchema } from '../../../src/domain/protocol'
import { loadSeedCatalog } from '../../../src/server/seed/catalog'
import { jsonb } from '../../../src/server/db'
import { appFor } from '../helpers/app'
import { expectContract } from '../helpers/contract'
import { testDatabases } from '../helpers/databases'
import { signInOffice } from '../helpers/office'
import { addStation, bearer, enrollDevice, json, pullOk } from '../helpers/sync'

const notice = {
  name: '老年人优待证办理',
  department: '民政部门',
  itemType: '公共服务',
  legalBasis: ['《中华人民共和国老年人权益保障法》'],
  conditions: ['年满60周岁的本县户籍老年人'],
  materials: [
    { name: '居民身份证', form: '原件', copies: 1, format: '纸质', issuer: '公安机关', howToGet: '本人携带', required: true, alternativeGroup: '身份证明', note: '内部：核对照片' },
    { name: '居民户口簿', form: '原件及复印件', copies: 2, required: false, alternativeGroup: '身份证明' },
    { name: '近期一寸照片', form: null, copies: 1, required: true },
  ],
  process: ['申请', '受理', '发证'],
  promisedLimitWorkdays: 0,
  legalLimitWorkdays: 5,
  limitNote: '资料齐全当场办结',
  fee: '不收费',
  resultDelivery: '窗口领取',
  eLicence: null,
  place: '县民政局一楼窗口',
  contact: '0356-1234567',
  remarks: '内部备注：2026 年起由乡镇受理',
  aliases: ['优待证'],
}

function put(body: unknown, cookie: string): RequestInit {
  return { method: 'PUT', headers: { 'Content-Type': 'application/json', cookie }, body: JSON.stringify(body) }
}
function post(body: unknown, cookie: string): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/json', cookie }, body: JSON.stringify(body) }
}

describe.each(testDatabases())('office catalog on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  let admin: SignedInOffice
  let viewer: SignedInOffice
  let reviewer: SignedInOffice
  let otherAdmin: SignedInOffice
  let inside: string
  let inside2: string
  let outside: string

  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx)
    inside = await addStation(ctx.db, '小店甲便民服务站')
    inside2 = await addStation(ctx.db, '小店乙便民服务站')
    outside = await addStation(ctx.db, '城区便民服务站')
    await ctx.db.updateTable('stations').set({ county_code: '140502' }).where('id', '=', outside).execute()
    await ctx.db.insertInto('service_items').values(loadSeedCatalog().map(item => ({ code: item.code, item: jsonb(item) }))).execute()
    await ctx.db.insertInto('station_items').values([{ station_id: inside, item_code: 'sicard-lost-replace' }, { station_id: outside, item_code: 'sicard-lost-replace' }]).execute()
    admin = await signInOffice(app, ctx.db, { role: 'admin', divisionCode: '1401' })
    viewer = await signInOffice(app, ctx.db, { role: 'viewer', divisionCode: '1401' })
    reviewer = await signInOffice(app, ctx.db, { role: 'reviewer', divisionCode: '1401' })
    otherAdmin = await signInOffice(app, ctx.db, { role: 'admin', divisionCode: '1405' })
  }, 60_000)
  afterAll(() => ctx.close())

  it('lists every item with its completeness and the office\'s own stations offering it', async () => {
    const res = await app.request('/api/office/catalog', { headers: viewer.headers })
    expect(res.status).toBe(200)
    const body = expectContract(catalogListAnswerSchema, await res.json())
    expect(body.items).toHaveLength(12)
    expect(body.stations.map(s => s.id).sort()).toEqual([inside, inside2].sort())
    const sicard = body.items.find(i => i.code === 'sicard-lost-replace')
    // The station of the other division offers it too, but is not this office's to count.
    expect(sicard).toMatchObject({ offeredBy: 1, offeredStationIds: [inside], complete: true, missing: [] })
    expect(body.items.find(i => i.code === 'sicard-damaged-renew')?.missing).toEqual(['收费标准'])
    expect(sicard?.provenance.sources.length).toBeGreaterThan(0)
  })

  it('creates an item with every notice field (201) and refuses its code twice (409)', async () => {
    const res = await app.request('/api/office/catalog', post({ code: 'civil-senior-card', ...notice }, admin.cookie))
    expect(res.status).toBe(201)
    const { item } = expectContract(catalogItemAnswerSchema, await res.json())
    expect(item).toMatchObject({ ...notice, code: 'civil-senior-card', active: true, complete: true, offeredBy: 0 })
    expect(item.materials[1]).toEqual({ name: '居民户口簿', form: '原件及复印件', copies: 2, format: null, issuer: null, howToGet: null, required: false, alternativeGroup: '身份证明', note: null })
    const again = await app.request('/api/office/catalog', post({ code: 'civil-senior-card', ...notice }, admin.cookie))
    expect(again.status).toBe(409)
    const audit = await ctx.db.selectFrom('office_audit').select(['action', 'username']).where('target_id', '=', 'civil-senior-card').execute()
    expect(audit).toEqual([{ action: 'catalog.created', username: admin.username }])
  })

  it('edits every field (200), keeps the provenance, audits the changed fields and the tablet pulls the edit', async () => {
    const device = await enrollDevice(app, ctx.db, inside)
    const before = await pullOk(app, device)
    const edited = { ...notice, name: '居民社保卡挂失补换', department: '人社部门', legalBasis: ['《社会保险法》'], conditions: ['持卡人本人'], materials: [{ name: '身份证', form: '原件', copies: 1, required: true }], process: ['受理', '制卡'], promisedLimitWorkdays: 3, legalLimitWorkdays: null, limitNote: null, fee: '20元', place: '银行网点', contact: '12333', remarks: null, aliases: [] }
    const res = await app.request('/api/office/catalog/sicard-lost-replace', put(edited, admin.cookie))
    expect(res.status).toBe(200)
    const { item } = expectContract(catalogItemAnswerSchema, await res.json())
    expect(item).toMatchObject({ ...edited, materials: [{ name: '身份证', form: '原件', copies: 1, required: true, alternativeGroup: null }] })
    expect(item.provenance.sourceRegion).not.toBeNull()
    const stored = await ctx.db.selectFrom('service_items').select('item').where('code', '=', 'sicard-lost-replace').executeTakeFirstOrThrow()
    expect(stored.item.sources).toEqual(expect.arrayContaining([expect.stringMatching(/^https?:/)]))

    const after = await pullOk(app, device, { refRevision: before.reference.revision })
    expect(after.reference.serviceItems.map(i => [i.code, i.name, i.promisedLimitWorkdays, i.fee])).toEqual([['sicard-lost-replace', '居民社保卡挂失补换', 3, '20元']])
    const audit = await ctx.db.selectFrom('office_audit').select(['action', 'details']).where('target_id', '=', 'sicard-lost-replace').where('action', '=', 'catalog.updated').executeTakeFirstOrThrow()
    expect(audit.details.fields).toEqual(expect.arrayContaining(['name', 'department', 'materials', 'fee', 'remarks']))
  })

  it('answers bad notices with 400 and Chinese field errors, writing nothing', async () => {
    const bad = { ...notice, name: '', promisedLimitWorkdays: 2.5, materials: [{ name: '身份证', form: '扫描件', copies: -1 }] }
    const res = await app.request('/api/office/catalog/civil-senior-card', put(bad, admin.cookie))
    expect(res.status).toBe(400)
    const body = await res.json() as { fields: { path: string, message: string }[] }
    expect(body.fields).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: 'name', message: '事项名称不能为空' }),
      expect.objectContaining({ path: 'promisedLimitWorkdays', message: '承诺时限应为整数个工作日' }),
      expect.objectContaining({ path: 'materials.0.form', message: '原件或复印件应为 原件、复印件 或 原件及复印件', code: 'invalid_value' }),
      expect.objectContaining({ path: 'materials.0.copies', message: '份数不能为负数' }),
    ]))
    expect((await app.request('/api/office/catalog', post({ code: 'bad code!', ...notice }, admin.cookie))).status).toBe(400)
    expect((await app.request('/api/office/catalog/civil-senior-card', put({ ...notice, code: 'other' }, admin.cookie))).status).toBe(400)
    expect((await app.request('/api/office/catalog/no-such-item', put(notice, admin.cookie))).status).toBe(404)
    const stored = await ctx.db.selectFrom('service_items').select('item').where('code', '=', 'civil-senior-card').executeTakeFirstOrThrow()
    expect(stored.item.name).toBe(notice.name)
  })

  it('sets which of its stations offer an item; another division\'s station is 404 and nothing is written', async () => {
    const device = await enrollDevice(app, ctx.db, inside)
    const before = await pullOk(app, device)
    const res = await app.request('/api/office/catalog/civil-senior-card/stations', put({ stationIds: [inside, inside2], offered: true }, admin.cookie))
    expect(res.status).toBe(200)
    expect(expectContract(catalogItemAnswerSchema, await res.json()).item.offeredBy).toBe(2)
    // The station's tablet pulls the offer; offering it again writes nothing (no new revision to pull).
    const pulled = await pullOk(app, device, { refRevision: before.reference.revision })
    expect(pulled.reference.stationItems.map(i => [i.itemCode, i.offered])).toEqual([['civil-senior-card', true]])
    expect((await app.request('/api/office/catalog/civil-senior-card/stations', put({ stationIds: [inside], offered: true }, admin.cookie))).status).toBe(200)
    expect((await pullOk(app, device, { refRevision: pulled.reference.revision })).reference.stationItems).toEqual([])
    const off = await app.request('/api/office/catalog/civil-senior-card/stations', put({ stationIds: [inside2], offered: false }, admin.cookie))
    expect(expectContract(catalogItemAnswerSchema, await off.json()).item.offeredStationIds).toEqual([inside])

    const foreign = await app.request('/api/office/catalog/civil-senior-card/stations', put({ stationIds: [inside2, outside], offered: true }, admin.cookie))
    expect(foreign.status).toBe(404)
    expect(await foreign.json()).toMatchObject({ error: 'station-not-found', stationIds: [outside] })
    const rows = await ctx.db.selectFrom('station_items').select(['station_id', 'offered']).where('item_code', '=', 'civil-senior-card').orderBy('station_id').execute()
    expect(rows.filter(r => r.offered).map(r => r.station_id)).toEqual([inside])
    // The other division's office cannot reach this division's station either.
    const theirs = await app.request('/api/office/catalog/civil-senior-card/stations', put({ stationIds: [inside], offered: false }, otherAdmin.cookie))
    expect(theirs.status).toBe(404)
    expect((await app.request('/api/office/catalog/civil-senior-card/stations', put({ stationIds: [], offered: true }, admin.cookie))).status).toBe(400)
    const audit = await ctx.db.selectFrom('office_audit').select(['action', 'station_id']).where('target_id', '=', 'civil-senior-card').where('action', 'in', ['catalog.offered', 'catalog.withdrawn']).orderBy('id').execute()
    expect(audit.map(a => a.action)).toEqual(expect.arrayContaining(['catalog.offered', 'catalog.offered', 'catalog.withdrawn']))
    expect(audit).toHaveLength(3)
  })

  it('deactivates and activates an item, audited', async () => {
    const res = await app.request('/api/office/catalog/civil-senior-card/deactivate', { method: 'POST', headers: admin.headers })
    expect(expectContract(catalogItemAnswerSchema, await res.json()).item.active).toBe(false)
    const back = await app.request('/api/office/catalog/civil-senior-card/activate', { method: 'POST', headers: admin.headers })
    expect(expectContract(catalogItemAnswerSchema, await back.json()).item.active).toBe(true)
    const audit = await ctx.db.selectFrom('office_audit').select('action').where('target_id', '=', 'civil-senior-card').where('action', 'in', ['catalog.activated', 'catalog.deactivated']).execute()
    expect(audit.map(a => a.action).sort()).toEqual(['catalog.activated', 'catalog.deactivated'])
  })

  it('imports sheet rows all-or-nothing: row errors and nothing written, then the clean file applied in one go', async () => {
    const rows = catalogWorkbookRows([
      { ...notice, code: 'import-new-1', name: '导入新事项一' },
      { ...notice, code: 'civil-senior-card', name: '老年人优待证办理（导入）' },
    ])
    const broken = structuredClone(rows)
    const nameAt = broken.items[0]?.indexOf('事项名称') ?? -1
    const row3 = broken.items[2]
    if (row3)
      row3[nameAt] = null
    broken.materials.push(['import-new-9', '某材料', '原件', 1, null, null, null, '是', null, null])
    const res = await app.request('/api/office/catalog/import', post({ ...broken }, admin.cookie))
    expect(res.status).toBe(400)
    const body = await res.json() as { errors: unknown[] }
    expect(body.errors).toEqual([
      { sheet: '事项', row: 3, column: '事项名称', message: '事项名称不能为空', code: 'invalid_type' },
      { sheet: '材料', row: broken.materials.length, column: '事项编码', message: '「事项」中没有事项编码 import-new-9', code: 'unknown-item' },
    ])
    expect(await ctx.db.selectFrom('service_items').select('code').where('code', '=', 'import-new-1').executeTakeFirst()).toBeUndefined()

    const dry = await app.request('/api/office/catalog/import', post({ ...rows, dryRun: true }, admin.cookie))
    expect(await dry.json()).toMatchObject({ applied: false, rows: [{ row: 2, code: 'import-new-1', action: 'create', materials: 3 }, { row: 3, code: 'civil-senior-card', action: 'update' }] })
    expect(await ctx.db.selectFrom('service_items').select('code').where('code', '=', 'import-new-1').executeTakeFirst()).toBeUndefined()

    const ok = await app.request('/api/office/catalog/import', post(rows, admin.cookie))
    expect(ok.status).toBe(200)
    const list = expectContract(catalogListAnswerSchema, await (await app.request('/api/office/catalog', { headers: admin.headers })).json())
    expect(list.items.find(i => i.code === 'import-new-1')?.materials).toHaveLength(3)
    expect(list.items.find(i => i.code === 'civil-senior-card')?.name).toBe('老年人优待证办理（导入）')
    const audit = await ctx.db.selectFrom('office_audit').select('details').where('action', '=', 'catalog.imported').execute()
    expect(audit.map(a => a.details)).toEqual([{ created: ['import-new-1'], updated: ['civil-senior-card'] }])
  })

  it('answers a malformed import body with 400 field errors and an oversized one with 413', async () => {
    const malformed = await app.request('/api/office/catalog/import', post({ items: 'not rows', materials: [[{}]] }, admin.cookie))
    expect(malformed.status).toBe(400)
    const body = await malformed.json() as { fields: { path: string }[] }
    expect(body.fields.map(f => f.path)).toEqual(expect.arrayContaining(['items', 'materials.0.0']))
    const huge = await app.request('/api/office/catalog/import', post({ items: [['x'.repeat(9000)]], materials: Array.from({ length: 1000 }, () => ['y'.repeat(9000)]) }, admin.cookie))
    expect(huge.status).toBe(413)
    expect((await app.request('/api/office/catalog', post({ code: 'new', ...notice }, admin.cookie))).status).toBe(400)
  })

  it('answers anonymous and device tokens 401, viewer and reviewer writes 403, and every role may read', async () => {
    const device = await enrollDevice(app, ctx.db, inside)
    const writes: [string, RequestInit][] = [
      ['/api/office/catalog', post({ code: 'x-1', ...notice }, '')],
      ['/api/office/catalog/civil-senior-card', put(notice, '')],
      ['/api/office/catalog/civil-senior-card/deactivate', post({}, '')],
      ['/api/office/catalog/civil-senior-card/activate', post({}, '')],
      ['/api/office/catalog/civil-senior-card/stations', put({ stationIds: [inside], offered: true }, '')],
      ['/api/office/catalog/import', post(catalogWorkbookRows([]), '')],
    ]
    for (const [path, init] of [...writes, ['/api/office/catalog', {}] as [string, RequestInit], ['/api/office/catalog/civil-senior-card', {}] as [string, RequestInit]]) {
      expect((await app.request(path, init)).status, path).toBe(401)
      const headers = { ...(init.headers as Record<string, string> | undefined), ...bearer(device.token).headers as Record<string, string> }
      expect((await app.request(path, { ...init, headers })).status, path).toBe(401)
    }
    for (const who of [viewer, reviewer]) {
      for (const [path, init] of writes)
        expect((await app.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: who.cookie } })).status, path).toBe(403)
      expect((await app.request('/api/office/catalog/civil-senior-card', { headers: who.headers })).status).toBe(200)
    }
    expect((await app.request('/api/office/catalog/no-such-item', { headers: viewer.headers })).status).toBe(404)
    expect((await app.request('/api/office/catalog', json('{"code":', undefined))).status).toBe(401)
  })
})
