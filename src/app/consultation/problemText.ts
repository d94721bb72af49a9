import type { FieldProblem } from './consultationForm'

/** A field problem as text: an i18n key is translated, a domain validator's reason is already Chinese. */
export function problemText(problem: FieldProblem | undefined, t: (key: string, params?: Record<string, unknown>) => string): string {
  if (!problem)
    return ''
  return 'message' in problem ? problem.message : t(problem.key, problem.params ?? {})
}
