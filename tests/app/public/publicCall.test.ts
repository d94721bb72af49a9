/**
 * The citizen pages' one call helper (src/app/public/publicCall.ts): what it sends, and every way a call can
 * fail reaching the page's `fail` as the problem it was — no network, a malformed 2xx, an error answer.
 */
import type { PublicCallProblem } from '../../../src/app/public/publicCall'
import { describe, expect, it } from 'vitest'
import { publicCall } from '../../../src/app/public/publicCall'
import { fillPlaceholders } from '../../../src/app/public/pageText'

class Failed extends Error {
  constructor(readonly problem: PublicCallProblem) {
    super(problem.kind)
  }
}

const fail = (problem: PublicCallProblem) => new Failed(problem)

function answering(status: number, body: unknown, seen: { init?: RequestInit }[] = []) {
  return async (_input: string, init?: RequestInit) => {
    seen.push({ init })
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
  }
}

async function problemOf(promise: Promise<unknown>): Promise<PublicCallProblem> {
  const error = await promise.then(() => null, (e: unknown) => e)
  expect(error).toBeInstanceOf(Failed)
  return (error as Failed).problem
}

describe('publicCall', () => {
  it('GETs without a body and POSTs a body as JSON, giving back an answer of the expected shape', async () => {
    const seen: { init?: RequestInit }[] = []
    const got = await publicCall<{ name: string }>(answering(200, { name: '站' }, seen), '/api/public/x', { name: 'string' }, fail)
    expect(got).toEqual({ name: '站' })
    await publicCall(answering(200, { status: 'rated' }, seen), '/api/public/x', { status: 'string' }, fail, { level: 5 })
    expect(seen[0]?.init?.method).toBeUndefined()
    expect(seen[0]?.init?.body).toBeUndefined()
    expect(seen[1]?.init?.method).toBe('POST')
    expect(seen[1]?.init?.body).toBe('{"level":5}')
    expect(seen[1]?.init?.headers).toMatchObject({ 'Content-Type': 'application/json' })
  })

  it('names no network, a malformed 2xx and an error answer apart', async () => {
    const offline = async () => {
      throw new TypeError('Failed to fetch')
    }
    expect(await problemOf(publicCall(offline, '/x', {}, fail))).toEqual({ kind: 'offline' })
    expect(await problemOf(publicCall(answering(200, { name: 3 }), '/x', { name: 'string' }, fail))).toEqual({ kind: 'malformed' })
    expect(await problemOf(publicCall(answering(200, 'not json'), '/x', {}, fail))).toEqual({ kind: 'malformed' })
    const fields = [{ path: 'mobile', message: '手机号码不正确' }]
    expect(await problemOf(publicCall(answering(409, { error: 'slot-full', message: '该时段预约已满', fields }), '/x', {}, fail)))
      .toEqual({ kind: 'status', status: 409, error: 'slot-full', message: '该时段预约已满', fields })
    expect(await problemOf(publicCall(answering(502, 'Bad Gateway'), '/x', {}, fail)))
      .toEqual({ kind: 'status', status: 502, error: null, message: null, fields: [] })
  })
})

describe('fillPlaceholders', () => {
  it('fills each {name} and leaves a missing one empty', () => {
    expect(fillPlaceholders('{n} 个，至 {until}', { n: 3, until: '5月1日' })).toBe('3 个，至 5月1日')
    expect(fillPlaceholders('有效期至 {until}')).toBe('有效期至 ')
  })
})
