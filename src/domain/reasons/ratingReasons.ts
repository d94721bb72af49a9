/**
 * Chinese templates of the rating rules' reasons (6.3.3.4, DOMAIN.md 好差评, src/domain/rating). Released
 * wording (see ../reason.ts).
 */
export const ratingReasons = {
  'rating.alreadyRatedOnce': '已评价（一次一评）',
  'rating.declinedNoPrompt': '群众已表示不评价，不应再次邀请（评价自愿）',
  'rating.tokenExpiredAtMint': '凭证的有效期已过',
  'rating.staffCannotRate': '工作人员不能代替群众评价（须由群众在评价屏或扫码填写）',
  'rating.ratedTwice': '同一事项评价了两次（一次一评）',
  'rating.notPrompted': '没有邀请评价的记录（评价屏未打开）',
  'rating.scanWithStaff': '扫码评价不应带有工作人员身份',
  'rating.tokenInvalid': '评价凭证无效',
  'rating.tokenExpired': '评价凭证已过期',
  'rating.alreadyRated': '已评价',
  'rating.otherSubject': '评价对象不符',
  'rating.alreadyDeclined': '已记录不评价',
  'rating.streamMismatch': '评价记录与评价对象不符',
  'rating.followUpDueUnknown': '差评的回访期限未能计算（节假日安排可能未发布）',
} as const
