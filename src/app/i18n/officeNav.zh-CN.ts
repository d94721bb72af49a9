export default {
  metrics: '服务质量',
  stations: '便民服务站',
  applications: '设立变更撤销',
  catalog: '事项目录',
  inspections: '自查巡查',
  rectifications: '整改申诉',
  followUps: '回访与投诉',
  calendar: '节假日',
  accounts: '账号',
  audit: '操作日志',
  label: '主管机构功能',
  logout: '退出登录',
}
