/**
 * The one way the citizen pages (booking, rating, results) call /api/public: JSON in and out, a 2xx answer
 * checked against the shape the page relies on (answerShape.ts), and every failure handed to the page's own
 * `fail`, which names it in the page's words (its Failure kinds) — no network, a malformed 2xx, or an error
 * answer with its status, code, Chinese message and field errors. Kept tiny: each page is its own small entry.
 */
import type { AnswerShape } from './answerShape'
import { withShape } from './answerShape'

/** fetch, or a test's stand-in. */
export type PublicFetch = (input: string, init?: RequestInit) => Promise<Response>

export interface PublicFieldError { path: string, message: string }

/** Why a call did not give the answer: no network, a 2xx without the expected shape, or an error answer. */
export type PublicCallProblem
  = | { kind: 'offline' }
    | { kind: 'malformed' }
    | { kind: 'status', status: number, error: string | null, message: string | null, fields: PublicFieldError[] }

/** The browser's fetch, bound (a bare `fetch` reference loses its window in some browsers). */
export const browserFetch: PublicFetch = (input, init) => fetch(input, init)

/** GET `path` (or POST `body` as JSON); the answer when it has `shape`, else throws `fail(problem)`. */
export async function publicCall<T>(fetchFn: PublicFetch, path: string, shape: AnswerShape, fail: (problem: PublicCallProblem) => Error, body?: unknown): Promise<T> {
  let res: Response
  try {
    res = await fetchFn(path, body === undefined
      ? { headers: { Accept: 'application/json' } }
      : { method: 'POST', headers: { 'Accept': 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  }
  catch {
    throw fail({ kind: 'offline' })
  }
  const answer = await res.json().catch(() => null) as ({ error?: unknown, message?: unknown, fields?: unknown }) | null
  if (res.ok) {
    const checked = withShape<T>(answer, shape)
    if (!checked)
      throw fail({ kind: 'malformed' })
    return checked
  }
  throw fail({
    kind: 'status',
    status: res.status,
    error: typeof answer?.error === 'string' ? answer.error : null,
    message: typeof answer?.message === 'string' ? answer.message : null,
    fields: Array.isArray(answer?.fields) ? answer.fields as PublicFieldError[] : [],
  })
}
