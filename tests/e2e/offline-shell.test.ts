// The counter app as a tablet sees it, served by the real central endpoint: it loads and renders,
// its service worker takes control, it reloads with no network and keeps what was recorded, and a
// new build is offered through the update prompt and, once accepted, is what runs.
// The steps build on each other (one page, one server), so they run in order in one file.
import type { Page, Request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AttachedBrowser } from './support/browser'
import { attachBrowser } from './support/browser'
import { readMetaRow, waitForAppDatabase, writeMetaRow } from './support/indexeddb'
import { waitForAppRendered } from './support/page'
import type { AppServer } from './support/server'
import { startAppServer } from './support/server'

describe('the counter app served by the central endpoint', () => {
  let browser: AttachedBrowser
  let server: AppServer
  let page: Page
  const foreignRequests: string[] = []
  const pageErrors: string[] = []
  /** The title of the screen the app opens on (home, or device enrollment on a new tablet). */
  let firstScreen = ''

  beforeAll(async () => {
    browser = await attachBrowser()
    server = await startAppServer('shell')
    page = await browser.newPage()
    page.on('request', (request: Request) => {
      const url = new URL(request.url())
      if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== server.origin) foreignRequests.push(request.url())
    })
    page.on('pageerror', error => pageErrors.push(error.message))
  })

  afterAll(async () => {
    await browser?.detach()
    await server?.close()
  })

  it('loads from the server and renders in Chinese, online, fetching nothing from another host', async () => {
    const response = await page.goto(`${server.origin}/`)
    expect(response?.status()).toBe(200)
    expect(await page.title()).toBe('便民服务站')
    await waitForAppRendered(page)
    firstScreen = await screenTitle(page)
    expect(firstScreen).toMatch(/[\u4E00-\u9FFF]/)
    expect(await page.locator('html').getAttribute('data-app-version')).toMatch(new RegExp(`\\+${server.buildId}$`))
    // Online is decided by reaching /api/health, and the server answers.
    await expect.poll(() => connectivityShown(page), { timeout: 15_000 }).toBe('online')
    await page.waitForLoadState('networkidle')
    expect(foreignRequests).toEqual([])
    expect(pageErrors).toEqual([])
  })

  it('activates its service worker, which controls the page after a reload', async () => {
    const state = await page.evaluate(async () => {
      // `ready` resolves once a worker is active, possibly still 'activating': wait for 'activated'.
      const registration = await navigator.serviceWorker.ready
      const worker = registration.active
      if (worker && worker.state !== 'activated') {
        await new Promise<void>((resolve) => {
          worker.addEventListener('statechange', () => {
            if (worker.state === 'activated') resolve()
          })
        })
      }
      return { state: worker?.state, scope: registration.scope }
    })
    expect(state).toEqual({ state: 'activated', scope: `${server.origin}/` })

    await page.reload()
    await waitForAppRendered(page)
    const controller = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null)
    expect(controller).toBe(`${server.origin}/sw.js`)
  })

  it('reloads with the network off and still renders, on any route', async () => {
    await browser.context.setOffline(true)
    try {
      // The page really has no network: the API is unreachable (the service worker never answers /api).
      expect(await apiReachable(page)).toBe(false)

      const offlineSince = Date.now()
      const network = trackNetworkRequests(page, offlineSince)
      await page.reload()
      await waitForAppRendered(page)
      expect(await screenTitle(page)).toBe(firstScreen)
      await expect.poll(() => connectivityShown(page), { timeout: 15_000 }).toBe('offline')
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)

      // A client-side route not opened before also comes from the precache (SPA navigation fallback).
      await page.goto(`${server.origin}/settings`)
      await page.locator('[data-test="settings-build"]').waitFor({ timeout: 15_000 })
      // Everything the page asked for came from the service worker; nothing from the network.
      expect(await network.stop()).toEqual([])
      expect(pageErrors).toEqual([])
    }
    finally {
      await browser.context.setOffline(false)
    }
  })

  it('keeps the data recorded before an offline reload', async () => {
    await page.goto(`${server.origin}/`)
    await waitForAppRendered(page)
    // Recorded in the app's own IndexedDB database with the raw API (no recording form exists yet).
    await waitForAppDatabase(page)
    const recorded = { key: 'e2e.offlineProbe', value: { note: '离线前记录的数据', at: new Date().toISOString() } }
    await writeMetaRow(page, recorded)

    await browser.context.setOffline(true)
    try {
      expect(await apiReachable(page)).toBe(false)
      await page.reload()
      await waitForAppRendered(page)
      expect(await readMetaRow(page, recorded.key)).toEqual(recorded)
    }
    finally {
      await browser.context.setOffline(false)
    }
  })

  it('offers a new build through the update prompt and, once accepted, runs it', async () => {
    const oldBuildId = server.buildId
    const newBuildId = `e2e-next-${Date.now()}`
    await server.deploy(newBuildId)

    await page.goto(`${server.origin}/settings`)
    await waitForAppRendered(page)
    await expect.poll(() => buildShownInSettings(page), { timeout: 15_000 }).toBe(oldBuildId)

    // Staff ask for an update from the settings screen; the banner offers it.
    await page.locator('[data-test="settings-check-update"]').click()
    const banner = page.locator('[data-test="update-banner"]')
    await banner.waitFor({ state: 'visible', timeout: 30_000 })
    expect(await banner.innerText()).toContain('有新版本')
    // Nothing changes until staff accept.
    expect(await buildShownInSettings(page)).toBe(oldBuildId)

    await Promise.all([
      page.waitForEvent('load', { timeout: 30_000 }),
      page.locator('[data-test="update-apply"]').click(),
    ])
    await waitForAppRendered(page)
    await expect.poll(() => buildShownInSettings(page), { timeout: 15_000 }).toBe(newBuildId)
    expect(await page.locator('html').getAttribute('data-app-version')).toMatch(new RegExp(`\\+${newBuildId}$`))
    expect(await banner.count()).toBe(0)
    expect(pageErrors).toEqual([])
  })
})

/** Requests of `page` started after `since` that were answered by the network rather than the service worker. */
function trackNetworkRequests(page: Page, since: number): { stop: () => Promise<string[]> } {
  const checks: Promise<string | null>[] = []
  const onFinished = (request: Request): void => {
    checks.push(request.response().then(response =>
      response !== null && !response.fromServiceWorker() && request.timing().startTime >= since
        ? `${request.method()} ${request.url()}`
        : null))
  }
  page.on('requestfinished', onFinished)
  return {
    stop: async () => {
      page.off('requestfinished', onFinished)
      return (await Promise.all(checks)).filter(entry => entry !== null)
    },
  }
}

/** The title in the app's header bar. */
async function screenTitle(page: Page): Promise<string> {
  return (await page.locator('.van-nav-bar__title').first().innerText()).trim()
}

/** What the header's connectivity tag shows: 'online', 'offline' or 'checking'. */
async function connectivityShown(page: Page): Promise<string | null> {
  return page.locator('.connectivity-tag').first().getAttribute('data-state')
}

async function apiReachable(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    try {
      await fetch('/api/health', { cache: 'no-store' })
      return true
    }
    catch {
      return false
    }
  })
}

async function buildShownInSettings(page: Page): Promise<string | null> {
  const cell = page.locator('[data-test="settings-build"] .van-cell__value')
  return (await cell.count()) === 1 ? (await cell.innerText()).trim() : null
}
