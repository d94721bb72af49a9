/** The phone page's own words, Chinese first and English second (the staff app's vue-i18n is not loaded here). */
import { fillPlaceholders } from '../pageText'
import type { RatingFailure } from './ratingApi'

export const ratingPageMessages = {
  'zh-CN': {
    title: '服务评价',
    intro: '评价自愿，您的评价将受到保护，只用于改进服务。',
    loading: '正在打开…',
    station: '服务站',
    item: '事项',
    staff: '服务人员',
    consultation: '咨询服务',
    overall: '整体满意度',
    dimensions: '分项评价（1–5 分）',
    reasons: '请选择原因（可多选）',
    comment: '意见建议（选填，500 字以内）',
    commentRequired: '选择“其他”时请填写具体意见',
    submit: '提交评价',
    submitting: '正在提交…',
    thanks: '感谢您的评价！',
    thanksHint: '您的评价已送达服务站。若为不满意评价，工作人员将在规定时间内回访。',
    needLevel: '请选择整体满意度',
    needDimensions: '请为服务态度、服务质量、服务效率分别打分',
    needReason: '选择不满意时，请至少选择一项原因',
    unknown: '评价二维码无效，或服务站尚未同步数据。请稍后再试，或向工作人员询问。',
    expired: '评价二维码已过有效期，感谢您的关注。',
    used: '本次服务已经评价过了（一次一评），感谢您的参与。',
    offline: '网络连接失败，请检查网络后重试。',
    server: '服务器暂时无法处理，请稍后重试。',
    retry: '重试',
    validUntil: '有效期至 {until}',
    language: 'English',
  },
  'en': {
    title: 'Rate the service',
    intro: 'Rating is voluntary and protected; it is used only to improve the service.',
    loading: 'Opening…',
    station: 'Station',
    item: 'Service',
    staff: 'Served by',
    consultation: 'Consultation',
    overall: 'Overall satisfaction',
    dimensions: 'Details (1–5)',
    reasons: 'Reasons (choose any)',
    comment: 'Comments (optional, up to 500 characters)',
    commentRequired: 'Please describe your reason when choosing “other”',
    submit: 'Submit',
    submitting: 'Submitting…',
    thanks: 'Thank you for your rating!',
    thanksHint: 'The station has received it. If you were dissatisfied, staff will call you back within the set time.',
    needLevel: 'Please choose your overall satisfaction',
    needDimensions: 'Please score attitude, quality and efficiency',
    needReason: 'Please choose at least one reason when dissatisfied',
    unknown: 'This rating code is not valid, or the station has not synced yet. Please try again later or ask the staff.',
    expired: 'This rating code has expired. Thank you all the same.',
    used: 'This service has already been rated (one rating per service). Thank you.',
    offline: 'No connection. Please check your network and try again.',
    server: 'The server cannot answer right now. Please try again later.',
    retry: 'Try again',
    validUntil: 'Valid until {until}',
    language: '中文',
  },
} as const

export type RatingPageLocale = keyof typeof ratingPageMessages
export type RatingPageKey = keyof typeof ratingPageMessages['zh-CN']

/** The message in `locale`, with {name} placeholders filled. */
export function pageText(locale: RatingPageLocale, key: RatingPageKey, params: Record<string, string> = {}): string {
  return fillPlaceholders(ratingPageMessages[locale][key], params)
}

/** What a failed call is called: the server's Chinese words in Chinese, the page's own otherwise. */
export interface RatingFailureNote {
  kind: RatingFailure
  message: string | null
}

/** How a failure is told in `locale`: a refused answer ('invalid') by the server's words or a generic line. */
export function failureText(locale: RatingPageLocale, f: RatingFailureNote): string {
  if (f.kind === 'invalid')
    return (locale === 'zh-CN' ? f.message : null) ?? pageText(locale, 'server')
  return locale === 'zh-CN' && f.message ? f.message : pageText(locale, f.kind)
}
