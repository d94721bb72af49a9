import { describe, expect, it } from 'vitest'
import {
  idCardCheckChar,
  maskIdCard,
  maskMobile,
  maskName,
  normalizeMobile,
  usccCheckChar,
  validateContactPhone,
  validateIdCard,
  validateUscc,
} from '../../src/domain/identity'

const TODAY = '2026-11-26'

describe('validateIdCard (GB 11643-1999)', () => {
  it.each([
    ['11010519491231002X', '11010519491231002X', '1949-12-31', 'female'],
    ['440524188001010014', '440524188001010014', '1880-01-01', 'male'],
    ['11010519491231002x', '11010519491231002X', '1949-12-31', 'female'],
    [' 110105 19491231 002X ', '11010519491231002X', '1949-12-31', 'female'],
    ['１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X', '1949-12-31', 'female'],
    ['140105200002291230', '140105200002291230', '2000-02-29', 'male'],
    ['62010119850615321X', '62010119850615321X', '1985-06-15', 'male'],
    // 142201 is 忻州地区忻州市, abolished in 2000: old division codes are still valid numbers
    ['142201197001010019', '142201197001010019', '1970-01-01', 'male'],
    ['140101202601010019', '140101202601010019', '2026-01-01', 'male'],
    ['140105202611260017', '140105202611260017', '2026-11-26', 'male'],
    ['140105180001010016', '140105180001010016', '1800-01-01', 'male'],
  ])('accepts %j → %s', (input, value, birthDate, sex) => {
    expect(validateIdCard(input, TODAY)).toEqual({ ok: true, value, birthDate, sex })
  })

  it.each([
    ['', '请填写身份证号码'],
    ['   ', '请填写身份证号码'],
    ['11010519491231002', '身份证号码应为18位，当前为17位'],
    ['11010519491231002XX', '身份证号码应为18位，当前为19位'],
    ['110105491231002', '身份证号码应为18位，当前为15位'],
    ['11010519491231002Y', '身份证号码格式不正确：前17位应为数字，末位为数字或X'],
    ['1101051949123100X2', '身份证号码格式不正确：前17位应为数字，末位为数字或X'],
    ['110105194912310021', '身份证号码校验位不正确'],
    ['440524188001010015', '身份证号码校验位不正确'],
    ['11010519491231003X', '身份证号码校验位不正确'],
    ['140105190002300014', '身份证号码中的出生日期不是有效日期'],
    ['140105190012320019', '身份证号码中的出生日期不是有效日期'],
    ['140105199013011235', '身份证号码中的出生日期不是有效日期'],
    ['140105199000011236', '身份证号码中的出生日期不是有效日期'],
    ['140105179912310011', '身份证号码中的出生日期不是有效日期'],
    ['140105202701010011', '身份证号码中的出生日期晚于今天'],
    ['140105202611270012', '身份证号码中的出生日期晚于今天'],
  ])('rejects %j: %s', (input, reason) => {
    expect(validateIdCard(input, TODAY)).toMatchObject({ ok: false, reason, overridable: false, problem: { code: expect.stringMatching(/^identity\./) } })
  })

  it('checks the birth date against today in CST by default', () => {
    expect(validateIdCard('14010529990101001X')).toMatchObject({ ok: false, reason: '身份证号码中的出生日期晚于今天' })
    expect(validateIdCard('11010519491231002X').ok).toBe(true)
  })

  it.each([
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
    ['14010520000229123', '0'],
  ])('idCardCheckChar(%s) = %s', (first17, check) => {
    expect(idCardCheckChar(first17)).toBe(check)
  })
})

describe('validateUscc (GB 32100-2015)', () => {
  it.each([
    ['91350100M000100Y43', '91350100M000100Y43'],
    ['9144030071526726XG', '9144030071526726XG'], // 深圳市腾讯计算机系统有限公司
    ['91330100799655058B', '91330100799655058B'], // 阿里巴巴（中国）有限公司
    ['91140100MA0GRXXX02', '91140100MA0GRXXX02'],
    ['12140000405200003T', '12140000405200003T'],
    ['52140000MJ0000001J', '52140000MJ0000001J'],
    ['9144030071526726xg', '9144030071526726XG'],
    [' 9135 0100 M000 100Y 43 ', '91350100M000100Y43'],
    ['９１３５０１００Ｍ０００１００Ｙ４３', '91350100M000100Y43'],
  ])('accepts %j → %s', (input, value) => {
    expect(validateUscc(input)).toEqual({ ok: true, value })
  })

  it.each([
    ['', '请填写统一社会信用代码'],
    ['91350100M000100Y4', '统一社会信用代码应为18位，当前为17位'],
    ['91350100M000100Y433', '统一社会信用代码应为18位，当前为19位'],
    ['91350100M000100O43', '统一社会信用代码含有不允许的字符：O（不使用 I、O、S、V、Z）'],
    ['91350100I00S100Y43', '统一社会信用代码含有不允许的字符：I、S（不使用 I、O、S、V、Z）'],
    ['9135010_M000100Y43', '统一社会信用代码含有不允许的字符：_（不使用 I、O、S、V、Z）'],
  ])('rejects %j outright: %s', (input, reason) => {
    expect(validateUscc(input)).toMatchObject({ ok: false, reason, overridable: false, problem: { code: expect.stringMatching(/^identity\./) } })
  })

  it.each([
    ['91350100M000100Y44', '91350100M000100Y44'],
    ['9144030071526726X0', '9144030071526726X0'],
    ['91330100799655058c', '91330100799655058C'],
  ])('only warns about a wrong check character in %s, keeping the value for an override', (input, value) => {
    const result = validateUscc(input)
    expect(result).toMatchObject({ ok: false, overridable: true, value })
    expect(result.reason).toContain('校验位不正确')
  })

  it('only warns about letters where the division code belongs', () => {
    const first17 = '91AB0100M000100Y4'
    const result = validateUscc(first17 + usccCheckChar(first17))
    expect(result).toMatchObject({ ok: false, overridable: true })
    expect(result.reason).toContain('行政区划代码')
  })

  it.each([
    ['91350100M000100Y4', '3'],
    ['9144030071526726X', 'G'],
    ['91330100799655058', 'B'],
  ])('usccCheckChar(%s) = %s', (first17, check) => {
    expect(usccCheckChar(first17)).toBe(check)
  })
})

describe('normalizeMobile', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['0086-138-1234-5678', '13812345678'],
    ['  19912345678 ', '19912345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['＋86 13812345678', '13812345678'],
  ])('accepts %j → %s', (input, value) => {
    expect(normalizeMobile(input)).toEqual({ ok: true, value })
  })

  it.each([
    ['', '请填写手机号码'],
    ['1381234567', '手机号码应为11位，当前为10位'],
    ['138123456789', '手机号码应为11位，当前为12位'],
    ['12812345678', '手机号码应以13–19开头'],
    ['23812345678', '手机号码应以13–19开头'],
    ['8613812345678', '手机号码应为11位，当前为13位'],
    ['138l2345678', '手机号码只能包含数字'],
    ['0351-4123456', '手机号码应以13–19开头'],
  ])('rejects %j: %s', (input, reason) => {
    expect(normalizeMobile(input)).toMatchObject({ ok: false, reason, overridable: false, problem: { code: expect.stringMatching(/^identity\./) } })
  })
})

describe('validateContactPhone: a mobile or a landline with area code', () => {
  it.each([
    ['138 1234 5678', '13812345678', 'mobile'],
    ['+86 138-1234-5678', '13812345678', 'mobile'],
    ['0351-4123456', '0351-4123456', 'landline'],
    ['0755 86013388', '0755-86013388', 'landline'],
    ['(0351)7654321', '0351-7654321', 'landline'],
    ['（0351）7654321', '0351-7654321', 'landline'],
    ['010-87654321', '010-87654321', 'landline'],
    ['02287654321', '022-87654321', 'landline'],
    ['+86 351 4123456', '0351-4123456', 'landline'],
    ['0086 10 87654321', '010-87654321', 'landline'],
  ])('accepts %j → %s (%s)', (input, value, kind) => {
    expect(validateContactPhone(input)).toEqual({ ok: true, value, kind })
  })

  it.each([
    ['', '请填写联系电话'],
    ['4123456', '固定电话请加区号，例如 0351-4123456'],
    ['1234567', '手机号码应为11位，当前为7位'],
    ['0351-412345', '固定电话号码应为区号加7–8位号码，例如 0351-4123456'],
    ['0351-412345689', '固定电话号码应为区号加7–8位号码，例如 0351-4123456'],
    ['0351-0234567', '固定电话号码应为区号加7–8位号码，例如 0351-4123456'],
    ['1381234567', '手机号码应为11位，当前为10位'],
    ['0351-4123456转801', '联系电话只能包含数字'],
    ['0351-1234567', '固定电话号码应为区号加7–8位号码，例如 0351-4123456'],
  ])('rejects %j: %s', (input, reason) => {
    expect(validateContactPhone(input)).toMatchObject({ ok: false, reason, overridable: false, problem: { code: expect.stringMatching(/^identity\./) } })
  })
})

describe('masking for lists, ledgers, exports and prints', () => {
  it.each([
    ['110105194912311234', '110105********1234'],
    ['11010519491231002X', '110105********002X'],
    [' 440524188001010014 ', '440524********0014'],
    ['12345678901', '123456*8901'],
    ['1234567890', '**********'],
    ['123', '***'],
    ['', ''],
    [null, ''],
    [undefined, ''],
  ])('maskIdCard(%j) = %j', (input, masked) => {
    expect(maskIdCard(input)).toBe(masked)
  })

  it.each([
    ['13812345678', '138****5678'],
    ['+86 138-1234-5678', '138****5678'],
    ['0351-4123456', '035*****3456'],
    ['1234567', '*******'],
    ['', ''],
    [null, ''],
  ])('maskMobile(%j) = %j', (input, masked) => {
    expect(maskMobile(input)).toBe(masked)
  })

  it.each([
    ['张明', '张*'],
    ['张晓明', '张*明'],
    ['欧阳晓明', '欧**明'],
    ['买买提·艾力', '买****力'],
    [' 张明 ', '张*'],
    ['𠮷明', '𠮷*'],
    ['张𠮷明', '张*明'],
    ['张', '*'],
    ['', ''],
    [null, ''],
    [undefined, ''],
  ])('maskName(%j) = %j', (input, masked) => {
    expect(maskName(input)).toBe(masked)
  })

  it('never shows the middle of an ID number', () => {
    expect(maskIdCard('11010519491231002X')).not.toContain('19491231')
  })
})
