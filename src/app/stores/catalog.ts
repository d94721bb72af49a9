/**
 * The station's service-item catalog (事项目录) from reference data, its item search (name, department,
 * pinyin) and the station facts the one-time notice prints. The search index is rebuilt only when the
 * catalog's revision changes. The search module (with pinyin-pro's dictionary, the largest part of the app's
 * JS) is loaded by the first load(), not with the first screen.
 */
import type { CatalogItem, StationInfo, UnreadableItem } from '../catalog/catalogItem'
import type { SearchHit, SearchIndex } from '../catalog/itemSearch'
import type * as ItemSearchModule from '../catalog/itemSearch'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { departmentsOf, readCatalogRows, readStationRow } from '../catalog/catalogItem'
import { usesByItem } from '../catalog/itemGroups'
import { casesRepo, metaRepo, referenceRepo } from '../data'

let itemSearch: typeof ItemSearchModule | undefined

const collator = new Intl.Collator('zh-CN')
/** Recent cases read to rank items by use. */
const USES_SCAN = 500

/** Counter order: by department, then name, in pinyin order (rows arrive in key order). */
function byDepartmentThenName(a: CatalogItem, b: CatalogItem): number {
  return collator.compare(a.department, b.department) || collator.compare(a.name, b.name)
}

/**
 * 4.3: a station offers a subset of the catalog. Until the station's list has been pulled (or from a
 * server that sends none) every active item is shown rather than none.
 */
function offeredItems(active: CatalogItem[], stationItems: readonly Record<string, unknown>[]): CatalogItem[] {
  if (stationItems.length === 0)
    return active
  const offered = new Set(stationItems.filter(r => r.offered !== false).map(r => String(r.itemCode)))
  return active.filter(i => offered.has(i.code))
}

export const useCatalogStore = defineStore('catalog', () => {
  /** Items in use (active), in catalog order. */
  const items = shallowRef<CatalogItem[]>([])
  /** Rows that failed validation: staff see that the catalog is incomplete. */
  const unreadable = shallowRef<UnreadableItem[]>([])
  const station = shallowRef<StationInfo | null>(null)
  const loaded = ref(false)
  const loading = ref(false)
  const error = ref<unknown>(null)
  /** The revision the index was built for ('count:maxRevision'). */
  const indexRevision = ref<string | null>(null)
  let index: SearchIndex<CatalogItem> = { entries: [] }

  /** Every active item, offered here or not: records made before an item was withdrawn still resolve. */
  const allActive = shallowRef<CatalogItem[]>([])

  const departments = computed(() => departmentsOf(items.value))
  const byCode = computed(() => new Map(allActive.value.map(i => [i.code, i])))

  /** Read the catalog and the station row; rebuild the search index when the catalog changed. */
  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      const [rows, stationItemRows, stationId] = await Promise.all([
        referenceRepo.list('serviceItems'),
        referenceRepo.list('stationItems'),
        metaRepo.get('stationId'),
      ])
      const offeredRows = stationItemRows.filter(r => !stationId || r.stationId === stationId)
      const revision = `${rows.length}:${Math.max(0, ...rows.map(r => r.revision))}:${offeredRows.length}:${Math.max(0, ...offeredRows.map(r => r.revision))}`
      itemSearch ??= await import('../catalog/itemSearch')
      if (revision !== indexRevision.value) {
        const read = readCatalogRows(rows)
        const active = read.items.filter(i => i.active).sort(byDepartmentThenName)
        const offered = offeredItems(active, offeredRows)
        index = itemSearch.buildSearchIndex(offered)
        allActive.value = active
        items.value = offered
        unreadable.value = read.unreadable
        indexRevision.value = revision
      }
      const stationRow = stationId ? await referenceRepo.get('stations', stationId) : (await referenceRepo.list('stations'))[0]
      station.value = readStationRow(stationRow)
      loaded.value = true
    }
    catch (e) {
      error.value = e
      throw e
    }
    finally {
      loading.value = false
    }
  }

  /** Load once (views call this on mount; a later `load()` picks up a pulled catalog). */
  async function ensureLoaded(): Promise<void> {
    if (!loaded.value && !loading.value)
      await load()
  }

  /** Items matching the query (name, department, pinyin full/initials/mixed), best first; empty query lists all. */
  function search(query: string, department: string | null = null): SearchHit<CatalogItem>[] {
    // The index is a plain object (not reactive): reading the revision makes a computed search run again
    // when the index is rebuilt, e.g. a picker opened before the catalog had loaded.
    void indexRevision.value
    // Before the first load() the index is empty, and so is the answer.
    return itemSearch ? itemSearch.searchItems(index, query, { department }) : []
  }

  /** How often each item was applied for on this tablet (recent cases), for "most used first". */
  const uses = shallowRef<ReadonlyMap<string, number>>(new Map())
  async function loadUses(): Promise<void> {
    uses.value = usesByItem(await casesRepo.listRecent(USES_SCAN))
  }

  function item(code: string | null | undefined): CatalogItem | null {
    return code ? byCode.value.get(code) ?? null : null
  }

  return { items, unreadable, station, loaded, loading, error, indexRevision, departments, uses, load, ensureLoaded, loadUses, search, item }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useCatalogStore, import.meta.hot))
