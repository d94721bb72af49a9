/** Reading an answer off the wire: a schema's verdict as a value, with the problems in one line. */
import type { z } from 'zod'

export type AnswerParse<T> = { ok: true, value: T } | { ok: false, problems: string }

/** At most this many issues are named; the rest are counted. */
const SHOWN_ISSUES = 3

/** Parses `body` with `schema`; never throws. `problems` reads like 'results.0.status: Invalid option; …'. */
export function parseAnswer<S extends z.ZodType>(schema: S, body: unknown): AnswerParse<z.output<S>> {
  const result = schema.safeParse(body)
  if (result.success)
    return { ok: true, value: result.data }
  return { ok: false, problems: describeIssues(result.error.issues) }
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, SHOWN_ISSUES).map(issue => `${issue.path.map(String).join('.') || '(answer)'}: ${issue.message}`)
  if (issues.length > SHOWN_ISSUES)
    shown.push(`+${issues.length - SHOWN_ISSUES}`)
  return shown.join('; ')
}
