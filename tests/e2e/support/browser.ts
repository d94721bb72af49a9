// Attaches a test file to the suite's one Chromium (launched by global-setup.ts).
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import { inject } from 'vitest'
import type { E2eContext } from './context'

export type ReadyE2eContext = Extract<E2eContext, { ok: true }>

/** The global setup's result; throws (failing the test, never skipping it) when the suite cannot run. */
export function e2eContext(): ReadyE2eContext {
  const context = inject('e2e')
  if (!context.ok) throw new Error(context.error)
  return context
}

export interface AttachedBrowser {
  browser: Browser
  /** The browser's default, persistent context (not incognito: installability and storage behave as on a tablet). */
  context: BrowserContext
  /** A fresh tab; closed by `detach`. */
  newPage: () => Promise<Page>
  /** The raw DevTools protocol for a page (e.g. Page.getInstallabilityErrors). */
  cdp: (page: Page) => Promise<CDPSession>
  /** Closes this file's tabs, puts the network back online and disconnects (the browser keeps running). */
  detach: () => Promise<void>
}

export async function attachBrowser(): Promise<AttachedBrowser> {
  const { cdpEndpoint } = e2eContext()
  const browser = await chromium.connectOverCDP(cdpEndpoint)
  const context = browser.contexts()[0]
  if (context === undefined) throw new Error(`Chromium at ${cdpEndpoint} has no default context`)
  const pages: Page[] = []
  return {
    browser,
    context,
    newPage: async () => {
      const page = await context.newPage()
      pages.push(page)
      return page
    },
    cdp: page => context.newCDPSession(page),
    detach: async () => {
      await context.setOffline(false)
      for (const page of pages) await page.close().catch(() => undefined)
      await browser.close()
    },
  }
}
