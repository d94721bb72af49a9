import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { readCatalogRows } from '../../../src/app/catalog/catalogItem'
import { buildSearchIndex, searchItems } from '../../../src/app/catalog/itemSearch'
import { useCatalogStore } from '../../../src/app/stores/catalog'
import { freshDatabase } from '../support/database'
import { referenceRepo } from '../../../src/app/data'
import { seedItemRows, seedReference, stationRow } from '../support/seedCatalog'

const { items } = readCatalogRows(seedItemRows())
const index = buildSearchIndex(items)
const names = (query: string, department: string | null = null) => searchItems(index, query, { department }).map(h => h.item.name)

describe('item search over the seed catalog', () => {
  it('reads all 12 seed items', () => {
    expect(items).toHaveLength(12)
  })

  it('finds 社会保障卡 items by the pinyin initials sbk, and nothing else', () => {
    expect(names('sbk').sort()).toEqual(['社会保障卡换领(卡片污损、无法使用)', '社会保障卡挂失补换(遗失)'].sort())
  })

  it('finds them by full pinyin, mixed pinyin and the Chinese short form 社保卡', () => {
    expect(names('shehuibaozhangka')).toHaveLength(2)
    expect(names('shehuibzk')).toHaveLength(2)
    expect(names('SheBaoKa')).toHaveLength(2)
    expect(names('社保k')).toHaveLength(2)
    expect(names('社保卡')).toHaveLength(2)
  })

  it('finds by name, ranking a contiguous name match first', () => {
    expect(names('失业')).toEqual(['失业登记'])
    expect(names('sfz')[0]).toMatch(/居民身份证/)
    expect(names('临时身份证')).toEqual(['临时居民身份证申领'])
  })

  it('finds by department, in Chinese and pinyin initials', () => {
    const police = names('公安机关')
    expect(police).toHaveLength(5)
    expect(names('gajg')).toEqual(police)
    expect(names('医疗保障局')).toEqual(['城乡居民基本医疗保险参保登记'])
  })

  it('filters by department', () => {
    expect(names('', '医疗保障局')).toEqual(['城乡居民基本医疗保险参保登记'])
    // The earlier match ranks first: 登记 is the 3rd character of 失业登记, the 13th of the other.
    expect(names('登记', '人力资源和社会保障局')).toEqual(['失业登记', '城乡居民基本养老保险参保登记'])
  })

  it('finds nothing for a query that matches no item', () => {
    expect(names('xyzq')).toEqual([])
    expect(names('营业执照')).toEqual([])
  })

  it('lists every item for an empty query', () => {
    expect(names('  ')).toHaveLength(12)
  })
})

describe('catalog store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    freshDatabase()
  })

  it('loads the items from reference data and searches them, rebuilding the index only on a new revision', async () => {
    await seedReference()
    const catalog = useCatalogStore()
    await catalog.load()
    expect(catalog.items).toHaveLength(12)
    expect(catalog.departments).toContain('公安机关')
    expect(catalog.station?.name).toBe('山西银行晋城分行营业部便民服务站')
    expect(catalog.search('sbk').map(h => h.item.code).sort()).toEqual(['sicard-damaged-renew', 'sicard-lost-replace'])
    expect(catalog.item('health-birth-registration')?.name).toBe('生育登记(生育服务证登记)')
    const revision = catalog.indexRevision
    await catalog.load()
    expect(catalog.indexRevision).toBe(revision)
  })

  it('lists only the items this station offers once its station list is pulled (4.3), yet still resolves the others', async () => {
    await seedReference()
    await referenceRepo.replaceAll('stationItems', [
      { id: `${stationRow.id}:sicard-lost-replace`, stationId: stationRow.id, itemCode: 'sicard-lost-replace', offered: true, revision: 20 },
      { id: `${stationRow.id}:sicard-damaged-renew`, stationId: stationRow.id, itemCode: 'sicard-damaged-renew', offered: false, revision: 21 },
      { id: `${stationRow.id}:health-birth-registration`, stationId: stationRow.id, itemCode: 'health-birth-registration', offered: true, revision: 22 },
    ])
    const catalog = useCatalogStore()
    await catalog.load()
    expect(catalog.items.map(i => i.code).sort()).toEqual(['health-birth-registration', 'sicard-lost-replace'])
    expect(catalog.search('sbk').map(h => h.item.code)).toEqual(['sicard-lost-replace'])
    expect(catalog.item('sicard-damaged-renew')?.code).toBe('sicard-damaged-renew')
  })
})
