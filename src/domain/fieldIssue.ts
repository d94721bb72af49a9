/**
 * What a field error says besides its (Chinese) message: the zod issue's stable code and the limits zod
 * gives with it, so a client can word the reason in its own language (SYNC-API.md "Errors"). Pure and
 * import-free of the rest of the domain, so both the wire contract and the event checks can use it.
 */
import type { z } from 'zod'

/** The machine-readable part of a field error; every member is optional on the wire (older answers lack them). */
export interface FieldIssue {
  /** The zod issue code ('invalid_type', 'too_small', 'too_big', 'invalid_format', 'invalid_value', 'custom', …) or a route's own. */
  code?: string
  /** What a size limit counts: 'string' (characters), 'array' (items), 'number', 'date', … */
  origin?: string
  minimum?: number
  maximum?: number
  /** The string format an 'invalid_format' issue wanted ('date', 'uuid', 'regex', …), or a refinement's `params.format`. */
  format?: string
  /** A 'custom' issue's own reason, from the refinement's `params.reason` ('dateOrder', …). */
  reason?: string
}

/** A field error as the wire carries it: `path` and `message` exactly as before, the issue's code and limits beside them. */
export interface FieldErrorWithIssue extends FieldIssue {
  path: string
  message: string
}

const limit = (value: number | bigint): number => Number(value)

/**
 * The code and limits of one zod issue (a Date limit as epoch ms, a bigint as a number). A refinement says
 * what it checks with `params: { format: 'date' }` or `params: { reason: 'dateOrder' }`.
 */
export function issueParams(issue: z.core.$ZodIssue): FieldIssue {
  switch (issue.code) {
    case 'too_small':
      return { code: issue.code, origin: issue.origin, minimum: limit(issue.minimum) }
    case 'too_big':
      return { code: issue.code, origin: issue.origin, maximum: limit(issue.maximum) }
    case 'invalid_format':
      return { code: issue.code, format: issue.format }
    case 'custom': {
      const { format, reason } = (issue.params ?? {}) as { format?: unknown, reason?: unknown }
      return { code: issue.code, ...(typeof format === 'string' ? { format } : {}), ...(typeof reason === 'string' ? { reason } : {}) }
    }
    default:
      return { code: issue.code }
  }
}

/** One zod issue as a field error; `prefix` goes before its path ('payload' → 'payload.applicant.name'). */
export function fieldErrorOf(issue: z.core.$ZodIssue, prefix: readonly (string | number)[] = []): FieldErrorWithIssue {
  return { path: [...prefix, ...issue.path.map(String)].join('.'), message: issue.message, ...issueParams(issue) }
}
