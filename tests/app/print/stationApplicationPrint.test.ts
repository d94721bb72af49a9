/**
 * Annexes A, B and C on A4 (5.4.1): each form has exactly its annex's field labels, in the annex's order,
 * and every value cell shows the application's value (B: before and after).
 */
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { PrintableApplication } from '../../../src/app/components/print/PrintStationApplication.vue'
import PrintStationApplication from '../../../src/app/components/print/PrintStationApplication.vue'
import { createAppI18n } from '../../../src/app/i18n'

function render(application: PrintableApplication) {
  return mount(PrintStationApplication, { props: { application }, global: { plugins: [createAppI18n('zh-CN')] } })
}

function labels(wrapper: ReturnType<typeof render>): string[] {
  return wrapper.findAll('th').map(th => th.element.childNodes[0]?.textContent?.trim() ?? '')
}

function cell(wrapper: ReturnType<typeof render>, field: string): string {
  const found = wrapper.find(`[data-field="${field}"]`)
  if (!found.exists())
    throw new Error(`no value cell ${field}`)
  return found.text()
}

describe('the Annex A–C application forms in print', () => {
  it('Annex A 开设申请表: 申请单位, 联系人电话, 所在县(市、区), 便民服务站选址, 申请条件, 主管部门审核意见, 备注', () => {
    const wrapper = render({
      kind: 'open',
      fields: { applicantUnit: '晋城农商银行泽州支行', contactPhone: '0356-1234567', countyCode: '140525', site: '泽州县金村镇府城村 8 号', conditions: '人流量大，配备 2 名工作人员', remarks: '首批试点' },
      before: null,
      opinion: '同意设置为政务服务便民服务站',
      reviewDate: '2026-03-03',
    })
    expect(wrapper.find('h1').text()).toBe('政务服务便民服务站开设申请表')
    expect(labels(wrapper)).toEqual(['申请单位', '联系人电话', '所在县（市、区）', '便民服务站选址', '申请条件', '主管部门审核意见', '备注'])
    expect(cell(wrapper, 'applicantUnit')).toBe('晋城农商银行泽州支行')
    expect(cell(wrapper, 'contactPhone')).toBe('0356-1234567')
    expect(cell(wrapper, 'countyCode')).toBe('山西省晋城市泽州县')
    expect(cell(wrapper, 'site')).toBe('泽州县金村镇府城村 8 号')
    expect(cell(wrapper, 'conditions')).toBe('人流量大，配备 2 名工作人员')
    expect(cell(wrapper, 'opinion')).toBe('同意设置为政务服务便民服务站')
    expect(cell(wrapper, 'remarks')).toBe('首批试点')
    // Annex A's review cell has no date line.
    expect(wrapper.find('[data-field="reviewDate"]').exists()).toBe(false)
  })

  it('Annex B 变更申请表: the five lines before, the five after, the dated review and 备注', () => {
    const wrapper = render({
      kind: 'change',
      fields: { after: { applicantUnit: '测试银行新区支行', contactPhone: '0351-7654321', address: '小店区新址 9 号', countyCode: '140106', functions: '增加社保卡补办' }, remarks: '迁址' },
      before: { applicantUnit: '测试银行', contactPhone: '0351-1111111', address: '小店区旧址 1 号', countyCode: '140105', functions: '帮办代办 12 项事项' },
      opinion: '同意变更',
      reviewDate: '2026-03-04',
    })
    expect(wrapper.find('h1').text()).toBe('政务服务便民服务站变更申请表')
    expect(labels(wrapper)).toEqual(['申请单位', '联系电话', '便民服务站地址', '所在县（市、区）', '便民服务站原有功能', '变更后便民服务站情况', '申请单位', '联系电话', '便民服务站地址', '所在县（市、区）', '便民服务站功能变更内容', '主管部门审核意见', '备注'])
    expect(cell(wrapper, 'before.applicantUnit')).toBe('测试银行')
    expect(cell(wrapper, 'before.contactPhone')).toBe('0351-1111111')
    expect(cell(wrapper, 'before.address')).toBe('小店区旧址 1 号')
    expect(cell(wrapper, 'before.countyCode')).toBe('山西省太原市小店区')
    expect(cell(wrapper, 'before.functions')).toBe('帮办代办 12 项事项')
    expect(cell(wrapper, 'after.applicantUnit')).toBe('测试银行新区支行')
    expect(cell(wrapper, 'after.contactPhone')).toBe('0351-7654321')
    expect(cell(wrapper, 'after.address')).toBe('小店区新址 9 号')
    expect(cell(wrapper, 'after.countyCode')).toBe('山西省太原市迎泽区')
    expect(cell(wrapper, 'after.functions')).toBe('增加社保卡补办')
    expect(cell(wrapper, 'opinion')).toBe('同意变更')
    expect(cell(wrapper, 'reviewDate')).toBe('2026 年 3 月 4 日')
    expect(cell(wrapper, 'remarks')).toBe('迁址')
  })

  it('Annex C 注销申请表: 申请人姓名, 联系人电话, 所在县（市、区）, 便民服务站地址, 注销原因, the dated review, 备注', () => {
    const wrapper = render({
      kind: 'close',
      fields: { applicantName: '王晓燕', contactPhone: '13800000000', countyCode: '140502', address: '晋城市城区某路 1 号', reason: '网点撤并', remarks: '设备交回' },
      before: null,
      opinion: null,
      reviewDate: null,
    })
    expect(wrapper.find('h1').text()).toBe('政务服务便民服务站注销申请表')
    expect(labels(wrapper)).toEqual(['申请人姓名', '联系人电话', '所在县（市、区）', '便民服务站地址', '便民服务站注销原因', '主管部门审核意见', '备注'])
    expect(cell(wrapper, 'applicantName')).toBe('王晓燕')
    expect(cell(wrapper, 'contactPhone')).toBe('13800000000')
    expect(cell(wrapper, 'countyCode')).toBe('山西省晋城市城区')
    expect(cell(wrapper, 'address')).toBe('晋城市城区某路 1 号')
    expect(cell(wrapper, 'reason')).toBe('网点撤并')
    expect(cell(wrapper, 'remarks')).toBe('设备交回')
    // Not reviewed yet: the opinion is empty and the date line is the blank 年 月 日 to fill in by hand.
    expect(cell(wrapper, 'opinion')).toBe('')
    expect(cell(wrapper, 'reviewDate').replace(/\s/g, '')).toBe('年月日')
  })
})
