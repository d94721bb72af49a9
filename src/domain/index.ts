/**
 * The domain: the rules of the Shanxi standard "政务服务便民服务站建设与服务规范" as pure TypeScript.
 * Nothing here imports Vue, Dexie, Node built-ins or the DOM (lint and tsconfig.domain.json enforce it),
 * so the tablet and the central endpoint run the same rules and the same folds.
 *
 * Glossary (Chinese term — what it is here — the name the code uses; keep the two in step):
 * - 便民服务站 — convenience station: a counter in a bank, mall, post office or office building — `station`
 * - 政务服务管理机构 (本级) — the supervising government-service office — `office` (the office console, `/api/office`)
 * - 政务服务事项 / 办事指南 — service item and its official guide (materials, conditions, limits) — `serviceItem`
 * - 咨询 — a consultation (phone 来电 or visit 来访); 转办 referred to a department, 答复 the reply — `consultation`
 * - 帮办 — assisted handling: staff guide and help the citizen, who applies in person (Annex E) — `assisted`
 * - 代办 — proxy handling: staff apply on the citizen's behalf under an entrustment (Annex F) — `proxy`
 * - 收件 / 受理 — taking in an application / formal acceptance by the department — `received` / `accepted`
 * - 一次性告知单 — one-time notice sheet: everything required (or still missing) told at once, in writing — `oneTimeNotice`
 * - 收件回执 / 受理单 — acceptance receipt: number, materials, time, promised limit — `receipt`
 * - 委托书 — letter of entrustment for 代办 (principal, agent, items, powers, validity) — `entrustment`
 * - 中止 / 终止单 — suspension / termination (the termination sheet ends an entrustment) — `suspended` / `termination`
 * - 续办 (续办委托书) — renewal of an entrustment: a new number and a later validity, the case keeps its state — `renewed` / `renewals`
 * - 办结 / 办结单 — completion / completion sheet of a proxy case — `completed` / `completion`
 * - 送达 / 交接 — delivery of the result (in person or by post) / handover of materials — `handover`
 * - 好差评 — the five-level service evaluation (GB/T 39735), one per case; 差评 must be called back — `rating`
 * - 回访 — call-back to the citizen after a case or a bad rating — `followUp`
 * - 申诉复核 — appeal of a mistaken or malicious rating to the supervising office — `appeal`
 * - 工作台账 — work ledger: Annex D (every received case) and the annex registers E 帮办登记表, F 代办登记表 kept per station — `ledgerD`, `ledgerE`, `ledgerF`
 * - 台账完整 — ledger completeness: required cells filled (6.2.4) — `checkLedgerRow`
 * - 按时办结率 / 信息公开透明度 / 咨询投诉及时处理率 — the 6.2 quality rates — `onTimeCompletion` / `disclosureRate` / `consultationTimeliness`, `complaintTimeliness`
 * - 无到期办件 — nothing due in the period: a rate of null, never shown as 100% — `metricEmptyLabels`
 * - 工作日志 (6.3.3.2.3) — work log: every event of a record in order, who recorded it — `timeline`
 * - 帮办方式 — how a 帮办 case is helped (咨询指导/填表/材料准备/陪同办理/线上申报) — `assistMode`
 * - 委托人 / 受托人 / 权限 — principal / agent (staff) / powers (递交材料, 签署文书, 领取结果) of an entrustment — `principal` / `agent` / `powers`
 * - 材料交接清单 — material handover list (name, copies, original or copy) — `materials` (MaterialHandover)
 * - 办理中 / 补充材料 — proxy handling in progress / supplement asked for after acceptance — `inProgress` / `supplementRequested`
 * - 委托书编号 / 回执编号 — document numbers made offline: station + year + device slot + serial — `entrustmentNumber` / `receiptNumber`
 * - 一次一评 — one evaluation per case or consultation — `ratingStreamFor`
 * - 评价屏 / 扫码评价 — the customer-facing rating screen / rating on the citizen's phone via a one-time QR token — `counter` / `qr`
 * - 今日到期 / 已超期 — due today / overdue (home screen) — `dueToday` / `overdue`
 * - 工作日 — working day: Mon–Fri that is not a statutory holiday, or a weekend make-up day — `isWorkday`
 * - 法定节假日 — statutory holiday (放假) in the State Council's yearly schedule — `holidays`
 * - 调休 (调休上班) — make-up working day: a weekend day worked in exchange for a longer holiday — `workdays`
 * - 居民身份证号码 — resident ID number (GB 11643) — `idCard`; 统一社会信用代码 — unified social credit code (GB 32100) — `uscc`
 * - 行政区划代码 / 所在县(市、区) — GB/T 2260 division code / the station's county-level unit — `division`
 * - 特殊群体 — special groups (elderly, disabled, …) offered priority help — `specialGroup`
 * - 导出 / 查看完整信息 — a full-value export / reveal of personal data, recorded with its reason — `audit.exported` / `audit.revealed`
 * - 自查 / 巡查 / 整改 — self-inspection by the station / inspection by the office / fixing a finding — `inspection.recorded` (kind self/office) / `inspection.fixed`
 * - 脱敏 — masking of personal data in lists, ledgers, exports and prints — `mask*`
 * - 同步异常 (需处理) — what needs attention after sync: `attention`, which is two things named apart —
 *   服务器拒收 an event the server rejected (`rejected`: rejectedRepo, SyncStatus.rejectedCount) and
 *   记录冲突 a record whose facts conflict in the fold (`conflict`: the fold's `needsAttention` flag)
 * - 中国标准时间 — China Standard Time (UTC+8), the civil day of every deadline — `Cst` (src/domain/calendar)
 */
export * from './audit'
export * from './calendar'
export * from './case'
export * from './consultation'
export * from './disclosure'
export * from './divisions'
export * from './dueStatus'
export * from './events'
export * from './eventTypes'
export * from './followUp'
export * from './identity'
export * from './inspection'
export * from './ledger'
export * from './ledgerCompleteness'
export * from './ledgerD'
export * from './ledgerE'
export * from './ledgerF'
export * from './ledgerFilter'
export * from './metricPeriods'
export * from './metrics'
export * from './rating'
export * from './receipt'
export * from './staffing'
export * from './auth/pinPolicy'
export * from './stationApplication'
