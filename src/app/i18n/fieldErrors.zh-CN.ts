/**
 * A server (or local) field error's reason by its code and limits (src/domain/fieldIssue.ts,
 * composables/useFieldErrorText.ts). The Chinese UI shows the server's own message; these are its words
 * only when a field error came without one. fieldErrors.en.ts has exactly these keys.
 */
export default {
  required: '必填',
  tooShort: '过短：至少 {minimum} 个字符',
  tooLong: '过长：最多 {maximum} 个字符',
  tooFewItems: '至少需要 {minimum} 项',
  tooManyItems: '最多 {maximum} 项',
  tooSmallNumber: '不能小于 {minimum}',
  tooBigNumber: '不能大于 {maximum}',
  tooEarly: '日期过早',
  tooLate: '日期过晚',
  invalidType: '缺少或类型不正确',
  invalidValue: '请选择所列的值之一',
  notMultipleOf: '数值不符合要求',
  unrecognizedKeys: '含有不接受的字段',
  format: {
    date: '不是有效的日期（YYYY-MM-DD）',
    datetime: '不是有效的日期时间',
    time: '不是有效的时间',
    uuid: '不是有效的编号',
    email: '不是有效的电子邮箱',
    url: '不是有效的网址',
    other: '格式不正确',
  },
  reason: {
    dateOrder: '结束日期不能早于开始日期',
  },
  exists: '已存在',
  immutable: '不能修改',
  outsideDivision: '不在本辖区内',
  missingColumn: '缺少该列',
  duplicate: '重复',
  unknownItem: '没有该事项',
  fallback: '该值不被接受',
}
