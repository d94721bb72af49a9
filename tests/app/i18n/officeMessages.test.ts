import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { createAppI18n, loadOfficeMessages, setLocale } from '../../../src/app/i18n'
import officeZh from '../../../src/app/i18n/office.zh-CN'
import zhCN from '../../../src/app/i18n/zh-CN'
import { createAppRouter } from '../../../src/app/router'

// Issue 14 item 11: the counter's first screen carries the counter's messages only; the office console's load
// with its first page.
describe('office console messages', () => {
  it('are not among the first screen\'s messages, and no namespace is in both', () => {
    for (const namespace of Object.keys(officeZh))
      expect(Object.keys(zhCN)).not.toContain(namespace)
  })

  it('load into the instance, in every locale it has and the ones it loads later', async () => {
    const i18n = createAppI18n('zh-CN')
    expect(i18n.global.te('officeNav.metrics')).toBe(false)
    await loadOfficeMessages(i18n.global)
    expect(i18n.global.t('officeNav.metrics')).toBe('服务质量')
    expect(i18n.global.t('app.name')).toBe('便民服务站')
    await setLocale(i18n.global, 'en')
    expect(i18n.global.t('officeNav.metrics')).toBe('Quality')
    expect(i18n.global.t('app.name')).toBe('Convenience Service Station')
    await setLocale(i18n.global, 'zh-CN')
  })

  it('are loaded by the router before an office page opens', async () => {
    setActivePinia(createPinia())
    const i18n = createAppI18n('zh-CN')
    const router = createAppRouter(createMemoryHistory(), { officeMessages: () => loadOfficeMessages(i18n.global) })
    await router.push('/office')
    expect(router.currentRoute.value.name).toBe('office-login')
    expect(i18n.global.te('officeNav.metrics')).toBe(true)
  })
})
