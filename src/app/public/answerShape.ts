/**
 * How the citizen pages check a 2xx answer before using it. The staff app parses answers with the contract's
 * zod schemas (src/domain/protocol); those weigh about 25 KB gzipped, and each citizen page must stay within
 * 60 KB of JS for phones (issue 9). So these pages take the contract's TYPES only and check the shape their
 * screen relies on (the top-level fields and their kinds); a malformed answer still becomes a clear 'server'
 * failure rather than a broken page. The server builds every answer against the full schema (`satisfies`),
 * and tests/server/routes/protocolAnswers.test.ts parses real answers with it.
 */
export type FieldKind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'string|null' | 'number|null'

/** Field → the kind its value must have. */
export type AnswerShape = Readonly<Record<string, FieldKind>>

function kindOf(value: unknown): FieldKind | 'null' | 'other' {
  if (value === null)
    return 'null'
  if (Array.isArray(value))
    return 'array'
  const type = typeof value
  return type === 'string' || type === 'number' || type === 'boolean' || type === 'object' ? type : 'other'
}

/** True when `value` is an object whose fields have the kinds `shape` names. */
export function hasShape(value: unknown, shape: AnswerShape): boolean {
  if (kindOf(value) !== 'object')
    return false
  const record = value as Record<string, unknown>
  return Object.entries(shape).every(([field, kind]) => {
    const actual = kindOf(record[field])
    return kind.split('|').includes(actual)
  })
}

/** `value` as the contract's type `T` when it has `shape`, else null. */
export function withShape<T>(value: unknown, shape: AnswerShape): T | null {
  return hasShape(value, shape) ? value as T : null
}
