/** Issue 14 item 7: 办结 records its result (准予 with the result document, 不予 with the reason), confirmed first. */
export default {
  title: '办结：记录办理结果',
  result: '办理结果',
  approved: '准予',
  notApproved: '不予',
  document: '结果文书名称',
  documentPlaceholder: '如：居民身份证、营业执照、准予行政许可决定书',
  documentNumber: '文号或编号（选填）',
  reason: '不予理由',
  reasonPlaceholder: '如：不符合申请条件（具体条款）',
  decisionNumber: '不予决定书文号（选填）',
  next: '下一步：确认',
  confirmTitle: '请确认办结结果',
  confirmHint: '办结后结果不能修改，将交付给群众并记入台账。',
  confirm: '确认办结',
  back: '返回修改',
  cancel: '取消',
  summary: {
    approved: '准予：{document}',
    notApproved: '不予：{reason}',
    number: '文号/编号：{number}',
    none: '办结时未记录结果',
  },
  errors: {
    result: '请选择准予或不予',
    document: '请填写结果文书名称',
    reason: '请填写不予理由',
  },
  print: {
    result: '办理结果',
  },
}
