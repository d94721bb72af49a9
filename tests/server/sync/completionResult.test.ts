/**
 * Issue 14 item 7: a 办结 with its result (准予 + document, 不予 + reason) is accepted at push and folded into the
 * server's case projection; a result without its reason is rejected with the field; a completion without a
 * result (recorded before the addition) is still applied.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../src/server/app'
import { newStreamId } from '../../../src/domain/events'
import { appFor } from '../helpers/app'
import { testDatabases } from '../helpers/databases'
import type { TestDatabase } from '../helpers/databases'
import { addStation, caseEvent, caseReceived, enrollDevice, materialsComplete, pushOk } from '../helpers/sync'
import type { TestDevice } from '../helpers/sync'

describe.each(testDatabases())('办结 results at push, on %s', (kind) => {
  let ctx: TestDatabase
  let app: App
  beforeAll(async () => {
    ctx = await kind.open()
    app = appFor(ctx)
  })
  afterAll(() => ctx.close())

  async function acceptedCase(device: TestDevice, n: number): Promise<string> {
    const stream = newStreamId('case')
    await pushOk(app, device, [
      caseEvent(device, stream, 'case.received', caseReceived, '2026-03-02T10:00:00+08:00'),
      caseEvent(device, stream, 'case.materialsChecked', materialsComplete, '2026-03-02T10:05:00+08:00'),
      caseEvent(device, stream, 'case.accepted', { receiptNumber: `T001-2026-00000${n}`, dueAt: '2026-03-23T23:59:59.999+08:00' }, '2026-03-02T10:20:00+08:00'),
    ])
    return stream
  }

  async function stateOf(stream: string): Promise<Record<string, unknown>> {
    const row = await ctx.db.selectFrom('case_projections').selectAll().where('id', '=', stream).executeTakeFirstOrThrow()
    return row.state as Record<string, unknown>
  }

  it('applies 准予 and 不予 with their fields, refuses 不予 without a reason, still applies an old completion', async () => {
    const station = await addStation(ctx.db)
    const tablet = await enrollDevice(app, ctx.db, station, '平板甲')
    const [approved, refused, missingReason, old] = [await acceptedCase(tablet, 1), await acceptedCase(tablet, 2), await acceptedCase(tablet, 3), await acceptedCase(tablet, 4)]
    const at = '2026-03-10T15:00:00+08:00'
    const answer = await pushOk(app, tablet, [
      caseEvent(tablet, approved, 'case.completed', { completedAt: at, result: 'approved', resultDocument: '居民身份证', resultDocumentNumber: '晋公证〔2026〕12号' }, at),
      caseEvent(tablet, refused, 'case.completed', { completedAt: at, result: 'notApproved', resultReason: '申请人户籍不在本县' }, at),
      caseEvent(tablet, missingReason, 'case.completed', { completedAt: at, result: 'notApproved' }, at),
      caseEvent(tablet, old, 'case.completed', { completedAt: at }, at),
    ])
    expect(answer.results.map(r => r.status)).toEqual(['applied', 'applied', 'rejected', 'applied'])
    expect(answer.results[2]?.reason).toContain('payload.resultReason')
    expect(answer.results[2]?.reason).toContain('不予时须填写理由')

    expect(await stateOf(approved)).toMatchObject({ status: 'completed', completionResult: { result: 'approved', document: '居民身份证', documentNumber: '晋公证〔2026〕12号', reason: null } })
    expect(await stateOf(refused)).toMatchObject({ status: 'completed', completionResult: { result: 'notApproved', document: null, reason: '申请人户籍不在本县' } })
    expect(await stateOf(missingReason)).toMatchObject({ status: 'accepted' })
    expect(await stateOf(old)).toMatchObject({ status: 'completed', completionResult: null })
  })
})
