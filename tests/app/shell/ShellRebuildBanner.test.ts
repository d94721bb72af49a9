import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { metaRepo, recordEvent } from '../../../src/app/data'
import ShellRebuildBanner from '../../../src/app/components/shell/ShellRebuildBanner.vue'
import { useMaintenanceStore } from '../../../src/app/stores/maintenance'
import { caseReceived, freshDatabase } from '../support/database'
import { mountApp } from '../support/mountApp'

describe('rebuild banner (issue 5)', () => {
  it('shows n / m while projections are rebuilt in the background, and nothing once done', async () => {
    freshDatabase()
    const { wrapper } = await mountApp(ShellRebuildBanner)
    const maintenance = useMaintenanceStore()
    expect(wrapper.find('[data-test="rebuild-banner"]').exists()).toBe(false)

    maintenance.rebuilding = true
    maintenance.done = 200
    maintenance.total = 1000
    await flushPromises()
    expect(wrapper.find('[data-test="rebuild-progress"]').text()).toBe('正在整理本机数据 200 / 1000')
    expect(wrapper.find('progress').attributes('value')).toBe('20')

    // A real run: a pending rebuild of two streams finishes and the banner goes away.
    await recordEvent(caseReceived())
    await recordEvent(caseReceived())
    await metaRepo.set('projectionRebuildStartedAt', new Date().toISOString())
    maintenance.rebuilding = false
    await maintenance.resume()
    await flushPromises()
    expect([maintenance.done, maintenance.total]).toEqual([2, 2])
    expect(wrapper.find('[data-test="rebuild-banner"]').exists()).toBe(false)
    expect(await metaRepo.get('projectionRebuildStartedAt')).toBeUndefined()
  })

  it('says why a rebuild stopped and lets staff continue it', async () => {
    const { faults } = freshDatabase()
    await recordEvent(caseReceived())
    await metaRepo.set('projectionRebuildStartedAt', new Date().toISOString())
    const { wrapper } = await mountApp(ShellRebuildBanner)
    const maintenance = useMaintenanceStore()
    faults.failWrites('cases', new Error('磁盘错误'), ['put'])

    await maintenance.resume()
    await flushPromises()
    expect(wrapper.find('[data-test="rebuild-failed"]').text()).toContain('磁盘错误')

    faults.clear()
    await wrapper.find('[data-test="rebuild-retry"]').trigger('click')
    await maintenance.resume()
    await flushPromises()
    expect(wrapper.find('[data-test="rebuild-failed"]').exists()).toBe(false)
    expect(await metaRepo.get('projectionRebuildStartedAt')).toBeUndefined()
  })
})
