/** 5.2.2 / 5.2.4 papers: the promised time limit in words. */
import type { PrintTimeLimit } from '../office/catalogPrint'
import { useI18n } from 'vue-i18n'

/** 承诺时限 as the printed papers say it: 即办, n 个工作日, or 详询窗口. */
export function useTimeLimitText(): (limit: PrintTimeLimit) => string {
  const { t } = useI18n()
  return limit => (limit.kind === 'workdays' ? t('officeCatalog.print.workdays', { n: limit.n }) : t(`officeCatalog.print.${limit.kind}`))
}
