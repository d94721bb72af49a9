/** The results page's own words, Chinese first and English second (the staff app's vue-i18n is not loaded here). */
import { fillPlaceholders } from '../pageText'

export const resultsPageMessages = {
  'zh-CN': {
    title: '评价结果公示',
    intro: '便民服务站及其工作人员的“好差评”结果，按统计期间公示。',
    stations: '便民服务站',
    noStations: '暂无公示的便民服务站',
    allStations: '全部服务站',
    period: '统计期间',
    from: '开始日期',
    to: '结束日期',
    apply: '查询',
    loading: '正在加载…',
    total: '评价总数',
    satisfied: '满意率（基本满意及以上）',
    bad: '差评（不满意、非常不满意）',
    noRatings: '暂无评价',
    excluded: '另有 {n} 条评价经申诉复核成立，已不计入统计。',
    byLevel: '按评价等级',
    level: '等级',
    count: '条数',
    share: '占比',
    byDimension: '分项评价',
    dimension: '评价内容',
    average: '平均分',
    dimensionSatisfied: '满意率',
    staff: '工作人员',
    staffResults: '工作人员评价结果',
    namesMasked: '姓名已按规定隐去部分。',
    noStaff: '本期间没有工作人员的评价',
    backToStation: '返回服务站',
    notFound: '找不到该便民服务站，或其结果未公示。',
    offline: '网络连接失败，请检查网络后重试。',
    server: '服务器暂时无法处理，请稍后重试。',
    invalid: '统计期间不正确',
    retry: '重试',
    chart: '各评价等级条数',
    language: 'English',
  },
  'en': {
    title: 'Published evaluation results',
    intro: 'Citizens’ ratings of the convenience stations and their staff, over a chosen period.',
    stations: 'Stations',
    noStations: 'No station publishes results yet',
    allStations: 'All stations',
    period: 'Period',
    from: 'From',
    to: 'To',
    apply: 'Show',
    loading: 'Loading…',
    total: 'Ratings',
    satisfied: 'Satisfied (fair or better)',
    bad: 'Dissatisfied',
    noRatings: 'No ratings yet',
    excluded: '{n} more rating(s) were excluded after an upheld appeal.',
    byLevel: 'By level',
    level: 'Level',
    count: 'Count',
    share: 'Share',
    byDimension: 'By aspect',
    dimension: 'Aspect',
    average: 'Average',
    dimensionSatisfied: 'Satisfied',
    staff: 'Staff member',
    staffResults: 'Results per staff member',
    namesMasked: 'Names are partly hidden.',
    noStaff: 'No staff member was rated in this period',
    backToStation: 'Back to the station',
    notFound: 'This station was not found, or it does not publish results.',
    offline: 'No connection. Please check your network and try again.',
    server: 'The server cannot answer right now. Please try again later.',
    invalid: 'The period is not valid',
    retry: 'Try again',
    chart: 'Ratings at each level',
    language: '中文',
  },
} as const

export type ResultsPageLocale = keyof typeof resultsPageMessages
export type ResultsPageKey = keyof typeof resultsPageMessages['zh-CN']

/** The level and dimension names in English (the domain holds the Chinese ones). */
export const englishLevels = { 5: 'Very satisfied', 4: 'Satisfied', 3: 'Fair', 2: 'Dissatisfied', 1: 'Very dissatisfied' } as const
export const englishDimensions = { attitude: 'Attitude', quality: 'Quality', efficiency: 'Efficiency' } as const

/** The message in `locale`, with {name} placeholders filled. */
export function resultsText(locale: ResultsPageLocale, key: ResultsPageKey, params: Record<string, string> = {}): string {
  return fillPlaceholders(resultsPageMessages[locale][key], params)
}
