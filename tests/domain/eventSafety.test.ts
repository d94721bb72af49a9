/** Issue 10 items 1 and 7: what no tablet may record because no database can store it (src/domain/eventSafety.ts). */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { DomainEvent } from '../../src/domain/events'
import { canonicalJson, eventContentKey } from '../../src/domain/events'
import { isStorableText, MAX_VALUE_DEPTH, safetyMessages, unsafeValueIssues } from '../../src/domain/eventSafety'
import { validateDomainEvent } from '../../src/domain/eventTypes'

function consultation(overrides: Partial<DomainEvent> = {}, payload: Record<string, unknown> = {}): DomainEvent {
  return {
    id: '01950000-0000-7000-8000-00000000abcd',
    stream: 'consultation:01950000-0000-7000-8000-00000000c0de',
    type: 'consultation.recorded',
    v: 1,
    payload: { channel: 'visit', contact: { name: '张小明', phone: '13812345678' }, question: '身份证到期怎么换？', ...payload },
    stationId: 'station-TY01',
    deviceId: 'tablet-A',
    staffId: 'staff-wang',
    occurredAt: '2026-03-02T10:00:00+08:00',
    ...overrides,
  }
}

function errorsOf(input: unknown): { path: string, message: string }[] {
  const result = validateDomainEvent(input)
  return result.ok ? [] : result.errors
}

/** An array nested `depth` deep around a number: built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 1
  for (let i = 0; i < depth; i++)
    value = [value]
  return value
}

/** The former, recursive canonicalJson: the iterative one must write exactly the same text (stored content keys). */
function recursiveCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object')
    return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value))
    return `[${value.map(recursiveCanonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${recursiveCanonicalJson(v)}`).join(',')}}`
}

describe('the valid event is accepted (the baseline of every refusal below)', () => {
  it('passes, with a surrogate pair (emoji) and the window edges', () => {
    expect(errorsOf(consultation())).toEqual([])
    expect(errorsOf(consultation({}, { question: '能带宠物🐶进来吗？' }))).toEqual([])
    expect(errorsOf(consultation({ occurredAt: '2000-01-01T00:00:00Z' }))).toEqual([])
    expect(errorsOf(consultation({ occurredAt: '2199-12-31T23:59:59.999Z' }))).toEqual([])
    expect(errorsOf(consultation({ occurredAt: '2026-03-02T10:00:00+14:00' }))).toEqual([])
    expect(errorsOf(consultation({ occurredAt: '2026-03-02T10:00:00-12:00' }))).toEqual([])
  })
})

describe('NUL (U+0000) is refused in every string', () => {
  it.each([
    ['staffId', consultation({ staffId: 'staff\u0000wang' }), 'staffId'],
    ['stationId', consultation({ stationId: 'station-TY01\u0000' }), 'stationId'],
    ['deviceId', consultation({ deviceId: '\u0000' }), 'deviceId'],
    ['stream', consultation({ stream: 'consultation:01950000-0000-7000-8000-00000000c0de\u0000' }), 'stream'],
    ['a payload text', consultation({}, { question: '身份证\u0000到期' }), 'payload.question'],
    ['a nested payload text', consultation({}, { contact: { name: '张\u0000', phone: '13812345678' } }), 'payload.contact.name'],
  ])('in %s', (_, event, path) => {
    expect(errorsOf(event)).toContainEqual({ path, message: safetyMessages.nul })
  })

  it('in an object key', () => {
    const errors = errorsOf(consultation({}, { 'x\u0000y': 1 }))
    expect(errors).toHaveLength(1)
    expect(errors[0]?.path).toBe('payload."x\\u0000y"')
    expect(errors[0]?.message).toBe(`字段名${safetyMessages.nul}`)
  })
})

describe('lone surrogates are refused', () => {
  it.each([
    ['a low surrogate in a payload text', consultation({}, { question: '问题\udfff' }), 'payload.question'],
    ['a high surrogate at the end', consultation({}, { question: '问题\ud83d' }), 'payload.question'],
    ['a reversed pair', consultation({}, { question: '\udc36\ud83d' }), 'payload.question'],
    ['a lone surrogate in staffId', consultation({ staffId: '\udfff' }), 'staffId'],
  ])('%s', (_, event, path) => {
    expect(errorsOf(event)).toContainEqual({ path, message: safetyMessages.loneSurrogate })
  })

  it('isStorableText agrees', () => {
    expect(isStorableText('🐶 ok')).toBe(true)
    expect(isStorableText('\udfff')).toBe(false)
    expect(isStorableText('a\u0000')).toBe(false)
  })
})

describe('occurredAt outside 2000-01-01 … 2199-12-31 (UTC), or with an offset over ±14:00', () => {
  it.each([
    '0000-01-01T00:00:00Z',
    '1999-12-31T23:59:59.999Z',
    '2000-01-01T08:00:00+08:01',
    '2200-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
  ])('%s is refused', (occurredAt) => {
    expect(errorsOf(consultation({ occurredAt }))).toEqual([{ path: 'occurredAt', message: safetyMessages.occurredAtWindow }])
  })

  it.each(['2026-03-02T10:00:00+23:59', '2026-03-02T10:00:00-14:01', '2026-03-02T10:00:00+16:00'])('%s is refused (PostgreSQL rejects the offset)', (occurredAt) => {
    expect(errorsOf(consultation({ occurredAt }))).toEqual([{ path: 'occurredAt', message: safetyMessages.utcOffset }])
  })
})

describe('deep nesting', () => {
  it('an 8,000-deep payload is refused without a stack overflow', () => {
    const event = consultation({}, { question: nested(8000) })
    expect(canonicalJson(event).length).toBeGreaterThan(16_000)
    expect(errorsOf(event)).toEqual([{ path: `payload.question${'.0'.repeat(MAX_VALUE_DEPTH - 2)}`, message: safetyMessages.tooDeep }])
  })

  it('a 200,000-deep payload too, and its canonical JSON is written', () => {
    const value = nested(200_000)
    expect(unsafeValueIssues(value)).toHaveLength(1)
    expect(canonicalJson(value)).toBe(`${'['.repeat(200_000)}1${']'.repeat(200_000)}`)
    expect(() => eventContentKey(consultation({}, { question: value }))).not.toThrow()
  })

  it('nesting up to the limit is not refused for its depth', () => {
    expect(unsafeValueIssues(nested(MAX_VALUE_DEPTH))).toEqual([])
    expect(unsafeValueIssues(nested(MAX_VALUE_DEPTH + 1))).toEqual([{ path: '0'.repeat(1) + '.0'.repeat(MAX_VALUE_DEPTH - 1), message: safetyMessages.tooDeep }])
  })
})

describe('numbers', () => {
  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('%s anywhere is refused', (n) => {
    expect(errorsOf(consultation({}, { question: n }))).toEqual([{ path: 'payload.question', message: safetyMessages.notFinite }])
    expect(errorsOf(consultation({ v: n }))).toEqual([{ path: 'v', message: safetyMessages.notFinite }])
  })

  it('a huge version is refused, not stored into an integer column', () => {
    expect(errorsOf(consultation({ v: 1e300 })).map(e => e.path)).toEqual(['v'])
    expect(errorsOf(consultation({ v: 2 ** 31 })).map(e => e.path)).toEqual(['v'])
  })
})

describe('item 7: event ids are lowercase UUIDs', () => {
  it('an uppercase id is refused with a clear message; its lowercase form passes', () => {
    const id = '01950000-0000-7000-8000-00000000ABCD'
    expect(errorsOf(consultation({ id }))).toEqual([{ path: 'id', message: safetyMessages.eventIdCase }])
    expect(errorsOf(consultation({ id: id.toLowerCase() }))).toEqual([])
  })
})

describe('many problems in one value', () => {
  it('are reported at most 20 times (a hostile payload cannot make a huge answer)', () => {
    const issues = unsafeValueIssues(Array.from({ length: 10_000 }, () => '\u0000'))
    expect(issues).toHaveLength(20)
    expect(issues[0]).toEqual({ path: '0', message: safetyMessages.nul })
  })
})

describe('canonicalJson, now iterative', () => {
  it('writes exactly what the recursive form wrote, for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), v => canonicalJson(v) === recursiveCanonicalJson(v)), { numRuns: 500 })
  })

  it('and for JavaScript values JSON does not have (undefined members, sparse arrays, dates)', () => {
    fc.assert(fc.property(fc.anything({ withSparseArray: true, withDate: true, withNullPrototype: true, withObjectString: true }), v => canonicalJson(v) === recursiveCanonicalJson(v)), { numRuns: 500 })
    expect(canonicalJson({ b: 1, a: undefined, c: [undefined, 2] })).toBe('{"b":1,"c":[null,2]}')
  })
})
