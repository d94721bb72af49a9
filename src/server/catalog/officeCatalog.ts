/**
 * The service-item catalog as the office keeps it (issue 8 item 4; 5.2.2, 5.2.4, 6.2.2): items are the whole
 * province's (service_items), which stations offer them is scoped to the office's division (station_items of
 * its stations only). Every write is audited in its own transaction; the 0002 trigger gives each changed row a
 * new reference revision, so tablets pull it.
 *
 * A stored item keeps its provenance (sources, sourceRegion, sourceDepartment, catalogNote) beside the notice:
 * writes replace every notice field and keep provenance the body does not carry.
 */
import type { Kysely, Transaction } from 'kysely'
import type { NewCatalogItem, NoticeFields } from '../../domain/catalogNotice'
import { noticeFieldsSchema, noticeOf } from '../../domain/catalogNotice'
import { guidePartLabels, missingGuideParts } from '../../domain/disclosure'
import { recordOfficeAudit } from '../audit/officeAudit'
import { whereStationInScope } from '../auth/officeScope'
import type { ImportPlanRow, OfficeCatalogItem, OfficeCatalogStation } from '../../domain/protocol'
import type { OfficeUser } from '../auth/officeSessions'
import type { Database } from '../db'
import { jsonb } from '../db'

type Db = Kysely<Database> | Transaction<Database>

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null)

function toView(row: { code: string, item: Record<string, unknown>, active: boolean, revision: number | string }, offered: string[]): OfficeCatalogItem {
  const parsed = noticeFieldsSchema.safeParse(noticeOf(row.item))
  // A legacy entry the schema refuses is still shown (and fixed by the next save).
  const notice = parsed.success ? parsed.data : noticeOf(row.item) as NoticeFields
  const missing = missingGuideParts({ ...notice, code: row.code })
  return {
    ...notice,
    code: row.code,
    active: row.active,
    revision: Number(row.revision),
    complete: missing.length === 0,
    missing: missing.map(p => guidePartLabels[p]),
    offeredStationIds: offered,
    offeredBy: offered.length,
    provenance: {
      sourceDepartment: str(row.item.sourceDepartment),
      sourceRegion: str(row.item.sourceRegion),
      sources: Array.isArray(row.item.sources) ? row.item.sources.filter((s): s is string => typeof s === 'string') : [],
      catalogNote: str(row.item.catalogNote),
    },
  }
}

/** The office's stations (its division), by name. */
export async function divisionStations(db: Db, office: Pick<OfficeUser, 'divisionCode'>): Promise<OfficeCatalogStation[]> {
  const rows = await whereStationInScope(db.selectFrom('stations').select(['id', 'code', 'name', 'address', 'contact_phone', 'state']), office)
    .orderBy('name').orderBy('id').execute()
  return rows.map(s => ({ id: s.id, code: s.code, name: s.name, address: s.address, contactPhone: s.contact_phone, state: s.state }))
}

async function offersByItem(db: Db, office: Pick<OfficeUser, 'divisionCode'>, code?: string): Promise<Map<string, string[]>> {
  const rows = await db.selectFrom('station_items')
    .innerJoin('stations', 'stations.id', 'station_items.station_id')
    .select(['station_items.item_code', 'station_items.station_id'])
    .where('station_items.offered', '=', true)
    .where('stations.county_code', 'like', `${office.divisionCode}%`)
    .$if(code !== undefined, qb => qb.where('station_items.item_code', '=', code ?? ''))
    .orderBy('station_items.station_id')
    .execute()
  const map = new Map<string, string[]>()
  for (const r of rows)
    map.set(r.item_code, [...(map.get(r.item_code) ?? []), r.station_id])
  return map
}

/** Every catalog item with its completeness and the division's stations offering it. */
export async function listCatalog(db: Db, office: Pick<OfficeUser, 'divisionCode'>): Promise<OfficeCatalogItem[]> {
  const [rows, offers] = [await db.selectFrom('service_items').selectAll().orderBy('code').execute(), await offersByItem(db, office)]
  return rows.map(r => toView(r, offers.get(r.code) ?? []))
}

export async function getCatalogItem(db: Db, office: Pick<OfficeUser, 'divisionCode'>, code: string): Promise<OfficeCatalogItem | null> {
  const row = await db.selectFrom('service_items').selectAll().where('code', '=', code).executeTakeFirst()
  return row ? toView(row, (await offersByItem(db, office, code)).get(code) ?? []) : null
}

/** The stored entry for a notice: the old entry's provenance kept, every notice field replaced. */
function merged(previous: Record<string, unknown> | undefined, code: string, notice: NoticeFields): Record<string, unknown> {
  return { ...previous, ...notice, code }
}

/** The notice fields whose value changed (audit details: names only). */
function changedFields(before: Record<string, unknown>, after: NoticeFields): string[] {
  const old = noticeFieldsSchema.safeParse(noticeOf(before))
  return (Object.keys(after) as (keyof NoticeFields)[])
    .filter(k => !old.success || JSON.stringify(old.data[k]) !== JSON.stringify(after[k]))
}

/** POST: a new item; false when the code is taken. */
export async function createCatalogItem(db: Kysely<Database>, office: OfficeUser, input: NewCatalogItem, now: Date): Promise<boolean> {
  const { code, ...notice } = input
  return db.transaction().execute(async (trx) => {
    const inserted = await trx.insertInto('service_items').values({ code, item: jsonb(merged(undefined, code, notice)) })
      .onConflict(oc => oc.column('code').doNothing()).returning('code').executeTakeFirst()
    if (!inserted)
      return false
    await recordOfficeAudit(trx, office, { action: 'catalog.created', targetType: 'service-item', targetId: code, details: { name: notice.name } }, now)
    return true
  })
}

/** PUT: replace the notice; false when there is no such item. */
export async function updateCatalogItem(db: Kysely<Database>, office: OfficeUser, code: string, notice: NoticeFields, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('service_items').select('item').where('code', '=', code).forUpdate().executeTakeFirst()
    if (!row)
      return false
    const fields = changedFields(row.item, notice)
    if (fields.length === 0)
      return true
    await trx.updateTable('service_items').set({ item: jsonb(merged(row.item, code, notice)) }).where('code', '=', code).execute()
    await recordOfficeAudit(trx, office, { action: 'catalog.updated', targetType: 'service-item', targetId: code, details: { fields } }, now)
    return true
  })
}

/** Deactivate (withdrawn: not offered anywhere, 6.2.2 leaves it out) or activate; false when unknown. */
export async function setCatalogItemActive(db: Kysely<Database>, office: OfficeUser, code: string, active: boolean, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('service_items').select('active').where('code', '=', code).forUpdate().executeTakeFirst()
    if (!row)
      return false
    if (row.active !== active) {
      await trx.updateTable('service_items').set({ active }).where('code', '=', code).execute()
      await recordOfficeAudit(trx, office, { action: active ? 'catalog.activated' : 'catalog.deactivated', targetType: 'service-item', targetId: code }, now)
    }
    return true
  })
}

/**
 * Which of the office's stations offer the item. Only rows that change are written (each write is a new
 * revision every tablet of that station pulls). Answers the station ids outside the division (none written then).
 */
export async function setCatalogOffers(db: Kysely<Database>, office: OfficeUser, code: string, stationIds: readonly string[], offered: boolean, now: Date): Promise<{ unknownStations: string[] }> {
  return db.transaction().execute(async (trx) => {
    const stations = await whereStationInScope(trx.selectFrom('stations').select(['id', 'county_code']), office)
      .where('id', 'in', [...stationIds]).execute()
    const known = new Map(stations.map(s => [s.id, s.county_code]))
    const unknownStations = stationIds.filter(id => !known.has(id))
    if (unknownStations.length > 0)
      return { unknownStations }
    const changed = offered
      ? await trx.insertInto('station_items').values(stationIds.map(id => ({ station_id: id, item_code: code, offered: true })))
          .onConflict(oc => oc.columns(['station_id', 'item_code']).doUpdateSet({ offered: true }).where('station_items.offered', '=', false))
          .returning('station_id').execute()
      : await trx.updateTable('station_items').set({ offered: false })
          .where('item_code', '=', code).where('station_id', 'in', [...stationIds]).where('offered', '=', true)
          .returning('station_id').execute()
    for (const { station_id: stationId } of changed)
      await recordOfficeAudit(trx, office, { action: offered ? 'catalog.offered' : 'catalog.withdrawn', targetType: 'service-item', targetId: code, stationId, divisionCode: known.get(stationId) ?? null }, now)
    return { unknownStations: [] }
  })
}

/** Which imported items are new and which replace an existing one. */
export async function planImport(db: Db, items: readonly { row: number, item: NewCatalogItem, active: boolean }[]): Promise<ImportPlanRow[]> {
  const codes = items.map(i => i.item.code)
  const existing = new Set(codes.length === 0 ? [] : (await db.selectFrom('service_items').select('code').where('code', 'in', codes).execute()).map(r => r.code))
  return items.map(i => ({ row: i.row, code: i.item.code, name: i.item.name, materials: i.item.materials.length, active: i.active, action: existing.has(i.item.code) ? 'update' : 'create' }))
}

/** Applies a validated import in ONE transaction: every item created or replaced, or nothing. */
export async function applyImport(db: Kysely<Database>, office: OfficeUser, items: readonly { row: number, item: NewCatalogItem, active: boolean }[], now: Date): Promise<ImportPlanRow[]> {
  return db.transaction().execute(async (trx) => {
    const codes = items.map(i => i.item.code)
    const previous = new Map((codes.length === 0 ? [] : await trx.selectFrom('service_items').select(['code', 'item']).where('code', 'in', codes).forUpdate().execute()).map(r => [r.code, r.item]))
    for (const { item, active } of items) {
      const { code, ...notice } = item
      const stored = jsonb(merged(previous.get(code), code, notice))
      await trx.insertInto('service_items').values({ code, item: stored, active })
        .onConflict(oc => oc.column('code').doUpdateSet({ item: stored, active })).execute()
    }
    const plan = items.map(i => ({ row: i.row, code: i.item.code, name: i.item.name, materials: i.item.materials.length, active: i.active, action: previous.has(i.item.code) ? 'update' as const : 'create' as const }))
    await recordOfficeAudit(trx, office, {
      action: 'catalog.imported',
      targetType: 'service-item',
      details: { created: plan.filter(p => p.action === 'create').map(p => p.code), updated: plan.filter(p => p.action === 'update').map(p => p.code) },
    }, now)
    return plan
  })
}
