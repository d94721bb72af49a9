/**
 * The office catalog pages (issue 8 item 4) against the REAL server in-process (PGlite in memory, demo seed):
 * the editor saves every notice field and refuses bad ones with field errors, station offers, and a real
 * .xlsx file written with write-excel-file read back by the importer (row errors, then a clean file applied),
 * and the export round-tripping through the same reader.
 */
import type { VueWrapper } from '@vue/test-utils'
import type { TestServer } from '../support/testServer'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { catalogWorkbookRows, parseCatalogWorkbook } from '../../../src/domain/catalogSheet'
import { readCatalogWorkbook, writeCatalogWorkbook } from '../../../src/app/office/catalogWorkbook'
import { setOfficeFetch, useOfficeStore } from '../../../src/app/stores/office'
import { useOfficeCatalogStore } from '../../../src/app/stores/officeCatalog'
import { mountApp } from '../support/mountApp'
import { startServer } from '../support/testServer'
import { until } from '../support/until'

// As officeMetrics.test.ts: the server's seed catalog is read through a file: URL that happy-dom rewrites.
const Host = defineComponent({ render: () => h(RouterView) })

let server: TestServer

beforeAll(async () => {
  server = await startServer()
}, 60_000)

afterAll(async () => {
  await server?.close()
})

beforeEach(() => {
  sessionStorage.clear()
  server.clearCookies()
  setOfficeFetch(server.fetch)
})

afterEach(async () => {
  setOfficeFetch(undefined)
})

async function openSignedIn(path: string) {
  const mounted = await mountApp(Host, { path: '/office' })
  await useOfficeStore().login(server.office.username, server.office.password)
  await mounted.router.push(path)
  await until(() => expect(!mounted.wrapper.find('[data-test="office-login-form"]').exists()).toBe(true))
  return mounted
}

async function storedItem(code: string): Promise<Record<string, unknown>> {
  return (await server.db.selectFrom('service_items').select('item').where('code', '=', code).executeTakeFirstOrThrow()).item
}

async function pickFile(wrapper: VueWrapper, file: File): Promise<void> {
  const input = wrapper.find('[data-test="import-file"]')
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
}

// Generous: each test mounts the app and runs the real server in-process on a shared 2-core machine.
describe('the office catalog', { timeout: 30_000 }, () => {
  it('lists the catalog with completeness, what is missing and how many stations offer each item', async () => {
    const { wrapper } = await openSignedIn('/office/catalog')
    await until(() => expect(wrapper.findAll('[data-test="catalog-row"]').length).toBe(12))
    const row = wrapper.find('[data-code="sicard-damaged-renew"]')
    expect(row.find('[data-field="guide"]').text()).toBe('缺收费标准')
    expect(row.find('[data-field="offered"]').text()).toBe('1 个站点提供')
    expect(wrapper.find('[data-code="sicard-lost-replace"] [data-field="guide"]').text()).toBe('指南完整')
    await wrapper.find('[data-test="catalog-search"]').setValue('sbk')
    await until(() => expect(wrapper.findAll('[data-test="catalog-row"]').length).toBe(2))
    expect(wrapper.findAll('[data-test="catalog-row"]').map(r => r.attributes('data-code')).sort()).toEqual(['sicard-damaged-renew', 'sicard-lost-replace'])
    wrapper.unmount()
  })

  it('edits every notice field, refuses bad fields before sending, and sets which stations offer the item', async () => {
    const { wrapper } = await openSignedIn('/office/catalog/sicard-damaged-renew')
    await until(() => expect((wrapper.find('[data-test="field-name"]').element as HTMLInputElement | undefined)?.value).toBe('社会保障卡换领(卡片污损、无法使用)'))
    expect(wrapper.find('[data-test="catalog-completeness"]').text()).toBe('缺收费标准')

    // Bad input: answered here with the schema's messages, nothing sent.
    const puts = () => server.requests.filter(r => r.method === 'PUT').length
    const before = puts()
    await wrapper.find('[data-test="field-name"]').setValue('')
    await wrapper.find('[data-test="field-promisedLimitWorkdays"]').setValue('2.5')
    await wrapper.find('[data-test="catalog-save"]').trigger('click')
    await until(() => expect(wrapper.find('[data-test="error-name"]').exists()).toBe(true))
    expect(wrapper.find('[data-test="error-name"]').text()).toBe('事项名称不能为空')
    expect(wrapper.find('[data-test="error-promisedLimitWorkdays"]').text()).toBe('承诺时限应为整数个工作日')
    expect(puts()).toBe(before)

    await wrapper.find('[data-test="field-name"]').setValue('社会保障卡换领')
    await wrapper.find('[data-test="field-promisedLimitWorkdays"]').setValue('0')
    await wrapper.find('[data-test="field-fee"]').setValue('不收费')
    await wrapper.find('[data-test="field-contact"]').setValue('12333')
    await wrapper.find('[data-test="field-process"]').setValue('受理\n制卡\n发卡')
    await wrapper.find('[data-test="field-remarks"]').setValue('内部：与合作银行核对')
    const materialsBefore = wrapper.findAll('[data-test="material-row"]').length
    await wrapper.find('[data-test="material-add"]').trigger('click')
    const rows = wrapper.findAll('[data-test="material-row"]')
    expect(rows).toHaveLength(materialsBefore + 1)
    const added = rows[materialsBefore]
    await added?.find('[data-test="material-name"]').setValue('一寸照片')
    await added?.find('[data-test="material-form"]').setValue('原件')
    await added?.find('[data-test="material-copies"]').setValue('2')
    await added?.find('[data-test="material-issuer"]').setValue('照相馆')
    await rows[0]?.find('[data-test="material-remove"]').trigger('click')
    await wrapper.find('[data-test="catalog-save"]').trigger('click')
    await until(() => expect(wrapper.find('[data-test="catalog-notice"]').exists()).toBe(true))
    expect(wrapper.find('[data-test="catalog-notice"]').text()).toBe('已保存')
    expect(wrapper.find('[data-test="catalog-completeness"]').text()).toBe('指南完整')

    const stored = await storedItem('sicard-damaged-renew')
    expect(stored).toMatchObject({ name: '社会保障卡换领', promisedLimitWorkdays: 0, fee: '不收费', contact: '12333', process: ['受理', '制卡', '发卡'], remarks: '内部：与合作银行核对' })
    const materials = stored.materials as { name: string }[]
    expect(materials).toHaveLength(materialsBefore)
    expect(materials.at(-1)).toEqual({ name: '一寸照片', form: '原件', copies: 2, format: null, issuer: '照相馆', howToGet: null, required: true, alternativeGroup: null, note: null })

    // The demo station stops offering it.
    await wrapper.find(`[data-test="offer-${server.stationId}"]`).setValue(false)
    await until(() => {
      expect((wrapper.find(`[data-test="offer-${server.stationId}"]`).element as HTMLInputElement).checked).toBe(false)
      expect(wrapper.find('.van-button--loading').exists()).toBe(false)
    })
    const offer = await server.db.selectFrom('station_items').select('offered').where('item_code', '=', 'sicard-damaged-renew').where('station_id', '=', server.stationId).executeTakeFirstOrThrow()
    expect(offer.offered).toBe(false)
    wrapper.unmount()
  })

  it('creates a new item from the editor, and answers a taken code on the code field', async () => {
    const { wrapper, router } = await openSignedIn('/office/catalog/new')
    await until(() => expect(wrapper.find('[data-test="field-code"]').exists()).toBe(true))
    await wrapper.find('[data-test="field-code"]').setValue('sicard-lost-replace')
    await wrapper.find('[data-test="field-name"]').setValue('残疾人证办理')
    await wrapper.find('[data-test="field-department"]').setValue('残联')
    await wrapper.find('[data-test="catalog-save"]').trigger('click')
    await until(() => expect(wrapper.find('[data-test="error-code"]').exists()).toBe(true))
    expect(wrapper.find('[data-test="error-code"]').text()).toBe('该事项编码已存在')

    await wrapper.find('[data-test="field-code"]').setValue('disabled-card')
    await wrapper.find('[data-test="field-legalBasis"]').setValue('《残疾人保障法》')
    await wrapper.find('[data-test="catalog-save"]').trigger('click')
    await until(() => {
      expect(router.currentRoute.value.params.code).toBe('disabled-card')
      expect(wrapper.find('[data-test="catalog-completeness"]').exists()).toBe(true)
    })
    expect(wrapper.find('[data-test="catalog-completeness"]').text()).toBe('缺申请条件、申请材料、办理流程、办理时限、收费标准')
    expect(await storedItem('disabled-card')).toMatchObject({ code: 'disabled-card', name: '残疾人证办理', department: '残联', legalBasis: ['《残疾人保障法》'], materials: [] })
    // Offered nowhere yet: the office's one station is listed unticked.
    expect((wrapper.find(`[data-test="offer-${server.stationId}"]`).element as HTMLInputElement).checked).toBe(false)
    wrapper.unmount()
  })

  it('imports a real xlsx file: every row error shown and nothing written, then the clean file applied after the preview', async () => {
    const { wrapper } = await openSignedIn('/office/catalog')
    await until(() => expect(wrapper.findAll('[data-test="catalog-row"]').length > 0).toBe(true))
    const items = [
      { code: 'import-app-1', name: '老年人优待证办理', department: '民政部门', conditions: ['年满60周岁'], legalBasis: ['《老年人权益保障法》'], process: ['申请', '发证'], promisedLimitWorkdays: 0, fee: '不收费', materials: [{ name: '居民身份证', form: '原件' as const, copies: 1, required: true }] },
      { code: 'sicard-lost-replace', name: '社会保障卡挂失补换（导入）', department: '人社部门', materials: [] },
    ]
    const good = catalogWorkbookRows(items)
    const bad = structuredClone(good)
    const nameCol = bad.items[0]?.indexOf('事项名称') ?? -1
    const row3 = bad.items[2]
    if (row3)
      row3[nameCol] = null
    bad.materials.push(['no-such-item', '户口簿', '复印件', 1, null, null, null, '是', null, null])
    // Written by write-excel-file as a real .xlsx (not our writer), sheets named as the layout says.
    const { default: writeExcelFile } = await import('write-excel-file/universal')
    const toFile = async (rows: typeof good, name: string) => new File([await writeExcelFile([{ sheet: '事项', data: rows.items.map(r => r.map(v => (v === null ? null : { value: v }))) }, { sheet: '材料', data: rows.materials.map(r => r.map(v => (v === null ? null : { value: v }))) }]).toBlob()], name)

    await pickFile(wrapper, await toFile(bad, '有错误.xlsx'))
    await until(() => expect(wrapper.findAll('[data-test="import-error"]').length > 0).toBe(true))
    expect(wrapper.findAll('[data-test="import-error"]').map(r => r.findAll('td').map(td => td.text()))).toEqual([
      ['事项', '3', '事项名称', '事项名称不能为空'],
      ['材料', String(bad.materials.length), '事项编码', '「事项」中没有事项编码 no-such-item'],
    ])
    expect(wrapper.find('[data-test="import-confirm"]').exists()).toBe(false)
    expect(await server.db.selectFrom('service_items').select('code').where('code', '=', 'import-app-1').executeTakeFirst()).toBeUndefined()

    await pickFile(wrapper, await toFile(good, '事项.xlsx'))
    await until(() => expect(wrapper.findAll('[data-test="import-row"]').length).toBe(2))
    expect(wrapper.findAll('[data-test="import-row"]').map(r => r.findAll('td').map(td => td.text()))).toEqual([
      ['2', 'import-app-1', '老年人优待证办理', '1', '新增'],
      ['3', 'sicard-lost-replace', '社会保障卡挂失补换（导入）', '0', '更新'],
    ])
    // The preview wrote nothing.
    expect(await server.db.selectFrom('service_items').select('code').where('code', '=', 'import-app-1').executeTakeFirst()).toBeUndefined()
    await wrapper.find('[data-test="import-confirm"]').trigger('click')
    await until(() => expect(wrapper.find('[data-test="catalog-notice"]').exists()).toBe(true))
    expect(wrapper.find('[data-test="catalog-notice"]').text()).toBe('已导入 2 个事项')
    expect(await storedItem('import-app-1')).toMatchObject({ name: '老年人优待证办理', promisedLimitWorkdays: 0, materials: [{ name: '居民身份证', form: '原件', copies: 1 }] })
    expect((await storedItem('sicard-lost-replace')).name).toBe('社会保障卡挂失补换（导入）')
    expect(wrapper.find('[data-code="import-app-1"] [data-field="guide"]').text()).toBe('指南完整')
    wrapper.unmount()
  })

  it('exports the catalog as an .xlsx that the importer reads back to the same items', async () => {
    await mountApp(Host, { path: '/office' })
    await useOfficeStore().login(server.office.username, server.office.password)
    const catalog = useOfficeCatalogStore()
    const items = await catalog.load()
    const blob = await catalog.exportWorkbook()
    expect(blob.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const parsed = parseCatalogWorkbook(await readCatalogWorkbook(blob))
    expect(parsed.errors).toEqual([])
    expect(parsed.items.map(i => i.item.code)).toEqual(items.map(i => i.code))
    const { code: _c, active: _a, revision: _r, complete: _co, missing: _m, offeredStationIds: _o, offeredBy: _b, provenance: _p, ...notice } = items[0] ?? ({} as never)
    expect(parsed.items[0]?.item).toEqual({ ...notice, code: items[0]?.code })
    // The template has the layout and no rows.
    const template = await readCatalogWorkbook(await writeCatalogWorkbook([], { guide: true }))
    expect(template.items).toHaveLength(1)
    expect(template.materials[0]?.[0]).toBe('事项编码')
  })
})
