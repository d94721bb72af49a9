// Small waits on the app's page that the browser tests share.
import type { Page } from 'playwright-core'

const CJK = /[\u4E00-\u9FFF]/

/** Waits until the Vue app has mounted and shows Chinese text (not just the static HTML shell). */
export async function waitForAppRendered(page: Page, timeout = 30_000): Promise<string> {
  await page.waitForFunction(
    (source) => {
      const app = document.querySelector('#app')
      return app !== null && app.children.length > 0 && new RegExp(source).test(app.textContent ?? '')
    },
    CJK.source,
    { timeout },
  )
  return page.locator('#app').innerText()
}
