/**
 * The catalogue of reasons a citizen may pick for a rating, by level (DOMAIN.md 好差评). Codes are stored
 * in events, so none is ever removed.
 */
import type { RatingLevel } from './scale'

/** A reason a citizen may pick; the code is stored, never removed from the catalogue (old events must stay valid). */
export interface RatingReason {
  code: string
  label: string
}

/** The reason that asks for the citizen's own words. */
export const OTHER: RatingReason = { code: 'other', label: '其他（请填写意见）' }
const GOOD: readonly RatingReason[] = [
  { code: 'warmService', label: '服务热情周到' },
  { code: 'toldAtOnce', label: '一次性告知清楚' },
  { code: 'doneInOneVisit', label: '一次办好，少跑腿' },
  { code: 'fastHandling', label: '办理快捷高效' },
  { code: 'professional', label: '业务熟练，解答专业' },
  { code: 'simpleProcess', label: '流程简便' },
  { code: 'nearby', label: '就近办理方便' },
  { code: 'helpfulAssistance', label: '帮办代办省心' },
  OTHER,
]
const FAIR: readonly RatingReason[] = [
  { code: 'basicallyAdequate', label: '服务基本到位' },
  { code: 'waitSomewhatLong', label: '等候时间稍长' },
  { code: 'guidanceCouldBeClearer', label: '告知解答不够清楚' },
  { code: 'processSomewhatComplex', label: '流程略显繁琐' },
  { code: 'materialsSomewhatMany', label: '所需材料较多' },
  OTHER,
]
const BAD: readonly RatingReason[] = [
  { code: 'poorAttitude', label: '服务态度差' },
  { code: 'notToldAtOnce', label: '未一次性告知，多次跑动' },
  { code: 'slowOrOverdue', label: '办理时间长或超时' },
  { code: 'unprofessional', label: '业务不熟，解答不清' },
  { code: 'extraMaterials', label: '要求提供清单以外的材料' },
  { code: 'complexProcess', label: '流程复杂' },
  { code: 'longWait', label: '排队等候时间长' },
  { code: 'notHandled', label: '该办的事没有办成' },
  OTHER,
]

/** DOMAIN.md 好差评: the reasons offered depend on the level chosen (good 4–5, fair 3, bad 1–2). */
export const ratingReasonsByLevel: Readonly<Record<RatingLevel, readonly RatingReason[]>> = { 5: GOOD, 4: GOOD, 3: FAIR, 2: BAD, 1: BAD }
