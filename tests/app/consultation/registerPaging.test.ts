/**
 * Issue 5 item 5 in the consultation register: three years of a busy station stay fast. The register
 * draws only the rows in view (virtual list), reads pages of 50 from the `lastAt` / `[status+lastAt]`
 * indexes as it scrolls, and searches names and mobiles through the keyed search tokens.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { consultationsRepo, recordEvents } from '../../../src/app/data'
import { PAGE_SIZE, useConsultationsStore } from '../../../src/app/stores/consultations'
import { newStreamId } from '../../../src/domain/events'
import { consultationRecorded, consultationReferred } from '../support/database'
import { until } from '../support/until'
import { mountAt, signedInCounter } from '../support/signedInCounter'

const Host = defineComponent({ render: () => h(RouterView) })

/** The register has answered a search for `query` (the newest find() has landed) and drawn it. */
async function searched(query: string): Promise<void> {
  await until(() => {
    const store = useConsultationsStore()
    expect(store.shownQuery).toBe(query)
    expect(store.loading).toBe(false)
  })
}

/** Seeding 500 consultations and mounting the register is slow on a loaded machine. */
const SCALE_TIMEOUT_MS = 90_000

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵']
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋']

/**
 * 500 consultations over three years, one a day apart (the newest last); every 4th referred. The oldest is
 * 诸葛孔明 on 137 1234 5678, far beyond the first page.
 */
async function seed(total = 500): Promise<string> {
  const start = Date.parse('2023-10-01T09:00:00+08:00')
  const events = []
  let oldest = ''
  for (let i = 0; i < total; i++) {
    const stream = newStreamId('consultation')
    const at = new Date(start + i * 2 * 86_400_000).toISOString()
    const contact = i === 0
      ? { name: '诸葛孔明', phone: '13712345678' }
      : { name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[i % GIVEN.length]}${GIVEN[(i >> 3) % GIVEN.length]}`, phone: `139${String(i).padStart(8, '0')}` }
    if (i === 0)
      oldest = stream
    events.push({ ...consultationRecorded({ stream, occurredAt: at }), payload: { channel: 'visit', contact, question: `第${i}号问题` } })
    if (i % 4 === 0)
      events.push(consultationReferred(stream, '2099-01-01T23:59:59.999+08:00', { occurredAt: at }))
  }
  await recordEvents(events)
  return oldest
}

const rowsOf = (wrapper: { findAll: (s: string) => unknown[] }) => wrapper.findAll('[data-test="consultation-row"]')

afterEach(() => {
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

describe('the consultation register at scale (issue 5 item 5)', () => {
  it('draws a window of rows for 500 consultations and loads the next page from the index on scroll', async () => {
    const pinia = await signedInCounter()
    await seed()
    const listPage = vi.spyOn(consultationsRepo, 'listPage')
    const listRecent = vi.spyOn(consultationsRepo, 'listRecent')
    const { wrapper } = await mountAt(Host, '/consultations', pinia)
    const store = useConsultationsStore()
    await until(() => expect(store.rows).toHaveLength(PAGE_SIZE))
    await until(() => expect(rowsOf(wrapper).length).toBeGreaterThan(0))
    expect(store.hasMore).toBe(true)
    expect(listPage).toHaveBeenCalledWith({ limit: PAGE_SIZE, status: null })
    expect(listRecent).not.toHaveBeenCalled()
    const drawn = rowsOf(wrapper).length
    expect(drawn).toBeGreaterThan(0)
    expect(drawn).toBeLessThan(40)
    // Most recent first, masked.
    expect(store.rows[0]?.question).toBe('第499号问题')
    expect(wrapper.html()).not.toContain('13900000499')

    const scroller = wrapper.find('[data-test="consultation-scroller"]')
    ;(scroller.element as HTMLElement).scrollTop = 45 * 88
    await scroller.trigger('scroll')
    await until(() => expect(store.rows).toHaveLength(2 * PAGE_SIZE))
    expect(store.rows[PAGE_SIZE]?.question).toBe('第449号问题')
    expect(new Set(store.rows.map(r => r.id)).size).toBe(2 * PAGE_SIZE)
    await until(() => expect(wrapper.text()).toContain('第455号问题'))
    expect(rowsOf(wrapper).length).toBeLessThan(40)
    wrapper.unmount()
  }, SCALE_TIMEOUT_MS)

  it('finds the oldest consultation by mobile and by a 2-character piece of the name, through the search tokens', async () => {
    const pinia = await signedInCounter()
    const oldest = await seed()
    const byTokens = vi.spyOn(consultationsRepo, 'searchByTokens')
    const { wrapper } = await mountAt(Host, '/consultations', pinia)
    await until(() => expect(useConsultationsStore().rows).toHaveLength(PAGE_SIZE))
    const search = wrapper.find('[data-test="consultation-search"] input')

    await search.setValue('137 1234 5678')
    await searched('137 1234 5678')
    expect(byTokens).toHaveBeenCalled()
    await until(() => expect(rowsOf(wrapper)).toHaveLength(1))
    expect(useConsultationsStore().rows.map(r => r.id)).toEqual([oldest])
    expect((rowsOf(wrapper)[0] as { text: () => string }).text()).toContain('137****5678')
    expect(wrapper.html()).not.toContain('诸葛孔明')

    await search.setValue('孔明')
    await searched('孔明')
    expect(useConsultationsStore().rows.map(r => r.id)).toEqual([oldest])
    await until(() => expect((rowsOf(wrapper)[0] as { text: () => string } | undefined)?.text()).toContain('诸**明'))

    await search.setValue('葛孔')
    await searched('葛孔')
    expect(useConsultationsStore().rows.map(r => r.id)).toEqual([oldest])

    await search.setValue('13799999999')
    await searched('13799999999')
    await until(() => expect(rowsOf(wrapper)).toHaveLength(0))
    expect(wrapper.text()).toContain('没有符合条件的咨询')
    wrapper.unmount()
  }, SCALE_TIMEOUT_MS)

  it('filters by status through the [status+lastAt] index, paging within it', async () => {
    const pinia = await signedInCounter()
    await seed()
    const listPage = vi.spyOn(consultationsRepo, 'listPage')
    const { wrapper } = await mountAt(Host, '/consultations', pinia)
    const store = useConsultationsStore()
    await until(() => expect(store.rows).toHaveLength(PAGE_SIZE))

    await wrapper.find('[data-status="referred"]').trigger('click')
    await until(() => {
      expect(store.shownStatus).toBe('referred')
      expect(store.loading).toBe(false)
    })
    expect(listPage).toHaveBeenLastCalledWith({ limit: PAGE_SIZE, status: 'referred' })
    expect(store.rows).toHaveLength(PAGE_SIZE)
    expect(store.rows.every(r => r.status === 'referred')).toBe(true)
    expect(store.rows[0]?.question).toBe('第496号问题')
    await until(() => expect(rowsOf(wrapper).length).toBeGreaterThan(0))
    await until(() => expect(rowsOf(wrapper).every(r => (r as { text: () => string }).text().includes('已转交待答复'))).toBe(true))

    await store.loadMore()
    await store.loadMore()
    await store.loadMore()
    expect(store.rows).toHaveLength(125)
    expect(store.hasMore).toBe(false)
    expect(store.rows.every(r => r.status === 'referred')).toBe(true)

    // Status and search together.
    await wrapper.find('[data-test="consultation-search"] input').setValue('孔明')
    await searched('孔明')
    expect(store.rows).toHaveLength(1)
    await wrapper.find('[data-status="open"]').trigger('click')
    await until(() => {
      expect(store.shownStatus).toBe('open')
      expect(store.loading).toBe(false)
    })
    await until(() => expect(rowsOf(wrapper)).toHaveLength(0))
    await wrapper.find('[data-status="all"]').trigger('click')
    await until(() => {
      expect(store.shownStatus).toBe(null)
      expect(store.loading).toBe(false)
    })
    await until(() => expect(rowsOf(wrapper)).toHaveLength(1))
    wrapper.unmount()
  }, SCALE_TIMEOUT_MS)
})
