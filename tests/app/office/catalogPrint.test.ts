/**
 * 5.2.2 事项清单 and 5.2.4 公示牌 printed from the office catalog page, against the REAL server in-process (demo
 * seed): each printed field by value, only the station's active offered items, and none of the staff research
 * notes the seed carries (remarks, limitNote, material notes, sources).
 */
import type { VueWrapper } from '@vue/test-utils'
import type { TestServer } from '../support/testServer'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { setOfficeFetch, useOfficeStore } from '../../../src/app/stores/office'
import seed from '../../../src/server/seed/service-items.json'
import { mountApp } from '../support/mountApp'
import { startServer } from '../support/testServer'
import { until } from '../support/until'

const Host = defineComponent({ render: () => h(RouterView) })
let server: TestServer
const print = vi.fn()

beforeAll(async () => {
  server = await startServer()
  await server.db.updateTable('stations').set({ contact_phone: '0356-2021234' }).where('id', '=', server.stationId).execute()
  // Not on the station's papers: withdrawn from the catalog, and no longer offered by the station.
  await server.db.updateTable('service_items').set({ active: false }).where('code', '=', 'health-birth-registration').execute()
  await server.db.updateTable('station_items').set({ offered: false }).where('item_code', '=', 'employ-unemployment-registration').execute()
  Object.defineProperty(window, 'print', { value: print, configurable: true })
}, 60_000)

afterAll(async () => {
  await server?.close()
})

beforeEach(() => {
  sessionStorage.clear()
  server.clearCookies()
  setOfficeFetch(server.fetch)
  print.mockClear()
})

afterEach(async () => {
  setOfficeFetch(undefined)
})

async function catalogPage(): Promise<VueWrapper> {
  const { wrapper, router } = await mountApp(Host, { path: '/office' })
  await useOfficeStore().login(server.office.username, server.office.password)
  await router.push('/office/catalog')
  await until(() => expect(wrapper.findAll('[data-test="catalog-row"]').length).toBe(12))
  return wrapper
}

function printed(selector: string): HTMLElement {
  const sheet = document.body.querySelector<HTMLElement>(`.bm-print-root ${selector}`)
  if (!sheet)
    throw new Error(`${selector} not printed`)
  return sheet
}

function cells(sheet: HTMLElement, name: string): Record<string, string> {
  const row = [...sheet.querySelectorAll('[data-test="print-row"]')].find(r => r.querySelector('[data-field="name"]')?.textContent?.trim() === name)
  if (!row)
    throw new Error(`${name} not printed`)
  return Object.fromEntries([...row.querySelectorAll('[data-field]')].map(td => [td.getAttribute('data-field'), td.textContent?.trim() ?? '']))
}

/** Every research note of the seed: none may reach a citizen-facing paper. */
const internalNotes = seed.items.flatMap(i => [i.remarks, i.limitNote, i.sourceRegion, ...i.sources, ...i.materials.map(m => m.note)])
  .filter((s): s is string => typeof s === 'string' && s.length > 0)

describe('the catalog papers', { timeout: 30_000 }, () => {
  it('prints the station\'s 公示牌: offered active items with process, time limit, fee and contact, no internal notes', async () => {
    const wrapper = await catalogPage()
    const station = await server.db.selectFrom('stations').select(['name', 'address']).where('id', '=', server.stationId).executeTakeFirstOrThrow()
    await wrapper.find('[data-test="print-station"]').setValue(server.stationId)
    await wrapper.find('[data-test="print-board"]').trigger('click')
    await until(() => {
      expect(document.body.querySelector('.bm-print-root [data-test="print-notice-board"]')).not.toBeNull()
      expect(print).toHaveBeenCalledTimes(1)
    })
    const board = printed('[data-test="print-notice-board"]')
    expect(board.querySelector('.print-sheet__title')?.textContent?.trim()).toBe('服务事项公示')
    expect(board.querySelector('[data-field="station"]')?.textContent?.trim()).toBe(`便民服务站：${station.name}`)
    expect(board.querySelectorAll('[data-test="print-row"]')).toHaveLength(10)
    // Catalog (code) order: hukou-birth-registration, hukou-idcard-lost, hukou-idcard-renew, …
    expect(cells(board, '居民身份证换领(有效期满)')).toEqual({
      no: '3',
      name: '居民身份证换领(有效期满)',
      process: '申请 → 受理 → 审核 → 签发 → 传输 → 制作 → 发放',
      timeLimit: '15 个工作日',
      fee: '有效期满换领:工本费20元/证',
      contact: '0356-2021234',
    })
    expect(cells(board, '出生登记(新生儿国内出生户口登记)').timeLimit).toBe('即办')
    expect(cells(board, '城乡居民基本养老保险待遇领取')).toMatchObject({ timeLimit: '详询窗口', fee: '不收费' })
    expect(cells(board, '城乡居民基本养老保险参保登记').fee).toBe('详询窗口')
    expect(board.querySelector('[data-field="address"]')?.textContent?.replace(/\s+/g, '')).toBe(`地址：${station.address}；服务电话：0356-2021234`)
    const text = board.textContent ?? ''
    expect(text).not.toContain('失业登记')
    expect(text).not.toContain('生育登记')
    for (const note of internalNotes)
      expect(text).not.toContain(note)
    wrapper.unmount()
  })

  it('prints the 事项清单 of the whole catalog: department, time limit, fee and material count, no internal notes', async () => {
    const wrapper = await catalogPage()
    await wrapper.find('[data-test="print-list"]').trigger('click')
    await until(() => {
      expect(document.body.querySelector('.bm-print-root [data-test="print-catalog-list"]')).not.toBeNull()
      expect(print).toHaveBeenCalledTimes(1)
    })
    const list = printed('[data-test="print-catalog-list"]')
    expect(list.querySelector('.print-sheet__title')?.textContent?.trim()).toBe('服务事项清单')
    // The whole catalog's active items (the withdrawn one left out; the one a station stopped offering stays).
    expect(list.querySelectorAll('[data-test="print-row"]')).toHaveLength(11)
    expect(cells(list, '居民身份证遗失补领')).toEqual({ no: '3', name: '居民身份证遗失补领', department: '公安机关', timeLimit: '15 个工作日', fee: '遗失补领(及损坏换领):工本费40元/证', materials: '5 项' })
    expect(cells(list, '失业登记').timeLimit).toBe('3 个工作日')
    const text = list.textContent ?? ''
    for (const note of internalNotes)
      expect(text).not.toContain(note)
    wrapper.unmount()
  })
})
