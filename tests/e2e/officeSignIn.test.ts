// Issue 14 item 9 in Chromium: a wrong office password comes back at once as a message under the form, with the
// fields usable again and no browser pop-up (the server sends no WWW-Authenticate); the right one opens the
// console. The "已可离线使用" banner, which a service-worker install raises, never shows on office pages: they
// need the network.
import type { BrowserContext, Dialog, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AttachedBrowser } from './support/browser'
import { attachBrowser } from './support/browser'
import { waitForAppRendered } from './support/page'
import type { SeededServer } from './support/seededServer'
import { startSeededServer } from './support/seededServer'

describe('office sign-in in the browser', () => {
  let browser: AttachedBrowser
  let server: SeededServer
  let context: BrowserContext
  let page: Page
  const dialogs: string[] = []
  const unauthorizedHeaders: (string | undefined)[] = []

  beforeAll(async () => {
    browser = await attachBrowser()
    server = await startSeededServer('office-sign-in')
    context = await browser.browser.newContext({ viewport: { width: 1280, height: 800 } })
    page = await context.newPage()
    page.on('dialog', (dialog: Dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`)
      void dialog.dismiss()
    })
    page.on('response', (response) => {
      if (response.url().endsWith('/api/office/session') && response.status() === 401)
        unauthorizedHeaders.push(response.headers()['www-authenticate'])
    })
  })

  afterAll(async () => {
    await context?.close()
    await browser?.detach()
    await server?.close()
  })

  it('a wrong password is told under the form and the form is usable again; the right one opens the console', async () => {
    await page.goto(`${server.origin}/office`)
    await waitForAppRendered(page)
    const username = page.locator('[data-test="office-username"] input')
    const password = page.locator('[data-test="office-password"] input')
    const submit = page.locator('[data-test="office-login-submit"]')
    await username.fill(server.demo.office.username)
    await password.fill('not-the-password')
    await submit.click()

    const error = page.locator('[data-test="office-login-error"]')
    await expect.poll(() => error.textContent(), { timeout: 15_000 }).toContain('用户名或密码不正确')
    expect(unauthorizedHeaders).toEqual([undefined])
    expect(dialogs).toEqual([])
    await expect.poll(() => username.isEnabled()).toBe(true)
    expect(await password.isEnabled()).toBe(true)
    expect(await submit.textContent()).not.toContain('正在登录')

    await password.fill(server.demo.office.password ?? '')
    await submit.click()
    await page.waitForURL(url => url.pathname === '/office/metrics')
    expect(dialogs).toEqual([])
  })

  it('office pages never show the "已可离线使用" banner, even once the service worker is ready', async () => {
    // The app registers its service worker on office pages too (once idle): wait for it, then reload under it.
    await expect.poll(() => page.evaluate(async () => Boolean(await navigator.serviceWorker.getRegistration())), { timeout: 30_000 }).toBe(true)
    await page.reload()
    await waitForAppRendered(page)
    await page.locator('[data-test="office-nav-office-metrics"]').waitFor()
    expect(await page.getByText('已可离线使用').count()).toBe(0)
  })
})
