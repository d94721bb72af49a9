import type { CaseState } from '../../src/domain/case'
import { describe, expect, it } from 'vitest'
import { ratingsBySubject } from '../../src/domain/ledger'
import { inLedgerE, LEDGER_E_COLUMNS, ledgerERow } from '../../src/domain/ledgerE'
import { inLedgerF, LEDGER_F_COLUMNS, ledgerFRow } from '../../src/domain/ledgerF'
import { INCOMPLETE_CHECK } from './support/eventFactory'
import { assistedConverted, assistedWithModes, buildCase, ctx, declined, rated, step, steps } from './support/ledgerFixtures'

describe('annex E and F columns', () => {
  it('are DOMAIN.md\'s, in order', () => {
    expect(LEDGER_E_COLUMNS.map(c => c.title)).toEqual(['序号', '日期时间', '便民服务站', '服务对象姓名', '证件号码', '联系电话', '特殊群体', '帮办事项', '事项所属部门', '帮办方式', '结果', '帮办人员', '服务对象确认', '满意度', '备注'])
    expect(LEDGER_F_COLUMNS.map(c => c.title)).toEqual(['序号', '委托日期', '委托人', '代办事项', '委托书编号', '材料交接清单', '代办人员', '承诺办结日期', '状态', '办结日期', '送达方式', '领取人签字', '中止或终止原因', '回访日期及结果', '备注'])
  })
})

describe('annex E 帮办登记表 rows', () => {
  it('a 帮办 case with two modes, an elderly applicant, masked', () => {
    const state = assistedWithModes()
    expect(ledgerERow(state, ctx())).toMatchObject({
      seq: 1,
      dateTime: '2026-03-02 09:00',
      stationName: '迎泽区柳巷便民服务站',
      clientName: '张*明',
      idNumber: '110105********002X',
      phone: '138****5678',
      specialGroups: '老年人',
      itemName: '居民身份证换领(有效期满)',
      department: '公安机关',
      assistModes: '陪同办理、填表',
      result: '受理',
      assistants: '王芳、李娜',
      clientConfirmation: '',
      satisfaction: '',
      remarks: '',
    })
    expect(ledgerERow(state, ctx({ masked: false }))).toMatchObject({ clientName: '张小明', idNumber: '11010519491231002X', phone: '13812345678' })
  })

  it.each([
    ['returned', [step('case.returned', '09:20', { reason: '非本站事项' })], '不予受理：非本站事项'],
    ['one-time notice given', [step('case.materialsChecked', '09:05', INCOMPLETE_CHECK)], '一次性告知'],
    ['missing materials, no notice yet', [step('case.materialsChecked', '09:05', { ...INCOMPLETE_CHECK, noticeIssued: false })], '待补正'],
    ['received only', [], '待受理'],
    ['completed', [steps.checked(), steps.accepted(), step('case.completed', '2026-03-20T15:10:00+08:00')], '办结'],
  ])('结果 when %s', (_name, more, result) => {
    const state = buildCase(40, steps.received('assisted'), ...more)
    expect(ledgerERow(state, ctx()).result).toBe(result)
  })

  it('满意度 from the case\'s rating: a level, 不评价, or empty when never asked', () => {
    const state = assistedWithModes()
    expect(ledgerERow(state, ctx({ ratings: ratingsBySubject([rated(state.id, 4)]) })).satisfaction).toBe('满意')
    expect(ledgerERow(state, ctx({ ratings: ratingsBySubject([declined(state.id)]) })).satisfaction).toBe('不评价')
    expect(ledgerERow(state, ctx({ ratings: ratingsBySubject([rated('case:01950000-0000-7000-8000-0000000000ff', 1)]) })).satisfaction).toBe('')
  })

  it('服务对象确认 when the result was collected in person with a signature', () => {
    const state = buildCase(41, steps.received('assisted'), steps.checked(), steps.accepted(), step('case.completed', '2026-03-20T15:10:00+08:00'), step('case.handedOver', '2026-03-20T16:00:00+08:00'))
    expect(ledgerERow(state, ctx()).clientConfirmation).toBe('已签字（领取结果）')
  })

  it('a case converted to 代办 stays in E with the conversion noted, and is in F too', () => {
    const state = assistedConverted()
    expect(inLedgerE(state)).toBe(true)
    expect(inLedgerF(state)).toBe(true)
    expect(ledgerERow(state, ctx()).remarks).toBe('已于 2026-03-02 转为代办：群众行动不便，申请改为代办（见代办登记表）')
    expect(ledgerFRow(state, ctx())).toMatchObject({ status: '待受理', entrustedDate: '', entrustmentNumber: '', agent: '王芳', remarks: '由帮办转为代办（2026-03-02）：群众行动不便，申请改为代办；尚未签订委托书' })
  })

  it('intake and 代办 cases are not in E; intake and 帮办 cases are not in F', () => {
    expect(inLedgerE(buildCase(42, steps.received('intake')))).toBe(false)
    expect(inLedgerE(buildCase(43, steps.received('proxy')))).toBe(false)
    expect(inLedgerF(buildCase(44, steps.received('intake')))).toBe(false)
    expect(inLedgerF(buildCase(45, steps.received('assisted')))).toBe(false)
  })
})

const proxy = (...more: Parameters<typeof buildCase>[1][]): CaseState => buildCase(50, steps.received('proxy'), steps.checked(), steps.entrusted(), ...more)
const accepted = steps.accepted()
const inProgress = step('case.inProgress', '2026-03-03T09:00:00+08:00')
const completed = step('case.completed', '2026-03-20T15:10:00+08:00')

describe('annex F 代办登记表 rows through the 代办 states', () => {
  it('entrusted, not yet accepted: the 委托书 columns, no promised date', () => {
    expect(ledgerFRow(proxy(), ctx())).toMatchObject({
      seq: 1,
      entrustedDate: '2026-03-02',
      principal: '张*明（110105********002X，电话 138****5678）',
      itemNames: '居民身份证换领(有效期满)',
      entrustmentNumber: 'TY01-WT-2026-A-0001',
      materials: '原居民身份证 1份（原件）；居民户口簿 1份（原件）',
      agent: '王芳',
      promisedDate: '',
      status: '待受理',
      completedDate: '',
      delivery: '',
      recipientSignature: '',
      stopReason: '',
      followUp: '',
      remarks: '委托书有效期至 2026-04-30',
    })
  })

  it('shows the principal in full only unmasked', () => {
    expect(ledgerFRow(proxy(), ctx({ masked: false })).principal).toBe('张小明（11010519491231002X，电话 13812345678）')
  })

  it.each([
    ['accepted', [accepted], '受理'],
    ['in progress', [accepted, inProgress], '办理中'],
    ['supplement requested', [accepted, inProgress, step('case.supplementRequested', '2026-03-05T10:00:00+08:00')], '办理中（待补充材料）'],
    ['suspended', [accepted, inProgress, step('case.suspended', '2026-03-06T10:00:00+08:00')], '中止'],
    ['renewed while in progress', [accepted, inProgress, step('case.renewed', '2026-03-10T10:00:00+08:00')], '续办（办理中）'],
    ['terminated', [accepted, inProgress, step('case.terminated', '2026-03-07T10:00:00+08:00')], '终止'],
    ['completed', [accepted, inProgress, completed], '办结'],
  ])('状态 when %s', (_name, more, status) => {
    const state = proxy(...more)
    expect(state.needsAttention).toBe(false)
    const row = ledgerFRow(state, ctx())
    expect(row.status).toBe(status)
    expect(row.promisedDate).toBe('2026-03-23')
  })

  it('lists supplements received after the 委托书 materials', () => {
    const state = proxy(accepted, inProgress, step('case.supplementRequested', '2026-03-05T10:00:00+08:00'), step('case.supplementReceived', '2026-03-06T10:00:00+08:00'))
    expect(ledgerFRow(state, ctx())).toMatchObject({ status: '办理中', materials: '原居民身份证 1份（原件）；居民户口簿 1份（原件）；补充：近期免冠照片 2份（原件）' })
  })

  it('中止或终止原因: each suspension with its resumption, then the termination', () => {
    const state = proxy(accepted, inProgress, step('case.suspended', '2026-03-06T10:00:00+08:00'), step('case.resumed', '2026-03-09T10:00:00+08:00'), step('case.terminated', '2026-03-10T10:00:00+08:00'))
    expect(ledgerFRow(state, ctx()).stopReason).toBe('中止（2026-03-06）：委托人住院，暂无法到场，2026-03-09 恢复办理；终止（2026-03-10，委托人提出）：委托人撤回委托')
  })

  it('委托书编号 lists each 续办委托书 with its validity', () => {
    const state = proxy(accepted, step('case.renewed', '2026-03-10T10:00:00+08:00'))
    expect(ledgerFRow(state, ctx())).toMatchObject({ entrustmentNumber: 'TY01-WT-2026-A-0001；续办 TY01-WT-2026-A-0002（至 2026-06-30）', remarks: '委托书有效期至 2026-06-30' })
  })

  it('completed and handed over by post: 送达方式 with the waybill, no signature', () => {
    const state = proxy(accepted, inProgress, completed, step('case.handedOver', '2026-03-21T10:00:00+08:00', { method: 'post', carrier: 'EMS', waybillNumber: '1100123456789', recipient: { name: '张小明', phone: '13812345678', address: '太原市迎泽区柳巷1号' }, eLicenceHintGiven: true }))
    expect(ledgerFRow(state, ctx())).toMatchObject({ status: '办结', completedDate: '2026-03-20', delivery: '邮寄（EMS 1100123456789）', recipientSignature: '无（邮寄）' })
  })

  it('handed over in person: 签字已存 with a signature, 无 without', () => {
    const signed = proxy(accepted, completed, step('case.handedOver', '2026-03-21T10:00:00+08:00'))
    expect(ledgerFRow(signed, ctx())).toMatchObject({ delivery: '当面', recipientSignature: '签字已存' })
    const unsigned = proxy(accepted, completed, step('case.handedOver', '2026-03-21T10:00:00+08:00', { method: 'inPerson', recipient: { name: '张小明', identityChecked: true }, eLicenceHintGiven: false }))
    expect(ledgerFRow(unsigned, ctx()).recipientSignature).toBe('无')
  })

  it('回访日期及结果: the call-backs first, else the citizen\'s rating, a 差评 with its call-back due', () => {
    const state = proxy(accepted, completed)
    const followUps = new Map([[state.id, [{ subject: state.id, at: '2026-03-25T10:00:00+08:00', result: '已电话回访，群众表示满意' }]]])
    expect(ledgerFRow(state, ctx({ followUps })).followUp).toBe('2026-03-25：已电话回访，群众表示满意')
    expect(ledgerFRow(state, ctx({ ratings: ratingsBySubject([rated(state.id, 5)]) })).followUp).toBe('2026-03-20 评价：非常满意')
    expect(ledgerFRow(state, ctx({ ratings: ratingsBySubject([rated(state.id, 2, '2026-03-20T16:00:00+08:00', '2026-04-10T23:59:59.999+08:00')]) })).followUp).toBe('2026-03-20 评价：不满意（差评，应于 2026-04-10 前回访）')
  })

  it('an organisation principal shows its 统一社会信用代码 in full and masks its contact', () => {
    const org = { type: 'organisation', name: '太原市迎泽区晋味餐饮有限公司', uscc: '91140100MA0K3XYZ1A', contactName: '李建国', contactPhone: '13912345678' }
    const state = buildCase(51, steps.received('proxy', '09:00', { applicant: org }), steps.checked(), step('case.entrusted', '09:08', { principal: org }))
    expect(ledgerFRow(state, ctx()).principal).toBe('太原市迎泽区晋味餐饮有限公司（经办人 李*国）（统一社会信用代码 91140100MA0K3XYZ1A，电话 139****5678）')
  })
})
