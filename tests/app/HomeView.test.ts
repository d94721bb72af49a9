import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { useConnectivityStore } from '../../src/app/stores/connectivity'
import HomeView from '../../src/app/views/home/HomeView.vue'
import { mountApp } from './support/mountApp'

describe('counter home screen', () => {
  it('renders in Chinese with the app name, an empty state and only tiles that work', async () => {
    const { wrapper } = await mountApp(HomeView)
    expect(wrapper.find('.van-nav-bar__title').text()).toBe('便民服务站')
    expect(wrapper.find('[data-test="home-empty"]').text()).toContain('暂无待办事项')
    const tiles = wrapper.findAll('a.home-tile')
    expect(tiles.map(t => t.text())).toEqual([expect.stringContaining('设置')])
    expect(tiles[0]?.attributes('href')).toBe('/settings')
  })

  it('shows today\'s date in China Standard Time, whatever the device zone', async () => {
    const { wrapper } = await mountApp(HomeView)
    const cst = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'full' }).format(new Date())
    expect(wrapper.find('[data-test="home-today"]').text()).toBe(`今天 ${cst}`)
  })

  it('shows 在线 / 离线 in the header from the reachability check', async () => {
    const { wrapper } = await mountApp(HomeView)
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
