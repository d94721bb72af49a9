/**
 * Chinese templates of the reasons every fold shares (DESIGN §3): a step that did not apply, two records that
 * contradict each other, a record the fold cannot read, and resolving flags (issue 8 item 7). Released
 * wording: projections and recorded resolutions name a flag by this text, so it never changes.
 */
export const foldReasons = {
  'fold.notApplied': '{step}未生效：{why}',
  'fold.contradiction': '记录了相互矛盾的事实：{what}',
  'fold.conflict': '记录了相互矛盾的事实：{what}（以时间在先的记录为准）',
  'fold.conflictBetweenDevices': '两台设备记录了相互矛盾的事实：{what}（以时间在先的记录为准）',
  'fold.unknownType': '无法识别的记录类型 {type}（可能需要更新应用）',
  'fold.unknownVersion': '{step}记录的版本 v{version} 无法识别（可能需要更新应用）',
  'fold.malformed': '{step}记录的内容不符合格式，未生效',
  'fold.overruled': '工作人员已认定以另一条相互矛盾的记录为准，本条不再生效',
  'attention.nothingFlagged': '没有需要处理的提示',
  'attention.notCurrent': '所列提示不在当前提示中（可能已被处理）',
  'attention.overruleOnlyConflicts': '只能认定相互矛盾的记录中哪一条为准',
  'consultation.duplicateRecord': '同一咨询有两条登记记录',
  'consultation.notRecorded': '尚无咨询登记（记录时间早于登记，可能是设备时钟不准）',
  'consultation.answered': '咨询已当场答复',
  'consultation.replied': '咨询已答复',
  'consultation.twoReplies': '两次答复的内容不同',
  'consultation.referralDuesDiffer': '多次转交记录的答复期限不一致（以第一次转交为准）',
} as const
