import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestDatabase } from '../../helpers/databases'
import { testDatabases } from '../../helpers/databases'
import { appFor } from '../../helpers/app'

const packageVersion = (JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string }).version

describe.each(testDatabases())('GET /api/health on %s', (kind) => {
  let ctx: TestDatabase
  beforeAll(async () => {
    ctx = await kind.open()
  })
  afterAll(() => ctx.close())

  it('answers ok with the database kind and the package version', async () => {
    const res = await appFor(ctx).request('/api/health')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok', db: kind.name, version: packageVersion })
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  })

  it('is never cached (tablets use it to decide they are online)', async () => {
    const res = await appFor(ctx).request('/api/health')
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it('answers 503 with status error when the database does not answer', async () => {
    const broken = await kind.open({ migrate: false })
    await broken.close()
    const res = await appFor(broken).request('/api/health')
    expect(res.status).toBe(503)
    expect(await res.json()).toEqual({ status: 'error', db: kind.name, version: packageVersion })
  })
})
