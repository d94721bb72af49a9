export default {
  title: '需处理的提示',
  chooseStanding: '以哪一条记录为准？',
  keptNow: '目前生效',
  refusedNow: '目前未生效',
  note: '核实情况（必填）',
  notePlaceholder: '例如：已电话核实，受理有效，另一台平板的退件为误操作',
  confirmChoice: '确认以所选记录为准',
  confirmChecked: '已核实，标记为已处理',
  saved: '已记录处理结果',
}
