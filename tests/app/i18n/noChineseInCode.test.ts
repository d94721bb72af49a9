/**
 * Issue 13 item 5: what staff read comes from src/app/i18n, so the English UI shows no Chinese. Every
 * string, template and regular-expression literal in an app .ts file outside i18n is read (comments are
 * not): one with Chinese in it must be on the list below, which names genuine data — the standard's own
 * documents and vocabulary, file formats, text the app parses — never a message to staff.
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
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

/** The Chinese-bearing literals of one source file, with their line. */
function chineseLiterals(path: string): { text: string, line: number }[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true)
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
