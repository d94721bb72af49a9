import { describe, expect, it } from 'vitest'
import { LEDGER_D_COLUMNS, ledgerDRow } from '../../src/domain/ledgerD'
import { buildCase, ctx, intakeAccepted, intakeAwaitingSupplement, intakeCompletedLater, intakeCompletedSameDay, intakeReturned, step, steps } from './support/ledgerFixtures'

describe('annex D columns', () => {
  it('are exactly the annex\'s 16, in its order', () => {
    expect(LEDGER_D_COLUMNS.map(c => c.title)).toEqual(['序号', '时间', '便民服务站名称', '窗口', '事项所属', '姓名', '联系方式', '申请事项', '受理与否', '办理时限', '办件状态', '退件原因', '接件时间', '当日办结时间', '受理人员', '备注'])
    expect(new Set(LEDGER_D_COLUMNS.map(c => c.key)).size).toBe(16)
    expect(LEDGER_D_COLUMNS.every(c => c.titleEn.length > 0 && c.width > 0)).toBe(true)
  })
})

describe('annex D row of an intake case in each state', () => {
  it.each([
    ['accepted', intakeAccepted(), { acceptance: '受理', timeLimit: '15个工作日（至 2026-03-23）', caseStatus: '已受理', returnReason: '', sameDayCompletedTime: '', handler: '李娜' }],
    ['returned', intakeReturned(), { acceptance: '不予受理（退件）', timeLimit: '', caseStatus: '已退件', returnReason: '不属于本站受理范围', sameDayCompletedTime: '', handler: '王芳' }],
    ['awaiting supplement', intakeAwaitingSupplement(), { acceptance: '待补正', timeLimit: '', caseStatus: '待补正', returnReason: '', handler: '王芳', remarks: '缺：居民户口簿（已一次性告知）' }],
    ['completed the day it was received', intakeCompletedSameDay(), { acceptance: '受理', timeLimit: '即办（至 2026-03-02）', caseStatus: '已办结', sameDayCompletedTime: '16:30' }],
    ['completed on a later day', intakeCompletedLater(), { acceptance: '受理', caseStatus: '已办结', sameDayCompletedTime: '' }],
  ])('%s', (_name, state, expected) => {
    const row = ledgerDRow(state, ctx())
    expect(row).toMatchObject({
      seq: 1,
      date: '2026-03-02',
      stationName: '迎泽区柳巷便民服务站',
      window: '综合窗口',
      department: '公安机关',
      applicantName: '张*明',
      contact: '138****5678',
      itemName: '居民身份证换领(有效期满)',
      receivedTime: '09:00',
      caseId: state.id,
      ...expected,
    })
  })

  it('dates and times are CST even for a case received at 00:30 CST (the previous day in UTC and in the test zone)', () => {
    const state = buildCase(10, steps.received('intake', '2026-03-01T16:30:00Z', { promisedLimitWorkdays: 0 }), steps.checked('2026-03-02T08:00:00+08:00'), steps.accepted('2026-03-02T08:05:00+08:00', { dueAt: '2026-03-02T23:59:59.999+08:00' }), step('case.completed', '2026-03-02T10:00:00+08:00', { completedAt: '2026-03-02T09:59:00+08:00' }))
    expect(ledgerDRow(state, ctx())).toMatchObject({ date: '2026-03-02', receivedTime: '00:30', sameDayCompletedTime: '09:59' })
  })

  it('a completion after midnight CST is not 当日办结, even though it is the same UTC day', () => {
    const state = buildCase(11, steps.received('intake', '2026-03-02T22:00:00+08:00'), steps.checked('2026-03-02T22:05:00+08:00'), steps.accepted('2026-03-02T22:10:00+08:00'), step('case.completed', '2026-03-03T00:20:00+08:00', { completedAt: '2026-03-03T00:10:00+08:00' }))
    expect(ledgerDRow(state, ctx()).sameDayCompletedTime).toBe('')
  })

  it('marks a completion after the due as 超期, and an open case past its due at asOf as 已超期', () => {
    const late = buildCase(12, steps.received('intake'), steps.checked(), steps.accepted(), step('case.completed', '2026-03-24T09:00:00+08:00', { completedAt: '2026-03-24T09:00:00+08:00' }))
    expect(ledgerDRow(late, ctx()).caseStatus).toBe('已办结（超期）')
    expect(ledgerDRow(intakeAccepted(), ctx({ asOf: '2026-03-24T08:00:00+08:00' })).caseStatus).toBe('已受理（已超期）')
    expect(ledgerDRow(intakeAccepted(), ctx({ asOf: '2026-03-23T23:00:00+08:00' })).caseStatus).toBe('已受理')
  })

  it('says when the item has no promised limit; a due missing at acceptance is counted from it', () => {
    const noLimit = buildCase(13, steps.received('intake', '09:00', { promisedLimitWorkdays: null }), steps.checked(), steps.accepted('09:10', { dueAt: null }))
    expect(ledgerDRow(noLimit, ctx()).timeLimit).toBe('无承诺时限')
    const noDue = buildCase(14, steps.received('intake'), steps.checked(), steps.accepted('09:10', { dueAt: null }))
    expect(ledgerDRow(noDue, ctx()).timeLimit).toBe('15个工作日（至 2026-03-23）')
    expect(ledgerDRow(noDue, ctx()).remarks).not.toContain('需处理')
  })
})

describe('annex D row of 帮办 and 代办 cases (all received cases are in D)', () => {
  it('notes the kind in 备注: 帮办 with its modes, 代办, 帮办转代办', () => {
    const assisted = buildCase(20, steps.received('assisted'), steps.checked(), steps.accepted())
    expect(ledgerDRow(assisted, ctx()).remarks).toBe('帮办（陪同办理）')
    const proxy = buildCase(21, steps.received('proxy'), steps.checked(), steps.entrusted(), steps.accepted())
    expect(ledgerDRow(proxy, ctx()).remarks).toBe('代办')
    const converted = buildCase(22, steps.received('assisted'), steps.checked(), step('case.convertedToProxy', '10:00'))
    expect(ledgerDRow(converted, ctx()).remarks).toBe('帮办转代办（2026-03-02）')
  })

  it('notes an appointment, a posted handover and a conflict between tablets', () => {
    const state = buildCase(23,
      steps.received('intake', '09:00', { channel: 'appointment', appointmentId: 'appointment:01950000-0000-7000-8000-000000000001' }),
      steps.checked(),
      steps.accepted(),
      step('case.completed', '2026-03-20T15:10:00+08:00'),
      step('case.handedOver', '2026-03-20T16:00:00+08:00', { method: 'post', carrier: 'EMS', waybillNumber: '1100123456789', recipient: { name: '张小明', phone: '13812345678', address: '太原市迎泽区柳巷1号' }, eLicenceHintGiven: true }),
      step('case.returned', '2026-03-20T17:00:00+08:00', { reason: '材料不符' }),
    )
    const remarks = ledgerDRow(state, ctx()).remarks
    expect(remarks).toContain('网上预约')
    expect(remarks).toContain('邮寄送达（EMS 1100123456789）')
    expect(remarks).toContain('需处理：记录了相互矛盾的事实：受理与退件')
  })

  it('names the window per tablet when the station has several', () => {
    expect(ledgerDRow(intakeAccepted(), ctx({ windowByDevice: { 'tablet-A': '2号窗口' } })).window).toBe('2号窗口')
  })
})

describe('annex D masking', () => {
  it('masks name and contact by default and shows them in full only when masked is false', () => {
    expect(ledgerDRow(intakeAccepted(), ctx())).toMatchObject({ applicantName: '张*明', contact: '138****5678' })
    expect(ledgerDRow(intakeAccepted(), ctx({ masked: false }))).toMatchObject({ applicantName: '张小明', contact: '13812345678' })
  })

  it('an organisation keeps its name, its contact person is masked', () => {
    const org = buildCase(30, steps.received('intake', '09:00', { applicant: { type: 'organisation', name: '太原市迎泽区晋味餐饮有限公司', uscc: '91140100MA0K3XYZ1A', contactName: '李建国', contactPhone: '0351-4123456' } }))
    expect(ledgerDRow(org, ctx())).toMatchObject({ applicantName: '太原市迎泽区晋味餐饮有限公司（经办人 李*国）', contact: '035*****3456' })
    expect(ledgerDRow(org, ctx({ masked: false }))).toMatchObject({ applicantName: '太原市迎泽区晋味餐饮有限公司（经办人 李建国）', contact: '0351-4123456' })
  })

  it('an unknown staff id is shown as the id, not dropped', () => {
    expect(ledgerDRow(intakeAccepted(), ctx({ staffNames: {} })).handler).toBe('staff-li')
  })
})
