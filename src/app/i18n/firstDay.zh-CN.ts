/** Issue 14 (first-day counter work): intake shortcuts, 帮办方式 at intake, and the screens around them. */
export default {
  intake: {
    stepNo: '第{n}步：',
    assistModeTitle: '帮办方式（登记表必填）',
    assistModeRequired: '请选择帮办方式',
    sourceShown: '来源：{source}',
    allProvided: '全部已提供',
    allProvidedHint: '所有必需材料都已核对无误时点这里，直接进入下一步',
    markToSee: '逐项标记后，这里会显示材料是否齐全',
  },
}
