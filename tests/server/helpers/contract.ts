/** Reading a server answer in a test through the wire contract (src/domain/protocol), as the app reads it. */
import type { z } from 'zod'
import { expect } from 'vitest'

/** Parses with the contract's schema and names the failing paths when the answer does not fit. */
export function expectContract<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body)
  expect(parsed.success ? [] : parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`)).toEqual([])
  return parsed.data as z.output<S>
}
