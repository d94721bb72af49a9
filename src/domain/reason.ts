/**
 * Why the domain refused or flagged a record (a step too early, two tablets contradicting each other, a record
 * it cannot read): a `Reason`, a code and its parameters, never a sentence. The app words it in the staff's
 * language with vue-i18n (src/app/i18n/refusals.*.ts); `reasonText` words it in Chinese for the server, the
 * ledgers and as the key a projection's attentionReasons and a recorded `*.attentionResolved` name it by, so
 * a template's Chinese wording never changes once released.
 */
import { caseReasons } from './reasons/caseReasons'
import { foldReasons } from './reasons/foldReasons'
import { identityReasons } from './reasons/identityReasons'
import { oversightReasons } from './reasons/oversightReasons'
import { ratingReasons } from './reasons/ratingReasons'

/** Every reason's Chinese template: `{name}` is replaced by the parameter of that name. */
export const reasonTemplates = { ...foldReasons, ...caseReasons, ...ratingReasons, ...oversightReasons, ...identityReasons } as const

export type ReasonCode = keyof typeof reasonTemplates

/** An event type named in a reason (the step refused, the record unreadable); `label` is its Chinese name. */
export interface ReasonStep {
  readonly event: string
  readonly label: string
}

/** A reason named inside another (what contradicts, why a step was refused). */
export interface NestedReason {
  readonly code: ReasonCode
  readonly params?: Readonly<Record<string, ReasonParam>>
}

/** A parameter: data shown as it is (numbers, dates, item names), a list of data, a step, or a reason. */
export type ReasonParam = string | number | readonly string[] | ReasonStep | NestedReason

type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer R}` ? P | Placeholders<R> : never

/** One reason: its code and exactly the parameters its template names. */
export type Reason = {
  [C in ReasonCode]: [Placeholders<(typeof reasonTemplates)[C]>] extends [never]
    ? { readonly code: C, readonly params?: undefined }
    : { readonly code: C, readonly params: Readonly<Record<Placeholders<(typeof reasonTemplates)[C]>, ReasonParam>> }
}[ReasonCode]

/** The step `event` (with its Chinese name), as a reason parameter. */
export function step(event: string, label: string): ReasonStep {
  return { event, label }
}

/** A list of data (material names, characters), joined the locale's way. */
export function isList(value: ReasonParam): value is readonly string[] {
  return Array.isArray(value)
}

export function isStep(value: ReasonParam): value is ReasonStep {
  return typeof value === 'object' && value !== null && 'event' in value
}

/** How a parameter reads in Chinese. */
function paramText(value: ReasonParam): string {
  if (typeof value === 'string' || typeof value === 'number')
    return String(value)
  if (isList(value))
    return value.join('、')
  return isStep(value) ? value.label : reasonText(value)
}

/** The reason in Chinese: the server's and the ledgers' wording, and the key staff resolve a flag by. */
export function reasonText(r: Reason | NestedReason): string {
  const template: string = reasonTemplates[r.code]
  const params = (r.params ?? {}) as Record<string, ReasonParam>
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? paramText(params[name] as ReasonParam) : whole))
}
