/**
 * 6.2.4 台账完整: which cells of each ledger must be filled, and which rows miss some. A requirement may
 * hold only in some states (办理时限 once accepted, 退件原因 once returned …); `when` says so in Chinese
 * for the screen that explains a flag.
 *
 * A cell that only says the value is unknown (到期日未能计算) or absent (领取人签字 无) counts as missing.
 *
 * Not required: D 窗口 and 当日办结时间 (empty unless completed the same day) and 备注; E 特殊群体,
 * 服务对象确认 and 满意度 (rating is voluntary, DOMAIN.md 好差评); F 送达方式 until handed over and
 * 回访日期及结果 (not every case is called back).
 */
import type { LedgerKind } from './ledger'
import type { LedgerDRow } from './ledgerD'
import type { LedgerERow } from './ledgerE'
import type { LedgerFRow } from './ledgerF'
import type { LedgerRowByKind } from './ledgerFilter'
import { LEDGER_D_COLUMNS, ledgerDAcceptanceLabels } from './ledgerD'
import { LEDGER_E_COLUMNS } from './ledgerE'
import { LEDGER_F_COLUMNS, ledgerFStatusLabels } from './ledgerF'

/** 6.2.4: one required cell of a ledger, and when it is required (always when `when` is absent). */
export interface LedgerRequirement<R> {
  key: keyof R & string
  /** Chinese: in which rows it is required, e.g. '已受理的办件'. */
  whenText?: string
  when?: (row: R) => boolean
  /** A filled value that still means "not recorded" (e.g. 领取人签字 '无'). */
  missingValues?: readonly string[]
}

const accepted = (row: { receiptNumber: string | null }): boolean => row.receiptNumber !== null
const entrusted = (row: LedgerFRow): boolean => row.receiptNumber !== null || row.status === ledgerFStatusLabels.terminated

/** 6.2.4, Annex D: the 工作台账 cells that must be filled. */
export const LEDGER_D_REQUIRED: readonly LedgerRequirement<LedgerDRow>[] = [
  { key: 'date' },
  { key: 'stationName' },
  { key: 'department' },
  { key: 'applicantName' },
  { key: 'contact' },
  { key: 'itemName' },
  { key: 'acceptance' },
  { key: 'timeLimit', whenText: '已受理的办件', when: accepted },
  { key: 'caseStatus' },
  { key: 'returnReason', whenText: '不予受理（退件）的办件', when: row => row.acceptance === ledgerDAcceptanceLabels.returned },
  { key: 'receivedTime' },
  { key: 'handler' },
]

/** 6.2.4, Annex E: the 帮办登记表 cells that must be filled. */
export const LEDGER_E_REQUIRED: readonly LedgerRequirement<LedgerERow>[] = [
  { key: 'dateTime' },
  { key: 'stationName' },
  { key: 'clientName' },
  { key: 'idNumber' },
  { key: 'phone' },
  { key: 'itemName' },
  { key: 'department' },
  { key: 'assistModes' },
  { key: 'result' },
  { key: 'assistants' },
]

/** 6.2.4, Annex F: the 代办登记表 cells that must be filled. */
export const LEDGER_F_REQUIRED: readonly LedgerRequirement<LedgerFRow>[] = [
  { key: 'entrustedDate', whenText: '已受理或已终止的代办', when: entrusted },
  { key: 'principal' },
  { key: 'itemNames' },
  { key: 'entrustmentNumber', whenText: '已受理或已终止的代办', when: entrusted },
  { key: 'materials', whenText: '已受理或已终止的代办', when: entrusted },
  { key: 'agent' },
  { key: 'promisedDate', whenText: '已受理的代办', when: accepted },
  { key: 'status' },
  { key: 'completedDate', whenText: '已办结的代办', when: row => row.status === ledgerFStatusLabels.completed },
  { key: 'recipientSignature', whenText: '已当面送达的代办', when: row => row.delivery === '当面', missingValues: ['无'] },
  { key: 'stopReason', whenText: '中止或终止的代办', when: row => row.status.includes(ledgerFStatusLabels.suspended) || row.status === ledgerFStatusLabels.terminated },
]

/** The required cells of each ledger. */
export const ledgerRequirements: { readonly [K in LedgerKind]: readonly LedgerRequirement<LedgerRowByKind[K]>[] } = {
  D: LEDGER_D_REQUIRED,
  E: LEDGER_E_REQUIRED,
  F: LEDGER_F_REQUIRED,
}

const columnsOf = { D: LEDGER_D_COLUMNS, E: LEDGER_E_COLUMNS, F: LEDGER_F_COLUMNS } as const

/** Cells that are filled in form but say the value could not be found (a due date not computable). */
const UNKNOWN = /未能计算/

/** 6.2.4: the Chinese titles of the required cells a ledger row lacks, in column order; [] when complete. */
export function checkLedgerRow<K extends LedgerKind>(kind: K, row: LedgerRowByKind[K]): string[] {
  const requirements = ledgerRequirements[kind] as readonly LedgerRequirement<LedgerRowByKind[K]>[]
  const missing = new Set<string>()
  for (const r of requirements) {
    if (r.when && !r.when(row))
      continue
    const value = row[r.key]
    if (value === null || value === undefined || (typeof value === 'string' && (value.trim() === '' || UNKNOWN.test(value) || r.missingValues?.includes(value.trim()))))
      missing.add(r.key)
  }
  return columnsOf[kind].filter(c => missing.has(c.key)).map(c => c.title)
}

/** 6.2.4: a ledger row flagged incomplete, with the titles of what it lacks. */
export interface LedgerRowFlag {
  caseId: string
  seq: number
  missing: string[]
}

/** 6.2.4: the incomplete rows of a ledger listing, with what each lacks. */
export function incompleteLedgerRows<K extends LedgerKind>(kind: K, rows: readonly LedgerRowByKind[K][]): LedgerRowFlag[] {
  const flags: LedgerRowFlag[] = []
  for (const row of rows) {
    const missing = checkLedgerRow(kind, row)
    if (missing.length > 0)
      flags.push({ caseId: row.caseId, seq: row.seq, missing })
  }
  return flags
}
