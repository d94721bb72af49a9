/**
 * Pieces every route of the wire contract shares (DESIGN §4, §5, src/server/SYNC-API.md): the error body,
 * instants, and the storable-text rule for client strings.
 */
import { z } from 'zod'
import { textProblem } from '../eventSafety'
import { normalizeMobile } from '../identity'

export { fieldErrorOf, issueParams } from '../fieldIssue'
export type { FieldIssue } from '../fieldIssue'

/** An instant as the server writes it (Date#toISOString) and devices send it: ISO 8601 with an offset. */
export const isoInstantSchema = z.iso.datetime({ offset: true })

/**
 * One invalid field of a request body; `path` is dotted ('events.3.id'), '' for the whole body; `message` is
 * Chinese. `code` (the zod issue code, or a route's own) and the limits zod gives (`origin`, `minimum`,
 * `maximum`, `format`, a refinement's `reason`) let a client say it in another language (domain/fieldIssue.ts).
 */
export const fieldErrorSchema = z.object({
  path: z.string(),
  message: z.string(),
  code: z.string().optional(),
  origin: z.string().optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  format: z.string().optional(),
  reason: z.string().optional(),
})
export type FieldError = z.infer<typeof fieldErrorSchema>

/**
 * Every error answer: `{ error: <stable code>, message: <中文>, fields?, ...extra }` (SYNC-API.md). Extra
 * members (`minAppVersion`, `limit`, `retryAfter`, …) are kept.
 */
export const errorBodySchema = z.looseObject({
  error: z.string(),
  message: z.string().optional(),
  fields: z.array(fieldErrorSchema).optional(),
})
export type ErrorBody = z.infer<typeof errorBodySchema>

/**
 * A string the database can store and compare (issue 10 item 1): no NUL, no lone surrogate; anything else
 * is a 400 field error with a Chinese message instead of a database error (500). Chain limits after it:
 * `storableText().min(1).max(64)`. Use it for every client string that reaches SQL outside an event.
 */
export function storableText(): z.ZodString {
  return z.string().superRefine((value, ctx) => {
    const problem = textProblem(value)
    if (problem)
      ctx.addIssue({ code: 'custom', message: problem })
  })
}

/** A mobile as people type it; normalised with the domain's validator (DOMAIN.md), its reason as the field error. */
export function mobileField() {
  return storableText().max(32, '手机号码过长').transform((value, ctx) => {
    const checked = normalizeMobile(value)
    if (!checked.ok) {
      ctx.addIssue({ code: 'custom', message: checked.reason })
      return z.NEVER
    }
    return checked.value
  })
}

/** GET /api/health (DESIGN §4): the tablet is online when this answers `status: 'ok'`. */
export const healthAnswerSchema = z.object({
  status: z.enum(['ok', 'error']),
  db: z.enum(['pglite', 'postgres']),
  version: z.string(),
})
export type HealthAnswer = z.infer<typeof healthAnswerSchema>
