/**
 * Chinese templates of the validators' reasons (DOMAIN.md "Validators and masking": 居民身份证号码,
 * 统一社会信用代码, mobile and landline numbers; 5.3 the staff PIN policy). Released wording (see ../reason.ts):
 * the server puts it in its 400 field errors.
 */
export const identityReasons = {
  'identity.idCardRequired': '请填写身份证号码',
  'identity.idCardLength': '身份证号码应为18位，当前为{length}位',
  'identity.idCardFormat': '身份证号码格式不正确：前17位应为数字，末位为数字或X',
  'identity.idCardBirthInvalid': '身份证号码中的出生日期不是有效日期',
  'identity.idCardBirthFuture': '身份证号码中的出生日期晚于今天',
  'identity.idCardCheck': '身份证号码校验位不正确',
  'identity.usccRequired': '请填写统一社会信用代码',
  'identity.usccLength': '统一社会信用代码应为18位，当前为{length}位',
  'identity.usccCharacters': '统一社会信用代码含有不允许的字符：{characters}（不使用 I、O、S、V、Z）',
  'identity.usccDivision': '统一社会信用代码第3–8位应为行政区划代码（数字），请核对；确认无误可继续',
  'identity.usccCheck': '统一社会信用代码校验位不正确，请核对；确认与证照一致可继续',
  'identity.mobileRequired': '请填写手机号码',
  'identity.mobileDigits': '手机号码只能包含数字',
  'identity.mobileLength': '手机号码应为11位，当前为{length}位',
  'identity.mobilePrefix': '手机号码应以13–19开头',
  'identity.phoneRequired': '请填写联系电话',
  'identity.phoneDigits': '联系电话只能包含数字',
  'identity.landlineArea': '固定电话请加区号，例如 0351-4123456',
  'identity.landlineFormat': '固定电话号码应为区号加7–8位号码，例如 0351-4123456',
  'pin.empty': '请设置PIN',
  'pin.notDigits': 'PIN只能由数字组成',
  'pin.tooShort': 'PIN至少{min}位数字',
  'pin.tooLong': 'PIN不能超过{max}位数字',
  'pin.repeated': 'PIN过于简单（不能是重复的数字，如111111、121212）',
  'pin.sequence': 'PIN过于简单（不能是连续的数字，如123456、654321）',
} as const
