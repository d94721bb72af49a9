import { enableAutoUnmount, flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { useConnectivityStore } from '../../../src/app/stores/connectivity'
import { offlineFetch } from '../support/enrolledTablet'
import { mountAt, signedInCounter } from '../support/signedInCounter'
import { until } from '../support/until'

const Host = defineComponent({ render: () => h(RouterView) })

/** The home screen as the router shows it: on an enrolled tablet, with a staff member signed in. */
async function openHome() {
  // The header checks whether the server answers; no server runs here, so the tablet is offline.
  vi.stubGlobal('fetch', offlineFetch)
  const pinia = await signedInCounter()
  const { wrapper, router } = await mountAt(Host, '/', pinia)
  await until(() => expect(wrapper.find('[data-test="home-today"]').exists()).toBe(true))
  expect(router.currentRoute.value.name).toBe('home')
  return { wrapper }
}

enableAutoUnmount(afterEach)
afterEach(() => {
  useConnectivityStore().pause()
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('counter home screen', () => {
  it('renders in Chinese with the app name, an empty to-do list and the counter\'s tiles', async () => {
    const { wrapper } = await openHome()
    expect(wrapper.find('.van-nav-bar__title').text()).toBe('便民服务站')
    expect(wrapper.find('[data-test="home-empty"]').text()).toContain('暂无待办事项')
    for (const tile of ['intake', 'cases', 'consultations', 'items', 'ledgers', 'close-day', 'settings'])
      expect(wrapper.find(`[data-test="tile-${tile}"]`).exists(), tile).toBe(true)
    expect(wrapper.find('[data-test="tile-settings"]').attributes('href')).toBe('/settings')
  })

  it('shows today\'s date in China Standard Time, whatever the device zone', async () => {
    const { wrapper } = await openHome()
    const cst = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'full' }).format(new Date())
    expect(wrapper.find('[data-test="home-today"]').text()).toBe(`今天 ${cst}`)
  })

  it('shows 在线 / 离线 in the header from the reachability check', async () => {
    const { wrapper } = await openHome()
    const connectivity = useConnectivityStore()
    const tag = () => wrapper.find('.connectivity-tag')
    expect(tag().attributes('data-state')).toBe('checking')

    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ status: 'ok' })))
    await connectivity.check()
    await flushPromises()
    expect(tag().text()).toBe('在线')

    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch')
    })
    await connectivity.check()
    await flushPromises()
    expect(tag().text()).toBe('离线')
    connectivity.pause()
    vi.unstubAllGlobals()
  })
})
