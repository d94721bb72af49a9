/**
 * Issue 13 item 5: what staff read comes from src/app/i18n, so the English UI shows no Chinese. Every
 * string, template and regular-expression literal in an app .ts file or .vue script outside i18n is read (comments are
 * not): one with Chinese in it must be on the list below, which names genuine data — the standard's own
 * documents and vocabulary, file formats, text the app parses — never a message to staff. src/domain is read
 * the same way: its rules give reason codes, and its remaining Chinese is listed by file with why.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = join(process.cwd(), 'src/app')
const HAN = /[\u4E00-\u9FFF]/

/** Whole files that are dictionaries of their own: the public pages do not load the staff app's vue-i18n. */
const DICTIONARIES: Record<string, string> = {
  'public/booking/messages.ts': 'the booking page\'s zh-CN/en dictionary',
  'public/rating/messages.ts': 'the rating page\'s zh-CN/en dictionary',
  'public/results/messages.ts': 'the results page\'s zh-CN/en dictionary',
}

/** Literals that are data, by file: the text of each literal (a template's pieces one by one). */
const DATA: Record<string, { why: string, literals: string[] }> = {
  'catalog/citizenPaper.ts': { why: 'patterns matched in the catalog\'s Chinese source text', literals: ['[（(][^（）()]*指南[^（）()]*[）)]', '[县市区省州旗]指南|指南未注明'] },
  'stores/ledgers.ts': { why: 'a cell of annex D, the standard\'s Chinese ledger', literals: ['综合窗口'] },
  'device/deviceName.ts': { why: 'the device name sent to the server at enrollment', literals: ['平板', '终端', '便民站台'] },
  'export/download.ts': { why: 'a file name', literals: ['导出'] },
  'case/caseActions.ts': { why: 'the material form, a domain enum value', literals: ['原件'] },
  'office/catalogDraft.ts': { why: 'the material form, a domain enum value', literals: ['原件'] },
  'ledger/ledgerPeriod.ts': { why: 'titles of the standard\'s annex ledgers, printed and exported as the standard names them', literals: ['至', '工作台账', '帮办登记表', '代办登记表', '附录'] },
  'sync/transfer.ts': { why: 'the export file\'s name', literals: ['未上传数据-'] },
  'intake/materialChecklist.ts': {
    why: 'the material form enum and the one-time notice\'s supply instructions, recorded in events and printed for the citizen',
    literals: ['原件', '向', '申请开具后，携带到本站补交', '携带到本站补交', '择一：', '以上材料提供其中任意一项即可：'],
  },
  'views/office/OfficeCalendarView.vue': { why: 'the calendar file\'s example (a State Council notice number is Chinese) and the template\'s file name', literals: ['{"year": 2027, "holidays": ["2027-01-01", "…"], "workdays": ["2027-02-14", "…"], "source": "国办发明电〔2026〕…号"}', '节假日安排模板_'] },
  'views/office/OfficeCatalogView.vue': { why: 'the catalog files\' names', literals: ['服务事项导入模板', '服务事项目录'] },
  'calendar/calendarXlsx.ts': { why: 'the sheet name of the calendar template file', literals: ['年节假日'] },
  'calendar/calendarImport.ts': {
    why: 'the calendar spreadsheet\'s column headers and day types (the file format), and the template\'s example rows',
    literals: ['日期', '类型', '说明', '放假', '上班', '^(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?$', '休', '休息', '班', '调休上班', '元旦', '国庆节', '国庆节调休上班（应为周六或周日）'],
  },
}

function appFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory())
      return entry.name === 'i18n' ? [] : appFiles(path)
    return (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) || entry.name.endsWith('.vue') ? [path] : []
  })
}

/** A file's script as TypeScript: a .vue file's <script> blocks (templates word everything through t()), lines kept. */
function scriptOf(path: string): string {
  const text = readFileSync(path, 'utf8')
  if (!path.endsWith('.vue'))
    return text
  // Blank everything outside <script> blocks but keep line breaks, so reported lines are the file's own.
  let out = ''
  let last = 0
  for (const m of text.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/g)) {
    const start = (m.index ?? 0) + (m[1]?.length ?? 0)
    out += text.slice(last, start).replace(/[^\n]/g, ' ') + (m[2] ?? '')
    last = start + (m[2]?.length ?? 0)
  }
  return out + text.slice(last).replace(/[^\n]/g, ' ')
}

/** The Chinese-bearing literals of one source file, with their line. */
function chineseLiterals(path: string): { text: string, line: number }[] {
  const source = ts.createSourceFile(path, scriptOf(path), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const found: { text: string, line: number }[] = []
  const visit = (node: ts.Node): void => {
    let text: string | null = null
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node))
      text = node.text
    else if (ts.isRegularExpressionLiteral(node))
      text = node.text.slice(1, node.text.lastIndexOf('/'))
    if (text !== null && HAN.test(text))
      found.push({ text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 })
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

const DOMAIN_ROOT = join(process.cwd(), 'src/domain')

/**
 * src/domain: its reasons are codes (reason.ts), worded by the app; what stays Chinese here is the domain's own
 * Chinese — whole files below, each with why — or a literal of a mixed file. A rule module (transitions, folds,
 * validators) is on neither list: a Chinese literal in it fails, as in any new file.
 */
const DOMAIN_FILES: Record<string, string> = {
  'reasons/caseReasons.ts': 'the Chinese wording of the domain\'s reasons (reason.ts): the server\'s words and the key a flag is resolved by; the app words them from refusals.*.ts',
  'reasons/foldReasons.ts': 'the Chinese wording of the domain\'s reasons (as above)',
  'reasons/ratingReasons.ts': 'the Chinese wording of the domain\'s reasons (as above)',
  'reasons/oversightReasons.ts': 'the Chinese wording of the domain\'s reasons (as above)',
  'reasons/identityReasons.ts': 'the Chinese wording of the domain\'s reasons (as above)',
  'case/labels.ts': 'the standard\'s vocabulary (kinds, 帮办方式, powers, statuses, event names) printed in ledgers and receipts',
  'catalogSheet.ts': 'the catalog spreadsheet\'s format (sheet and column names) and its messages about a sheet',
  'catalogNotice.ts': 'the one-time notice (一次性告知单) printed for the citizen, and the catalog\'s validation messages',
  'divisions.ts': 'administrative division names (data)',
  'ledger.ts': 'the annex ledgers\' titles and sheet names (the standard\'s Chinese documents)',
  'ledgerD.ts': 'cells of annex D (the standard\'s Chinese ledger)',
  'ledgerE.ts': 'cells of annex E (the standard\'s Chinese ledger)',
  'ledgerF.ts': 'cells of annex F (the standard\'s Chinese ledger)',
  'ledgerCompleteness.ts': 'which rows of the annex ledgers a cell is required in, as the ledger names them',
  'inspection/checklist.ts': 'the 5.4.2 self-inspection checklist, as the standard words it',
  'rating/reasons.ts': 'the rating reasons citizens choose from (GB/T 39735 vocabulary), recorded in events',
  'rating/scale.ts': 'the five rating levels and dimensions (GB/T 39735 vocabulary)',
  'staffing.ts': 'the standard\'s training modes (vocabulary)',
  'disclosure.ts': 'the disclosure fields of 6.2.2, as the standard names them',
  'personalFields.ts': 'the placeholder a purged personal value is replaced with in stored data',
  // Not yet coded (issue 13 item 5 goes on): zod messages of payload and request schemas (the server's 400 field
  // errors and push rejections), timeline one-liners, metric exclusion reasons and thrown programming errors.
  'appointment/payloads.ts': 'zod messages of the appointment payloads (server field errors), not yet coded',
  'audit.ts': 'zod messages and export labels of the audit events, not yet coded',
  'case/payloads.ts': 'zod messages and the material-form enum of the case payloads, not yet coded',
  'case/proxyPayloads.ts': 'zod messages of the proxy payloads (server field errors), not yet coded',
  'case/timeline.ts': 'the timeline\'s one-line summaries, not yet coded',
  'case/completionResult.ts': '准予/不予 (the standard\'s words) and the completion sheet\'s text',
  'complaint/payloads.ts': 'zod messages and channel labels of complaints, not yet coded',
  'dueStatus.ts': 'due-status labels and a thrown error, not yet coded',
  'eventSafety.ts': 'zod messages of unsafe values (push rejections), not yet coded',
  'eventTypes.ts': 'zod messages of the event registry (push rejections), not yet coded',
  'followUp/payloads.ts': 'zod messages and vocabulary of call-backs, not yet coded',
  'inspection/payloads.ts': 'zod messages and result labels of inspections, not yet coded',
  'metricPeriods.ts': 'a thrown error, not yet coded',
  'metrics.ts': 'metric exclusion reasons and empty-rate labels, not yet coded',
  'payloadFields.ts': 'shared zod messages of payload fields, not yet coded',
  'rating/levels.ts': 'a zod message of the rating level, not yet coded',
  'rating/payloads.ts': 'zod messages and channel labels of ratings, not yet coded',
  'receipt.ts': 'the documents\' names (收件回执, 委托书) and thrown errors',
  'rectification/payloads.ts': 'zod messages and source labels of rectification, not yet coded',
  'stationApplication.ts': 'zod messages of station applications (Annexes A–C), not yet coded',
}

/** Whole folders, by prefix (they grow with every route and calendar rule): each with why. */
const DOMAIN_FOLDERS: Record<string, string> = {
  'protocol/': 'zod messages of the wire contract\'s requests (the server\'s 400 field errors), not yet coded',
  'calendar/': 'thrown errors and the calendar year file\'s messages, not yet coded',
}

/** Mixed files: a rule module's vocabulary (labels, summaries, zod messages) by literal. */
const DOMAIN_LITERALS: Record<string, string[]> = {
  'consultation.ts': ['来电', '来访', '咨询登记', '转交部门', '答复', '处理提示', '待处理', '已当场答复', '已转交待答复', '已答复', '，已当场答复'],
  'appeal.ts': ['申诉对象应为评价记录 rating:…', '申诉理由类型应为 mistaken（误评）或 malicious（恶意评价）', '误评', '恶意评价', '复核结论应为 upheld（申诉成立）或 rejected（驳回）', '申诉复核', '申诉复核结论', '待复核', '申诉成立', '申诉驳回'],
  'rectification/fold.ts': ['整改中', '待复查', '复查退回', '已办结', '：提请复查', '通过，办结', '退回'],
  'followUp/fold.ts': ['回访未接通', '已回访，群众意见：'],
  'rating/fold.ts': ['（有效至 '],
  'attentionResolution.ts': ['至少处理一条提示', '应为事件编号'],
}

function domainFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? domainFiles(path) : entry.name.endsWith('.ts') ? [path] : []
  })
}

describe('no Chinese reasons from domain rules', () => {
  const files = domainFiles(DOMAIN_ROOT)
  const name = (path: string) => relative(DOMAIN_ROOT, path).split('\\').join('/')

  it('reads the domain\'s files and finds a known literal', () => {
    expect(files.length).toBeGreaterThan(60)
    expect(chineseLiterals(join(DOMAIN_ROOT, 'consultation.ts')).map(l => l.text)).toContain('来电')
  })

  it('has Chinese only in the listed files and literals: a rule gives a reason code (src/domain/reason.ts)', () => {
    const offending = files.flatMap((path) => {
      const file = name(path)
      if (DOMAIN_FILES[file] || Object.keys(DOMAIN_FOLDERS).some(folder => file.startsWith(folder)))
        return []
      const allowed = new Set(DOMAIN_LITERALS[file] ?? [])
      return chineseLiterals(path).filter(l => !allowed.has(l.text)).map(l => `src/domain/${file}:${l.line} ${JSON.stringify(l.text)}`)
    })
    expect(offending, 'give a reason code (src/domain/reason.ts) or, if it is data, list it in this test').toEqual([])
  })

  it('lists no file without Chinese and no literal that is gone', () => {
    const stale = [
      ...Object.keys(DOMAIN_FILES).filter(file => chineseLiterals(join(DOMAIN_ROOT, file)).length === 0),
      ...Object.keys(DOMAIN_FOLDERS).filter(folder => !files.some(path => name(path).startsWith(folder) && chineseLiterals(path).length > 0)),
      ...Object.entries(DOMAIN_LITERALS).flatMap(([file, literals]) => {
        const present = new Set(chineseLiterals(join(DOMAIN_ROOT, file)).map(l => l.text))
        return literals.filter(l => !present.has(l)).map(l => `${file} ${l}`)
      }),
    ]
    expect(stale).toEqual([])
  })
})

describe('no Chinese shown to staff from app code', () => {
  const files = appFiles(ROOT)

  it('reads the app\'s files and finds the literals it must', () => {
    expect(files.length).toBeGreaterThan(100)
    // The scanner itself: a known data literal is found, so an empty result below means something.
    expect(chineseLiterals(join(ROOT, 'calendar/calendarImport.ts')).map(l => l.text)).toContain('放假')
  })

  it('has Chinese in string literals only where it is data', () => {
    const offending = files.flatMap((path) => {
      const file = relative(ROOT, path).split('\\').join('/')
      if (DICTIONARIES[file])
        return []
      const allowed = new Set(DATA[file]?.literals ?? [])
      return chineseLiterals(path).filter(l => !allowed.has(l.text)).map(l => `src/app/${file}:${l.line} ${JSON.stringify(l.text)}`)
    })
    expect(offending, 'put the message in src/app/i18n (an AppError code) or, if it is data, on the list in this test').toEqual([])
  })

  it('lists no literal that is gone', () => {
    const stale = Object.entries(DATA).flatMap(([file, { literals }]) => {
      const present = new Set(chineseLiterals(join(ROOT, file)).map(l => l.text))
      return literals.filter(l => !present.has(l)).map(l => `${file} ${l}`)
    })
    expect(stale).toEqual([])
  })
})
