import { describe, expect, it } from 'vitest'
import { CSV_MIME, csvField, exportCsv, toCsv, UTF8_BOM } from '../../../src/app/export/csvExport'

/** A small RFC 4180 parser: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let i = 0
  while (i < text.length) {
    const ch = text.charAt(i)
    if (ch === '"' && field === '') {
      i++
      while (i < text.length) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"'
            i += 2
            continue
          }
          i++
          break
        }
        field += text[i++]
      }
      continue
    }
    if (ch === ',') {
      record.push(field)
      field = ''
      i++
      continue
    }
    if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field)
      records.push(record)
      record = []
      field = ''
      i += 2
      continue
    }
    if (ch === '\n' || ch === '\r' || ch === '"')
      throw new Error(`bare ${JSON.stringify(ch)} at ${i}: not RFC 4180`)
    field += ch
    i++
  }
  if (field !== '' || record.length)
    throw new Error('last record has no CRLF')
  return records
}

const columns = [
  { key: 'seq', title: '序号' },
  { key: 'applicantName', title: '姓名' },
  { key: 'contact', title: '联系方式' },
  { key: 'remarks', title: '备注' },
] as const

const rows = [
  { seq: 1, applicantName: '张*明', contact: '138****5678', remarks: '帮办（填表、陪同办理）' },
  { seq: 2, applicantName: '李*', contact: null, remarks: '' },
  { seq: 3, applicantName: '王*华', contact: '0351-1234567', remarks: '材料：身份证, 户口簿' },
  { seq: 4, applicantName: '赵*', contact: undefined, remarks: '他说"明天再来"' },
  { seq: -5, applicantName: '周*', contact: '+86 13800000000', remarks: '第一行\r\n第二行\n第三行' },
  { seq: 6.25, applicantName: '=1+2', contact: '@SUM(A1)', remarks: '-2+3,"x"' },
  { seq: Number.NaN, applicantName: '\t制表', contact: '\r回车', remarks: '正常 = 不在开头' },
]

async function textOf(blob: Blob): Promise<string> {
  // Decode without stripping the BOM, to see that it is there.
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await blob.arrayBuffer()))
}

describe('exportCsv', () => {
  it('is UTF-8 with a BOM, a CSV type, and CRLF line ends', async () => {
    const blob = exportCsv({ columns, rows })
    expect(blob.type).toBe(CSV_MIME)
    const bytes = new Uint8Array(await blob.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xEF, 0xBB, 0xBF])
    const text = await textOf(blob)
    expect(text.startsWith(`${UTF8_BOM}序号,姓名,联系方式,备注\r\n`)).toBe(true)
    expect(text.endsWith('\r\n')).toBe(true)
    // Every line break outside a quoted field is CRLF.
    expect(text.replace(/"(?:[^"]|"")*"/g, '')).not.toMatch(/[^\r]\n|\r(?!\n)/)
  })

  it('parses back, cell by cell: Chinese text, numbers, empty cells, commas, quotes, line breaks, formula guard', async () => {
    const text = await textOf(exportCsv({ columns, rows }))
    expect(parseCsv(text.slice(UTF8_BOM.length))).toEqual([
      ['序号', '姓名', '联系方式', '备注'],
      ['1', '张*明', '138****5678', '帮办（填表、陪同办理）'],
      ['2', '李*', '', ''],
      ['3', '王*华', '0351-1234567', '材料：身份证, 户口簿'],
      ['4', '赵*', '', '他说"明天再来"'],
      ['-5', '周*', '\'+86 13800000000', '第一行\r\n第二行\n第三行'],
      ['6.25', '\'=1+2', '\'@SUM(A1)', '\'-2+3,"x"'],
      ['', '\'\t制表', '\'\r回车', '正常 = 不在开头'],
    ])
  })

  it('writes just the header when there are no rows', () => {
    expect(toCsv({ columns, rows: [] })).toBe('序号,姓名,联系方式,备注\r\n')
  })

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rlf', '"cr\rlf"'],
    ['', ''],
  ])('quotes %j as %j (RFC 4180)', (field, quoted) => {
    expect(csvField(field)).toBe(quoted)
  })
})
