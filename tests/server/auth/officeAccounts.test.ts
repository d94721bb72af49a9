/**
 * Office accounts managed by an admin inside its division (issue 8 item 1): create → the new account signs
 * in; role and name changes; deactivating and resetting the password sign the account out everywhere; an
 * admin cannot lock itself out; other divisions' accounts answer 404; every change is audited, never the password.
 */
import type { App } from '../../../src/server/app'
import type { TestDatabase } from '../helpers/databases'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accountListAnswerSchema } from '../../../src/domain/protocol'
import { appFor } from '../helpers/app'
import { expectContract } from '../helpers/contract'
import { testDatabases } from '../helpers/databases'
import { addOfficeUser, sessionCookie, signInOffice } from '../helpers/office'
import { addStation, bearer, enrollDevice, json } from '../helpers/sync'

const NOW = new Date('2026-03-05T10:00:00+08:00')

function send(body: unknown, cookie: string, method = 'POST'): RequestInit {
  return { method, headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) }
}

describe.each(testDatabases())('office accounts on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  let admin: { username: string, cookie: string }

  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx, { now: () => NOW })
    admin = await signInOffice(app, ctx.db, { username: 'jc-admin', role: 'admin', divisionCode: '1405', displayName: '晋城市政务服务中心' })
  })
  afterAll(() => ctx.close())

  it('creates an account inside the division that can sign in at once, audited without the password', async () => {
    const res = await app.request('/api/office/accounts', send({ username: 'cq-reviewer', password: 'a-long-password', role: 'reviewer', divisionCode: '140502', displayName: '城区审核员' }, admin.cookie))
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ username: 'cq-reviewer', role: 'reviewer', divisionCode: '140502', displayName: '城区审核员', active: true })
    const cookie = await sessionCookie(app, 'cq-reviewer', 'a-long-password')
    const me = await (await app.request('/api/office/me', { headers: { cookie } })).json()
    expect(me).toEqual({ username: 'cq-reviewer', displayName: '城区审核员', role: 'reviewer', divisionCode: '140502' })
    const audit = await ctx.db.selectFrom('office_audit').selectAll().where('action', '=', 'account.created').where('target_id', '=', 'cq-reviewer').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ username: 'jc-admin', division_code: '140502', details: { role: 'reviewer', displayName: '城区审核员' } })
    expect(JSON.stringify(audit[0]?.details)).not.toContain('a-long-password')

    const list = expectContract(accountListAnswerSchema, await (await app.request('/api/office/accounts', { headers: { cookie: admin.cookie } })).json())
    expect(list.accounts.map(a => a.username)).toEqual(expect.arrayContaining(['jc-admin', 'cq-reviewer']))
  })

  it('refuses a division outside its own (403), a taken username (409) and bad fields (400)', async () => {
    const outside = await app.request('/api/office/accounts', send({ username: 'ty-viewer', password: 'a-long-password', role: 'viewer', divisionCode: '1401', displayName: '太原' }, admin.cookie))
    expect(outside.status).toBe(403)
    expect(await outside.json()).toMatchObject({ error: 'outside-division', message: '只能在本机构辖区内创建账号' })
    const province = await app.request('/api/office/accounts', send({ username: 'sx-admin', password: 'a-long-password', role: 'admin', divisionCode: '14', displayName: '省局' }, admin.cookie))
    expect(province.status).toBe(403)
    const taken = await app.request('/api/office/accounts', send({ username: 'cq-reviewer', password: 'a-long-password', role: 'viewer', divisionCode: '140502', displayName: '重复' }, admin.cookie))
    expect(taken.status).toBe(409)
    const bad = await app.request('/api/office/accounts', send({ username: 'X', password: 'short', role: 'boss', divisionCode: '1', displayName: '' }, admin.cookie))
    expect(bad.status).toBe(400)
    const body = await bad.json() as { fields: { path: string }[] }
    expect(body.fields.map(f => f.path).sort()).toEqual(['displayName', 'divisionCode', 'password', 'role', 'username'])
    const patchBad = await app.request('/api/office/accounts/cq-reviewer', send({ active: 'no', extra: 1 }, admin.cookie, 'PATCH'))
    expect(patchBad.status).toBe(400)
    const empty = await app.request('/api/office/accounts/cq-reviewer', send({}, admin.cookie, 'PATCH'))
    expect(empty.status).toBe(400)
    const resetBad = await app.request('/api/office/accounts/cq-reviewer/password', send({ password: 'short' }, admin.cookie))
    expect(resetBad.status).toBe(400)
    expect((await resetBad.json() as { fields: { path: string }[] }).fields[0]?.path).toBe('password')
  })

  it('changes role and name; deactivating signs the account out everywhere and it can no longer sign in', async () => {
    await addOfficeUser(ctx.db, { username: 'cq-viewer', password: 'viewer-password', role: 'viewer', divisionCode: '140502' })
    const session = await sessionCookie(app, 'cq-viewer', 'viewer-password')
    const changed = await app.request('/api/office/accounts/cq-viewer', send({ role: 'reviewer', displayName: '城区审核员二' }, admin.cookie, 'PATCH'))
    expect(changed.status).toBe(200)
    expect(await changed.json()).toMatchObject({ role: 'reviewer', displayName: '城区审核员二', active: true })
    // The role takes effect at once on the open session.
    expect(await (await app.request('/api/office/me', { headers: { cookie: session } })).json()).toMatchObject({ role: 'reviewer' })

    const off = await app.request('/api/office/accounts/cq-viewer', send({ active: false }, admin.cookie, 'PATCH'))
    expect(await off.json()).toMatchObject({ active: false })
    expect((await app.request('/api/office/me', { headers: { cookie: session } })).status).toBe(401)
    expect(await ctx.db.selectFrom('office_sessions').select('token_hash').where('username', '=', 'cq-viewer').execute()).toEqual([])
    await expect(sessionCookie(app, 'cq-viewer', 'viewer-password')).rejects.toThrow(/401/)
    const audit = await ctx.db.selectFrom('office_audit').select(['details']).where('action', '=', 'account.updated').where('target_id', '=', 'cq-viewer').orderBy('id').execute()
    expect(audit.map(a => a.details)).toEqual([
      { changes: { role: { from: 'viewer', to: 'reviewer' }, displayName: { from: '测试主管机构 cq-viewer', to: '城区审核员二' } } },
      { changes: { active: { from: true, to: false } } },
    ])
  })

  it('resets a password: old sessions end, the old password fails, the new one works', async () => {
    await addOfficeUser(ctx.db, { username: 'cq-clerk', password: 'old-password-1', role: 'viewer', divisionCode: '140502' })
    const session = await sessionCookie(app, 'cq-clerk', 'old-password-1')
    const res = await app.request('/api/office/accounts/cq-clerk/password', send({ password: 'new-password-2' }, admin.cookie))
    expect(res.status).toBe(200)
    expect((await app.request('/api/office/me', { headers: { cookie: session } })).status).toBe(401)
    await expect(sessionCookie(app, 'cq-clerk', 'old-password-1')).rejects.toThrow(/401/)
    expect(await sessionCookie(app, 'cq-clerk', 'new-password-2')).toMatch(/^bianmin_office=/)
    const audit = await ctx.db.selectFrom('office_audit').selectAll().where('action', '=', 'account.passwordReset').where('target_id', '=', 'cq-clerk').execute()
    expect(audit).toHaveLength(1)
    expect(JSON.stringify(audit[0])).not.toContain('new-password-2')
  })

  it('keeps an admin from deactivating or demoting itself (409), but lets it rename itself', async () => {
    for (const patch of [{ active: false }, { role: 'viewer' }]) {
      const res = await app.request('/api/office/accounts/jc-admin', send(patch, admin.cookie, 'PATCH'))
      expect(res.status).toBe(409)
      expect(await res.json()).toMatchObject({ error: 'self-lockout', message: '不能停用自己的账号或取消自己的管理员角色' })
    }
    const renamed = await app.request('/api/office/accounts/jc-admin', send({ displayName: '晋城市行政审批服务管理局' }, admin.cookie, 'PATCH'))
    expect(renamed.status).toBe(200)
    expect((await app.request('/api/office/me', { headers: { cookie: admin.cookie } })).status).toBe(200)
  })

  it('answers 404 for an account outside the division or unknown, and never lists it', async () => {
    await addOfficeUser(ctx.db, { username: 'ty-admin', role: 'admin', divisionCode: '1401' })
    await addOfficeUser(ctx.db, { username: 'sx-root', role: 'admin', divisionCode: '14' })
    for (const name of ['ty-admin', 'sx-root', 'nobody']) {
      expect((await app.request(`/api/office/accounts/${name}`, send({ active: false }, admin.cookie, 'PATCH'))).status).toBe(404)
      expect((await app.request(`/api/office/accounts/${name}/password`, send({ password: 'another-password' }, admin.cookie))).status).toBe(404)
    }
    const list = expectContract(accountListAnswerSchema, await (await app.request('/api/office/accounts', { headers: { cookie: admin.cookie } })).json())
    expect(list.accounts.map(a => a.username)).not.toContain('ty-admin')
    expect(list.accounts.map(a => a.username)).not.toContain('sx-root')
    expect(list.accounts.every(a => a.divisionCode.startsWith('1405'))).toBe(true)
    const stillActive = await ctx.db.selectFrom('office_accounts').select('active').where('username', '=', 'ty-admin').executeTakeFirstOrThrow()
    expect(stillActive.active).toBe(true)
  })

  it('is for admins only: viewer and reviewer 403, anonymous and a device token 401', async () => {
    const station = await addStation(ctx.db)
    const device = await enrollDevice(app, ctx.db, station)
    const calls: [string, RequestInit][] = [
      ['/api/office/accounts', {}],
      ['/api/office/accounts', json({ username: 'x-y', password: 'a-long-password', role: 'viewer', divisionCode: '1405', displayName: 'x' })],
      ['/api/office/accounts/cq-reviewer', json({ active: false }, undefined, 'PATCH')],
      ['/api/office/accounts/cq-reviewer/password', json({ password: 'a-long-password' })],
    ]
    for (const role of ['viewer', 'reviewer'] as const) {
      const office = await signInOffice(app, ctx.db, { role, divisionCode: '1405' })
      for (const [path, init] of calls)
        expect((await app.request(path, { ...init, headers: { ...init.headers as Record<string, string>, cookie: office.cookie } })).status, `${role} ${path}`).toBe(403)
    }
    for (const [path, init] of calls) {
      expect((await app.request(path, init)).status).toBe(401)
      expect((await app.request(path, { ...init, headers: { ...init.headers as Record<string, string>, ...bearer(device.token).headers as Record<string, string> } })).status).toBe(401)
    }
    const untouched = await ctx.db.selectFrom('office_accounts').select('active').where('username', '=', 'cq-reviewer').executeTakeFirstOrThrow()
    expect(untouched.active).toBe(true)
  })
})
