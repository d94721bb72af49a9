/** Issue 8 item 4: the catalog workbook layout round-trips, and a bad file gives every error by sheet row. */
import { describe, expect, it } from 'vitest'
import { newCatalogItemSchema, noticeFieldsSchema, noticeOf } from '../../src/domain/catalogNotice'
import { catalogWorkbookRows, ITEM_SHEET, MATERIAL_SHEET, parseCatalogWorkbook } from '../../src/domain/catalogSheet'
import seed from '../../src/server/seed/service-items.json'

function at<T>(list: readonly T[], i: number): T {
  const value = list[i]
  if (value === undefined)
    throw new Error(`no entry ${i}`)
  return value
}

const seedItems = seed.items.map(item => newCatalogItemSchema.parse({ ...noticeOf(item), code: item.code }))

describe('the one-time notice schema', () => {
  it('accepts every seed item and keeps 0 as 即办', () => {
    expect(seedItems).toHaveLength(12)
    expect(seedItems.find(i => i.code === 'hukou-birth-registration')?.promisedLimitWorkdays).toBe(0)
  })

  it('answers field errors in Chinese', () => {
    const result = noticeFieldsSchema.safeParse({ name: ' ', department: '公安机关', promisedLimitWorkdays: -1, materials: [{ name: '户口簿', form: '扫描件', alternativeGroup: '身份证明' }] })
    expect(result.success).toBe(false)
    const issues = result.error?.issues.map(i => [i.path.join('.'), i.message])
    expect(issues).toEqual(expect.arrayContaining([
      ['name', '事项名称不能为空'],
      ['promisedLimitWorkdays', '承诺时限不能为负数'],
      ['materials.0.form', '原件或复印件应为 原件、复印件 或 原件及复印件'],
    ]))
  })

  it('refuses a 择一 group of one material', () => {
    const result = noticeFieldsSchema.safeParse({ name: 'x', department: 'y', materials: [{ name: 'a', alternativeGroup: '身份证明' }, { name: 'b' }] })
    expect(result.error?.issues.map(i => [i.path.join('.'), i.message])).toEqual([['materials.0.alternativeGroup', '择一组至少要有两项材料']])
  })
})

describe('the catalog workbook', () => {
  it('round-trips the seed catalog: export rows → import gives the same items', () => {
    const rows = catalogWorkbookRows(seedItems.map((item, i) => ({ ...item, active: i !== 3 })))
    expect(rows.items[0]?.[0]).toBe('事项编码')
    expect(rows.items).toHaveLength(13)
    expect(rows.materials).toHaveLength(1 + seedItems.reduce((n, i) => n + i.materials.length, 0))
    const parsed = parseCatalogWorkbook(rows)
    expect(parsed.errors).toEqual([])
    expect(parsed.items.map(i => i.item)).toEqual(seedItems)
    expect(parsed.items.map(i => i.active)).toEqual(seedItems.map((_, i) => i !== 3))
    expect(parsed.items[0]?.row).toBe(2)
  })

  it('reports every bad row by sheet, row and column, and returns no items at all', () => {
    const rows = catalogWorkbookRows(seedItems.slice(0, 3))
    at(rows.items, 2)[1] = null // 事项名称 of row 3
    at(rows.items, 3)[7] = '十五天' // 承诺时限 of row 4
    rows.items.push([...at(rows.items, 1)]) // row 5 repeats row 2's code
    at(rows.materials, 1)[2] = '扫描件' // 原件或复印件 of material row 2
    rows.materials.push(['no-such-item', '某材料', '原件', 1, null, null, null, '是', null, null])
    const parsed = parseCatalogWorkbook(rows)
    expect(parsed.items).toEqual([])
    expect(parsed.errors).toEqual([
      { sheet: ITEM_SHEET, row: 3, column: '事项名称', message: '事项名称不能为空', code: 'invalid_type' },
      { sheet: ITEM_SHEET, row: 4, column: '承诺时限（工作日）', message: '应为工作日天数（即办填 0）', code: 'custom' },
      { sheet: ITEM_SHEET, row: 5, column: '事项编码', message: `事项编码 ${at(seedItems, 0).code} 与第 2 行重复`, code: 'duplicate' },
      { sheet: MATERIAL_SHEET, row: 2, column: '原件或复印件', message: '原件或复印件应为 原件、复印件 或 原件及复印件', code: 'invalid_value' },
      { sheet: MATERIAL_SHEET, row: rows.materials.length, column: '事项编码', message: '「事项」中没有事项编码 no-such-item', code: 'unknown-item' },
    ])
  })

  it('names a missing column on row 1', () => {
    const rows = catalogWorkbookRows([])
    rows.materials[0] = at(rows.materials, 0).filter(t => t !== '份数')
    expect(parseCatalogWorkbook(rows).errors).toEqual([{ sheet: MATERIAL_SHEET, row: 1, column: '份数', message: '缺少“份数”列', code: 'missing-column' }])
  })

  it('reads 即办, text numbers, and undoes the export formula guard', () => {
    const rows = catalogWorkbookRows([{ ...at(seedItems, 0), fee: '-' }])
    at(rows.items, 1)[7] = '即办'
    at(rows.items, 1)[10] = '\'-'
    at(rows.materials, 1)[3] = '2'
    const parsed = parseCatalogWorkbook(rows)
    expect(parsed.errors).toEqual([])
    expect(parsed.items[0]?.item).toMatchObject({ promisedLimitWorkdays: 0, fee: '-' })
    expect(parsed.items[0]?.item.materials[0]?.copies).toBe(2)
  })
})
