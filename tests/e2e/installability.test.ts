// The counter tablet installs the app from the address bar: Chromium must find nothing wrong with
// the manifest, icons or service worker. Checked in the suite's persistent (non-incognito) profile,
// because Chromium reports every incognito page as not installable.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AttachedBrowser } from './support/browser'
import { attachBrowser } from './support/browser'
import { waitForAppRendered } from './support/page'
import type { AppServer } from './support/server'
import { startAppServer } from './support/server'

interface InstallabilityError {
  errorId: string
  errorArguments: { name: string, value: string }[]
}

describe('installability', () => {
  let browser: AttachedBrowser
  let server: AppServer
  let page: Page

  beforeAll(async () => {
    browser = await attachBrowser()
    server = await startAppServer('install')
    page = await browser.newPage()
  })

  afterAll(async () => {
    await browser?.detach()
    await server?.close()
  })

  it('has a manifest Chromium parses without errors, named 便民服务站', async () => {
    await page.goto(`${server.origin}/`)
    await waitForAppRendered(page)
    const cdp = await browser.cdp(page)
    const manifest = await cdp.send('Page.getAppManifest') as { url: string, errors: unknown[], data?: string }
    expect(manifest.url).toMatch(new RegExp(`^${server.origin}/`))
    expect(manifest.errors).toEqual([])
    const data = JSON.parse(manifest.data ?? '{}') as { name?: string, display?: string, icons?: { sizes?: string, purpose?: string }[] }
    expect(data.name).toBe('便民服务站')
    expect(data.display).toBe('standalone')
    expect(data.icons?.map(icon => `${icon.sizes} ${icon.purpose ?? 'any'}`)).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']))
  })

  it('reports no installability errors once the service worker is active', async () => {
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready
    })
    const cdp = await browser.cdp(page)
    const read = async (): Promise<InstallabilityError[]> =>
      (await cdp.send('Page.getInstallabilityErrors') as { installabilityErrors: InstallabilityError[] }).installabilityErrors
    // Chromium evaluates installability asynchronously after load: allow it time to settle (one call can take ~10 s).
    await expect.poll(read, { timeout: 60_000, interval: 500 }).toEqual([])
  })
})
