/** The office's holiday-schedule page (issue 8 "Urgent first") against the REAL server in-process: import 2027 from an xlsx. */
import type { VueWrapper } from '@vue/test-utils'
import type { TestServer } from '../support/testServer'
import { flushPromises } from '@vue/test-utils'
import writeExcelFile from 'write-excel-file/universal'
import { createPinia, setActivePinia } from 'pinia'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { setOfficeFetch, useOfficeStore } from '../../../src/app/stores/office'
import fixture2027 from '../../fixtures/calendar-2027.json'
import { mountApp } from '../support/mountApp'
import { startServer } from '../support/testServer'

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

async function xlsxFile(rows: string[][]): Promise<File> {
  const blob = await writeExcelFile(rows.map(row => row.map(value => ({ value })))).toBlob()
  return new File([await blob.arrayBuffer()], '2027年节假日.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
}

async function upload(wrapper: VueWrapper, file: File): Promise<void> {
  const input = wrapper.find('[data-test="calendar-file"]')
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
  await flushPromises()
}

describe('the office imports a holiday schedule', () => {
  it('lists the years, refuses a file with bad rows by row number, previews a good one and imports it', async () => {
    // Signed in as the demo admin; the page's fresh Pinia reads the login this tab kept.
    setActivePinia(createPinia())
    await useOfficeStore().login(server.office.username, server.office.password)
    const { wrapper } = await mountApp(Host, { path: '/office/calendar' })
    await vi.waitFor(() => expect(wrapper.findAll('[data-test="calendar-year"]').map(r => r.attributes('data-year'))).toContain('2026'), { timeout: 10_000 })
    expect(wrapper.findAll('[data-test="calendar-year"]').map(r => r.attributes('data-year'))).not.toContain('2027')

    await upload(wrapper, await xlsxFile([['日期', '类型', '说明'], ['2027-01-01', '放假', '元旦'], ['2027-13-01', '放假', ''], ['2027-02-15', '上班', '']]))
    await vi.waitFor(() => expect(wrapper.findAll('[data-test="calendar-error"]')).toHaveLength(2), { timeout: 10_000 })
    expect(wrapper.findAll('[data-test="calendar-error"]').map(e => e.text())).toEqual([
      '第 3 行：日期“2027-13-01”无效，应为 YYYY-MM-DD',
      '第 4 行：2027-02-15 不是周末，无需调休上班',
    ])
    expect(wrapper.find('[data-test="calendar-confirm"]').exists()).toBe(false)

    await wrapper.find('[data-test="calendar-source"] input').setValue('测试数据')
    const rows = [['日期', '类型', '说明'], ...fixture2027.holidays.map(d => [d, '放假', '']), ...fixture2027.workdays.map(d => [d, '上班', '调休'])]
    await upload(wrapper, await xlsxFile(rows))
    await vi.waitFor(() => expect(wrapper.find('[data-test="calendar-preview"]').exists() ? 'preview' : wrapper.find('.office-calendar__import').text()).toBe('preview'), { timeout: 10_000 })
    expect(wrapper.find('[data-test="calendar-preview-counts"]').text()).toContain('放假 37 天，调休上班 9 天')
    expect(wrapper.findAll('[data-test="calendar-preview-month"]')).toHaveLength(7)

    await wrapper.find('[data-test="calendar-confirm"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-test="calendar-done"]').exists() || wrapper.find('[data-test="calendar-error-message"]').exists()).toBe(true), { timeout: 10_000 })
    expect(wrapper.find('[data-test="calendar-error-message"]').exists() ? wrapper.find('[data-test="calendar-error-message"]').text() : '').toBe('')
    expect(wrapper.find('[data-test="calendar-done"]').text()).toContain('2027 年已导入')
    await vi.waitFor(() => expect(wrapper.findAll('[data-test="calendar-year"]').map(r => r.attributes('data-year'))).toContain('2027'))
    const stored = await server.db.selectFrom('calendar_years').selectAll().where('year', '=', 2027).executeTakeFirstOrThrow()
    expect(stored).toMatchObject({ holidays: fixture2027.holidays, workdays: fixture2027.workdays, source: '测试数据' })
    wrapper.unmount()
  }, 30_000)
})
