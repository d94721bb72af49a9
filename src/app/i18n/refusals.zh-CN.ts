/**
 * zh-CN words of the domain's reasons (src/domain/reason.ts), by code: the domain's own Chinese templates, so
 * the Chinese UI reads exactly what the server, the ledgers and a projection's attention reasons say.
 * `reasonStep` is empty in Chinese: a step travels with its Chinese name (ReasonStep.label), the same words
 * the domain's event labels use. `reasonList` joins a list parameter.
 */
import type { MessageTree } from './nestMessages'
import { reasonTemplates } from '../../domain/reason'
import { nestMessages } from './nestMessages'

export default {
  reason: nestMessages(reasonTemplates),
  reasonStep: {} as MessageTree,
  reasonList: { separator: '、' },
}
