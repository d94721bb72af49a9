/**
 * The office's service-item catalog (issue 8 item 4; 5.2.2, 5.2.4, 6.2.2), mounted at /api/office/catalog
 * behind an office session. Every role reads; only admin writes. Items are the province's; station offers
 * only for stations inside the office's division (others answer 404 station-not-found).
 *   GET  /                      → 200 {items: OfficeCatalogItem[], stations}  (completeness, offered-by count)
 *   GET  /:code                 → 200 {item, stations: [{…, offered}]}; 404 item-not-found
 *   POST /                      {code, …notice} → 201 {item}; 409 item-exists                       (admin)
 *   PUT  /:code                 {…notice} → 200 {item}                                               (admin)
 *   POST /:code/deactivate, /:code/activate → 200 {item}                                             (admin)
 *   PUT  /:code/stations        {stationIds, offered} → 200 {item}                                   (admin)
 *   POST /import                {items: rows, materials: rows, dryRun?} → 200 {applied, rows}; 400 {errors} (admin)
 */
import type { Context } from 'hono'
import { Hono } from 'hono'
import { catalogCodeSchema, newCatalogItemSchema } from '../../../domain/catalogNotice'
import { parseCatalogWorkbook } from '../../../domain/catalogSheet'
import type { CatalogImportAnswer, CatalogItemAnswer, CatalogItemDetailAnswer, CatalogListAnswer } from '../../../domain/protocol'
import { catalogImportBodySchema, catalogOffersBodySchema, catalogUpdateBodySchema } from '../../../domain/protocol'
import { requireRole } from '../../auth/requireOffice'
import type { OfficeEnv } from '../../auth/requireOffice'
import { applyImport, createCatalogItem, divisionStations, getCatalogItem, listCatalog, planImport, setCatalogItemActive, setCatalogOffers, updateCatalogItem } from '../../catalog/officeCatalog'
import { errorResponse } from '../../errors'
import { MB, validateBody } from '../../validate'

const ITEM_BODY_LIMIT = 256 * 1024
/** An import of a few thousand items with their materials, as sheet rows. */
const IMPORT_BODY_LIMIT = 8 * MB

function itemNotFound(c: Context): Response {
  return errorResponse(c, 404, 'item-not-found', '找不到该服务事项')
}

/** The item as it now is (a write's answer); 404 when it is gone. */
async function itemAnswer(c: Context<OfficeEnv>, code: string, status: 200 | 201 = 200): Promise<Response> {
  const item = await getCatalogItem(c.var.deps.db, c.var.office, code)
  return item ? c.json({ item } satisfies CatalogItemAnswer, status) : itemNotFound(c)
}

/** The code in the URL, or null when it could never be one (answer 404). */
function codeParam(c: Context): string | null {
  const parsed = catalogCodeSchema.safeParse(c.req.param('code'))
  return parsed.success ? parsed.data : null
}

export function officeCatalogRoutes(): Hono<OfficeEnv> {
  const admin = requireRole('admin')
  return new Hono<OfficeEnv>()
    .get('/', async (c) => {
      const { db } = c.var.deps
      return c.json({ items: await listCatalog(db, c.var.office), stations: await divisionStations(db, c.var.office) } satisfies CatalogListAnswer)
    })
    .post('/import', admin, validateBody(catalogImportBodySchema, { maxBytes: IMPORT_BODY_LIMIT }), async (c) => {
      const { db, now } = c.var.deps
      const body = c.req.valid('json')
      const parsed = parseCatalogWorkbook(body)
      if (parsed.errors.length > 0) {
        return errorResponse(c, 400, 'invalid-rows', `导入文件有 ${parsed.errors.length} 处错误，未导入任何事项`, {
          errors: parsed.errors,
          fields: parsed.errors.map(({ sheet, row, column, ...issue }) => ({ ...issue, path: `${sheet}.${row}.${column}` })),
        })
      }
      if (parsed.items.length === 0)
        return errorResponse(c, 400, 'invalid-rows', '文件中没有事项', { errors: [], fields: [{ path: 'items', message: '文件中没有事项', code: 'too_small', origin: 'array', minimum: 1 }] })
      if (body.dryRun)
        return c.json({ applied: false, rows: await planImport(db, parsed.items) } satisfies CatalogImportAnswer)
      const rows = await applyImport(db, c.var.office, parsed.items, now())
      c.var.log.info({ items: rows.length, by: c.var.office.username }, 'catalog imported')
      return c.json({ applied: true, rows } satisfies CatalogImportAnswer)
    })
    .post('/', admin, validateBody(newCatalogItemSchema, { maxBytes: ITEM_BODY_LIMIT }), async (c) => {
      const { db, now } = c.var.deps
      const body = c.req.valid('json')
      if (!await createCatalogItem(db, c.var.office, body, now()))
        return errorResponse(c, 409, 'item-exists', `事项编码 ${body.code} 已存在`, { fields: [{ path: 'code', message: '该事项编码已存在', code: 'exists' }] })
      return itemAnswer(c, body.code, 201)
    })
    .get('/:code', async (c) => {
      const { db } = c.var.deps
      const code = codeParam(c)
      const item = code ? await getCatalogItem(db, c.var.office, code) : null
      if (!item)
        return itemNotFound(c)
      const offered = new Set(item.offeredStationIds)
      const stations = (await divisionStations(db, c.var.office)).map(s => ({ ...s, offered: offered.has(s.id) }))
      return c.json({ item, stations } satisfies CatalogItemDetailAnswer)
    })
    .put('/:code', admin, validateBody(catalogUpdateBodySchema, { maxBytes: ITEM_BODY_LIMIT }), async (c) => {
      const { db, now } = c.var.deps
      const code = codeParam(c)
      const { code: bodyCode, ...notice } = c.req.valid('json')
      if (code && bodyCode !== undefined && bodyCode !== code)
        return errorResponse(c, 400, 'invalid-body', '事项编码不能修改', { fields: [{ path: 'code', message: '事项编码不能修改', code: 'immutable' }] })
      if (!code || !await updateCatalogItem(db, c.var.office, code, notice, now()))
        return itemNotFound(c)
      return itemAnswer(c, code)
    })
    .post('/:code/deactivate', admin, c => setActive(c, false))
    .post('/:code/activate', admin, c => setActive(c, true))
    .put('/:code/stations', admin, validateBody(catalogOffersBodySchema, { maxBytes: 64 * 1024 }), async (c) => {
      const { db, now } = c.var.deps
      const code = codeParam(c)
      const body = c.req.valid('json')
      if (!code || !await getCatalogItem(db, c.var.office, code))
        return itemNotFound(c)
      const { unknownStations } = await setCatalogOffers(db, c.var.office, code, body.stationIds, body.offered, now())
      if (unknownStations.length > 0)
        return errorResponse(c, 404, 'station-not-found', '找不到该便民服务站', { stationIds: unknownStations })
      return itemAnswer(c, code)
    })
}

async function setActive(c: Context<OfficeEnv>, active: boolean): Promise<Response> {
  const { db, now } = c.var.deps
  const code = codeParam(c)
  if (!code || !await setCatalogItemActive(db, c.var.office, code, active, now()))
    return itemNotFound(c)
  return itemAnswer(c, code)
}
