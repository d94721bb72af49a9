import type { ReasonTranslator } from '../reasonWords'
import type { FieldProblem } from './consultationForm'
import { reasonText } from '../../domain/reason'
import { reasonWordsWith } from '../reasonWords'

/** A field problem as text: an i18n key is translated, a domain validator's reason worded from its code. */
export function problemText(problem: FieldProblem | undefined, i18n: ReasonTranslator): string {
  if (!problem)
    return ''
  return 'reason' in problem ? reasonWordsWith(i18n, reasonText)(problem.reason) : i18n.t(problem.key, problem.params ?? {})
}
