/**
 * Chinese templates of the oversight folds' reasons (5.4.2 inspections, call-backs, complaints, 7.2
 * rectification, DOMAIN.md 申诉复核): why a record did not apply or flags its stream. Released wording (see ../reason.ts).
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
  'inspection.unreadable': '无法读取的自查记录（{id}）',
  'inspection.twoChecklists': '同一次自查有两份检查表，以先记录的为准',
  'inspection.foreignType': '不属于自查的记录类型 {type}',
  'inspection.fixWithoutFinding': '整改记录对应的问题不存在',
  'followUp.unreadable': '无法读取的回访记录（{id}）',
  'followUp.foreignType': '不属于回访的记录类型 {type}',
  'followUp.otherSubject': '回访记录的对象不一致',
  'complaint.unreadable': '无法读取的投诉记录（{id}）',
  'complaint.recordedTwice': '同一投诉登记了两次，以先登记的为准',
  'complaint.handledBeforeRecorded': '处理结果早于投诉登记',
  'complaint.handlingUnreadable': '无法读取的处理结果（{id}）',
  'complaint.handledTwice': '投诉有两个处理结果，以先记录的为准',
  'complaint.foreignType': '不属于投诉的记录类型 {type}',
} as const
