/** Issue 14 (first-day counter work): intake shortcuts, 帮办方式 at intake, and the screens around them. */
export default {
  home: {
    casesCount: '在办 {total} 件：已超期 {overdue} 件，今日到期 {today} 件，待补正 {waiting} 件',
    consultationsCount: '逾期 {overdue} 条，今日到期 {today} 条，之后到期 {later} 条',
    status: { received: '待核验材料', materialsComplete: '材料齐全待受理', awaitingSupplement: '待补正', accepted: '已受理（无承诺时限）', inProgress: '办理中', supplementRequested: '等待补充材料', suspended: '已中止' },
  },
  limit: {
    none: '无承诺时限',
    immediate: '即办',
    promised: '承诺 {n} 个工作日',
    immediateDue: '即办，应于 {date} 前办结',
  },
  notice: {
    materialNotes: '材料说明（仅工作人员可见）',
    applicant: '申请人',
    caseNumber: '办件编号',
    comeBackBy: '补正期限',
    comeBackByText: '请于 {date} 前携带上述材料到本站补正',
    bringHere: '携带到本站补交',
  },
  catalog: {
    groupCount: '{n} 项',
  },
  intake: {
    stepNo: '第{n}步：',
    assistModeTitle: '帮办方式（登记表必填）',
    assistModeRequired: '请选择帮办方式',
    sourceShown: '来源：{source}',
    allProvided: '全部已提供',
    allProvidedHint: '所有必需材料都已核对无误时点这里，直接进入下一步',
    markToSee: '逐项标记后，这里会显示材料是否齐全',
  },
  ledger: {
    moreColumns: '→ 还有 {n} 列',
    moreColumnsHint: '已显示 {shown} / {total} 列，左侧两列固定，左右滑动查看其余各列',
    allColumns: '已显示全部 {total} 列',
    backToStart: '← 回到第一列',
  },
}
