/** The options of a ChoiceRadios (ChoiceRadios.vue): each value with its label and its radio's data-test. */
export interface ChoiceOption<V> {
  value: V
  label: string
  /** `data-test` of the option's radio. */
  test?: string
}

/** Options from values: `label` words each one (through vue-i18n), `test` names its radio for tests. */
export function choiceOptions<const V extends string | boolean>(values: readonly V[], label: (value: V) => string, test?: (value: V) => string): ChoiceOption<V>[] {
  return values.map(value => (test ? { value, label: label(value), test: test(value) } : { value, label: label(value) }))
}
