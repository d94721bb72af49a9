// The set-up most browser test files share: the suite's Chromium, a seeded server of the file's own, and one
// tab on it whose uncaught errors the file collects (and checks stay empty). Open in beforeAll, close in afterAll:
//   beforeAll(async () => {
//     opened = await openSeededPage('ledger-print', { pageErrors, stubPrint: true })
//     server = opened.server
//     page = opened.page
//   })
//   afterAll(() => closeSeededPage(opened))
import type { BrowserContext, Page } from 'playwright-core'
import type { AttachedBrowser } from './browser'
import { attachBrowser } from './browser'
import { stubPrintDialog } from './counter'
import type { SeededServer } from './seededServer'
import { startSeededServer } from './seededServer'

export interface SeededPage {
  browser: AttachedBrowser
  server: SeededServer
  page: Page
  /** The page's context: its own (ownContext) or the browser's persistent default one. */
  context: BrowserContext
  /** True when `context` was made for this page, so closing it is the file's to do. */
  ownContext: boolean
}

export interface SeededPageOptions {
  /** Collects the page's uncaught errors. */
  pageErrors?: string[]
  /** The tab's viewport; the default is Chromium's. */
  viewport?: { width: number, height: number }
  /** The tab in a context of its own (fresh storage, other tabs of the file may join it through `context`). */
  ownContext?: boolean
  /** `window.print` replaced by a counter (stubPrintDialog) before the first navigation. */
  stubPrint?: boolean
}

export async function openSeededPage(name: string, options: SeededPageOptions = {}): Promise<SeededPage> {
  const browser = await attachBrowser()
  let server: SeededServer | undefined
  let context: BrowserContext | undefined
  const ownContext = options.ownContext === true
  try {
    server = await startSeededServer(name)
    context = ownContext ? await browser.browser.newContext(options.viewport ? { viewport: options.viewport } : {}) : browser.context
    const page = ownContext ? await context.newPage() : await browser.newPage()
    if (!ownContext && options.viewport)
      await page.setViewportSize(options.viewport)
    const { pageErrors } = options
    if (pageErrors)
      page.on('pageerror', error => pageErrors.push(error.message))
    if (options.stubPrint)
      await stubPrintDialog(page)
    return { browser, server, page, context, ownContext }
  }
  catch (error) {
    // A set-up that fails half-way leaves nothing running for the next file.
    if (ownContext)
      await context?.close()
    await browser.detach()
    await server?.close()
    throw error
  }
}

/** Closes what openSeededPage opened (nothing when its set-up failed: it cleaned up after itself). */
export async function closeSeededPage(opened: SeededPage | undefined): Promise<void> {
  if (!opened)
    return
  if (opened.ownContext)
    await opened.context.close()
  await opened.browser.detach()
  await opened.server.close()
}
