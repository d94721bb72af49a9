// Office console steps the browser journeys share.
import type { Page } from 'playwright-core'
import { waitForAppRendered } from './page'

/** An office login: the demo's printed one (server.demo.office) or an account a test made. */
export interface OfficeLogin {
  username: string
  password: string | null
}

/** Signs in at `<origin>/office` with `login` and waits for the console's first screen (/office/metrics). */
export async function officeSignIn(page: Page, origin: string, login: OfficeLogin): Promise<void> {
  await page.goto(`${origin}/office`)
  await waitForAppRendered(page)
  await page.locator('[data-test="office-username"] input').fill(login.username)
  await page.locator('[data-test="office-password"] input').fill(login.password ?? '')
  await page.locator('[data-test="office-login-submit"]').click()
  await page.waitForURL(url => url.pathname === '/office/metrics', { timeout: 30_000 })
}
