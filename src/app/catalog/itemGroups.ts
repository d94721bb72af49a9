/**
 * The item list before any search (issue 14): the station's offered items grouped by department, the
 * departments and the items in each most used first (by the cases recorded on this tablet), then in the
 * catalog's own order.
 */

export interface ItemGroup<T> {
  department: string
  items: T[]
  /** Cases of this department's items on this tablet. */
  uses: number
}

export function groupByDepartment<T extends { code: string, department: string }>(items: readonly T[], uses: ReadonlyMap<string, number>): ItemGroup<T>[] {
  const groups = new Map<string, { items: { item: T, order: number }[], uses: number }>()
  items.forEach((item, order) => {
    const group = groups.get(item.department) ?? { items: [], uses: 0 }
    group.items.push({ item, order })
    group.uses += uses.get(item.code) ?? 0
    groups.set(item.department, group)
  })
  const used = (code: string) => uses.get(code) ?? 0
  return [...groups]
    .map(([department, g], order) => ({ department, order, uses: g.uses, items: g.items.sort((a, b) => used(b.item.code) - used(a.item.code) || a.order - b.order).map(x => x.item) }))
    .sort((a, b) => b.uses - a.uses || a.order - b.order)
    .map(({ department, items: list, uses: n }) => ({ department, items: list, uses: n }))
}

/** How often each item was applied for, from case rows (their itemCode). */
export function usesByItem(cases: readonly { itemCode: string }[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const c of cases)
    counts.set(c.itemCode, (counts.get(c.itemCode) ?? 0) + 1)
  return counts
}
