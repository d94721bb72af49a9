/**
 * Field errors carry a machine code beside their Chinese message (issue 13 item 5): the zod issue code and the
 * limits zod gives, so the English UI can word them itself. `path` and `message` stay exactly as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { App } from '../../src/server/app'
import type { FieldError } from '../../src/domain/protocol'
import { errorBodySchema } from '../../src/domain/protocol'
import { validateBody } from '../../src/server/validate'
import type { TestDatabase } from './helpers/databases'
import { embeddedDatabase } from './helpers/databases'
import { appFor } from './helpers/app'
import { signInOffice } from './helpers/office'

const json = { 'content-type': 'application/json' }

async function fieldsOf(res: Response): Promise<FieldError[]> {
  const body = errorBodySchema.parse(await res.json())
  expect(body.fields).toBeDefined()
  return body.fields ?? []
}

const at = (fields: FieldError[], path: string): FieldError | undefined => fields.find(f => f.path === path)

describe('field error codes', () => {
  let ctx: TestDatabase
  let app: App
  let admin: { cookie: string }

  beforeAll(async () => {
    ctx = await embeddedDatabase().open()
    app = appFor(ctx)
    app.post('/api/test/codes', validateBody(z.object({
      name: z.string().min(1).max(5),
      count: z.number().int().min(2),
      day: z.iso.date(),
      tags: z.array(z.string()).max(2),
      kind: z.enum(['a', 'b']),
    }).strict()), c => c.json({ ok: true }))
    admin = await signInOffice(app, ctx.db, { role: 'admin', divisionCode: '1405' })
  })
  afterAll(() => ctx.close())

  it('gives each zod issue its code and limits, keeping the Chinese message', async () => {
    const res = await app.request('/api/test/codes', { method: 'POST', headers: json, body: JSON.stringify({ name: 'abcdefg', count: 1, day: '2026-13-40', tags: ['x', 'y', 'z'], kind: 'c', extra: 1 }) })
    expect(res.status).toBe(400)
    const fields = await fieldsOf(res)
    expect(at(fields, 'name')).toMatchObject({ code: 'too_big', origin: 'string', maximum: 5 })
    expect(at(fields, 'count')).toMatchObject({ code: 'too_small', origin: 'number', minimum: 2 })
    expect(at(fields, 'day')).toMatchObject({ code: 'invalid_format', format: 'date' })
    expect(at(fields, 'tags')).toMatchObject({ code: 'too_big', origin: 'array', maximum: 2 })
    expect(at(fields, 'kind')).toMatchObject({ code: 'invalid_value' })
    expect(at(fields, '')).toMatchObject({ code: 'unrecognized_keys' })
    for (const field of fields)
      expect(field.message).toMatch(/[\u4E00-\u9FFF]/)
  })

  it('says a missing field is invalid_type and an empty one too_small with minimum 1', async () => {
    const res = await app.request('/api/test/codes', { method: 'POST', headers: json, body: JSON.stringify({ name: '', day: '2026-01-05', tags: [], kind: 'a' }) })
    const fields = await fieldsOf(res)
    expect(at(fields, 'name')).toMatchObject({ code: 'too_small', origin: 'string', minimum: 1 })
    expect(at(fields, 'count')).toMatchObject({ code: 'invalid_type' })
  })

  it('carries the codes on a real office route (a too-long station name)', async () => {
    const res = await app.request('/api/office/stations', {
      method: 'POST',
      headers: { ...json, cookie: admin.cookie },
      body: JSON.stringify({ name: '站'.repeat(101), divisionCode: '140525', address: '泽州县金村镇府城村 8 号', hostType: 'bank' }),
    })
    expect(res.status).toBe(400)
    const name = at(await fieldsOf(res), 'name')
    expect(name).toMatchObject({ code: 'too_big', origin: 'string', maximum: 100 })
    expect(name?.message).toMatch(/[\u4E00-\u9FFF]/)
  })

  it('lets a refinement say what it checks: a civil date, and an end before the start', async () => {
    const bad = await app.request('/api/office/audit?from=2026-02-30', { headers: { cookie: admin.cookie } })
    expect(bad.status).toBe(400)
    expect(at(await fieldsOf(bad), 'from')).toMatchObject({ code: 'custom', format: 'date' })
    const order = await app.request('/api/office/audit?from=2026-03-01&to=2026-02-01', { headers: { cookie: admin.cookie } })
    expect(order.status).toBe(400)
    expect(at(await fieldsOf(order), 'to')).toMatchObject({ code: 'custom', reason: 'dateOrder', message: '结束日期不能早于开始日期' })
  })

  it('gives a route\'s own field errors a code too (an account that exists)', async () => {
    const account = { username: 'dup-user', password: 'long-enough-pw', role: 'viewer', divisionCode: '1405', displayName: '重复账号' }
    const request = () => app.request('/api/office/accounts', { method: 'POST', headers: { ...json, cookie: admin.cookie }, body: JSON.stringify(account) })
    expect((await request()).status).toBe(201)
    const again = await request()
    expect(again.status).toBe(409)
    expect(at(await fieldsOf(again), 'username')).toMatchObject({ code: 'exists' })
  })
})
