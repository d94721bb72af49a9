/**
 * Chinese templates of the oversight folds' reasons (7.2 rectification, DOMAIN.md 申诉复核): why a step of a
 * rectification task or an appeal did not apply. Released wording (see ../reason.ts).
 */
export const oversightReasons = {
  'rectification.sourceMismatch': '整改任务与来源不符',
  'rectification.twoSources': '同一任务的来源不一致',
  'rectification.notOpened': '没有整改任务的记录',
  'rectification.closed': '整改任务已办结',
  'rectification.recheckByOffice': '复查须由主管机构作出',
  'appeal.ratingMismatch': '申诉与评价记录不符',
  'appeal.filedTwice': '该评价已申诉过（一次一申诉）',
  'appeal.notFiled': '没有申诉记录',
  'appeal.decided': '已作出复核结论',
  'appeal.decisionByOffice': '复核结论须由主管机构作出',
} as const
