import { useI18n } from 'vue-i18n'

/**
 * 承诺时限 in lists and on screens: 0 working days is 即办 (as ledger D says it), never "承诺 0 个工作日";
 * null (no limit) is ''. `key` words the other limits (default "承诺 {n} 个工作日").
 */
export function useLimitText(): (n: number | null, key?: string) => string {
  const { t } = useI18n()
  return (n, key = 'firstDay.limit.promised') => (n === null ? '' : n === 0 ? t('firstDay.limit.immediate') : t(key, { n }))
}
