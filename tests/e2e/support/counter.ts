// Counter steps the browser journeys share: enroll with the printed code, sign in by PIN through the
// keypad, go offline, draw a signature, read what the tablet stored (raw IndexedDB, no app code) and
// watch what reached the network.
import type { BrowserContext, Page, Request } from 'playwright-core'
import { expect } from 'vitest'
import type { DomainEvent } from '../../../src/domain/events'
import { appDatabaseName } from './indexeddb'
import { waitForAppRendered } from './page'
import type { SeededServer } from './seededServer'
import { readAllRows } from './seededServer'

/** Enrolls a fresh tablet with the code `npm start` printed and waits for the staff tiles of sign-in. */
export async function enrollTablet(page: Page, server: SeededServer, staffId: string = server.demo.staff[0].id): Promise<void> {
  await page.goto(`${server.origin}/`)
  await waitForAppRendered(page)
  await page.locator('[data-test="enroll-code"] input').fill(server.demo.enrollmentCode.code)
  await page.locator('[data-test="enroll-submit"]').click()
  await page.locator(`[data-test="staff-${staffId}"]`).waitFor({ timeout: 30_000 })
  expect(new URL(page.url()).pathname).toBe('/signin')
}

/** Chooses a staff tile on the sign-in screen and types the PIN. */
export async function signIn(page: Page, staff: { id: string, pin: string }): Promise<void> {
  await page.locator(`[data-test="staff-${staff.id}"]`).click()
  await enterPin(page, staff.pin)
}

/** Waits until a service worker is activated and controls the page (first install: after one reload). */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready
    const worker = registration.active
    if (worker && worker.state !== 'activated') {
      await new Promise<void>((resolve) => {
        worker.addEventListener('statechange', () => {
          if (worker.state === 'activated') resolve()
        })
      })
    }
  })
  if (await page.evaluate(() => navigator.serviceWorker.controller === null)) {
    // The app does not claim clients: the page loaded before the worker existed is not controlled until reloaded.
    await page.reload()
    await waitForAppRendered(page)
  }
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 })
}

/** Takes the browser offline and waits until the app says so; the API is then unreachable from the page. */
export async function goOffline(page: Page, context: BrowserContext): Promise<void> {
  await context.setOffline(true)
  expect(await page.evaluate(async () => {
    try {
      await fetch('/api/health', { cache: 'no-store' })
      return true
    }
    catch {
      return false
    }
  })).toBe(false)
  await expect.poll(() => connectivityShown(page), { timeout: 15_000 }).toBe('offline')
}

/** Types a PIN on the keypad (sign-in after choosing a name, or the lock screen) and confirms it. */
export async function enterPin(page: Page, pin: string): Promise<void> {
  await page.locator('[data-test="pin-dots"]').waitFor({ timeout: 30_000 })
  for (const digit of pin)
    await page.locator(`[data-test="key-${digit}"]`).click()
  await page.locator('[data-test="pin-submit"]').click()
  await page.locator('[data-test="pin-dots"]').waitFor({ state: 'detached', timeout: 15_000 })
}

/** The header's back arrow. */
export async function headerBack(page: Page): Promise<void> {
  await page.locator('.shell-header .van-nav-bar__left').click()
}

/** What the header's connectivity tag shows: 'online', 'offline' or 'checking'. */
export async function connectivityShown(page: Page): Promise<string | null> {
  return page.locator('.connectivity-tag').first().getAttribute('data-state')
}

/**
 * Requests of `page` from now on that the network answered (not the service worker, not data:/blob:).
 * Offline, a request the app tries fails and is no answer: `stop` lists only what was really fetched.
 */
export function trackNetworkResponses(page: Page): { stop: () => Promise<string[]> } {
  const checks: Promise<string | null>[] = []
  const onFinished = (request: Request): void => {
    const protocol = new URL(request.url()).protocol
    if (protocol === 'data:' || protocol === 'blob:')
      return
    checks.push(request.response().then(response =>
      response !== null && !response.fromServiceWorker() ? `${request.method()} ${request.url()}` : null))
  }
  page.on('requestfinished', onFinished)
  return {
    stop: async () => {
      page.off('requestfinished', onFinished)
      return (await Promise.all(checks)).filter(entry => entry !== null)
    },
  }
}

/** Draws a signature stroke on the signature canvas in `scope` with the mouse (pointer events) and waits until it is taken. */
export async function drawSignature(page: Page, scope: string, signedText: string): Promise<void> {
  const pad = page.locator(`${scope} [data-test="signature-pad"]`)
  await pad.scrollIntoViewIfNeeded()
  const box = await pad.boundingBox()
  if (box === null) throw new Error(`no signature pad visible in ${scope}`)
  const y = box.y + box.height / 2
  await page.mouse.move(box.x + box.width * 0.15, y)
  await page.mouse.down()
  for (let i = 1; i <= 12; i++)
    await page.mouse.move(box.x + box.width * (0.15 + i * 0.05), y + Math.sin(i) * box.height * 0.25)
  await page.mouse.up()
  await expect.poll(() => page.locator(`${scope} [data-test="signature-state"]`).innerText(), { timeout: 10_000 }).toContain(signedText)
}

/** The events of one stream on this tablet in recording order (offline every one is still in the outbox, which keeps that order). */
export async function streamEventsInRecordingOrder(page: Page, stream: string): Promise<DomainEvent[]> {
  const [events, outbox] = await Promise.all([
    readAllRows<DomainEvent>(page, 'events'),
    readAllRows<{ order: number, eventId: string }>(page, 'outbox'),
  ])
  const order = new Map(outbox.map(row => [row.eventId, row.order]))
  const mine = events.filter(e => e.stream === stream)
  for (const e of mine)
    expect(order.has(e.id), `event ${e.type} of ${stream} is in the outbox`).toBe(true)
  return mine.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
}

export interface StoredBlob {
  sha256: string
  type: string
  size: number
  /** SHA-256 of the stored bytes, computed in the page (of the ciphertext when `encrypted`). */
  contentSha256: string
  /** Stored as IV ‖ AES-GCM ciphertext (encryption at rest, src/app/data/crypto/blobCodec.ts). */
  encrypted: boolean
}

/** The blobs table: each attachment's key, type, size and the SHA-256 of its bytes. */
export async function readBlobs(page: Page): Promise<StoredBlob[]> {
  return page.evaluate(name => new Promise<StoredBlob[]>((resolve, reject) => {
    const open = indexedDB.open(name)
    open.onerror = () => reject(open.error ?? new Error(`cannot open ${name}`))
    open.onsuccess = () => {
      const db = open.result
      const request = db.transaction('blobs', 'readonly').objectStore('blobs').getAll()
      request.onerror = () => {
        db.close()
        reject(request.error ?? new Error('cannot read blobs'))
      }
      request.onsuccess = () => {
        db.close()
        const rows = request.result as { sha256: string, blob: Blob | Uint8Array<ArrayBuffer>, type: string, size: number, enc?: 1 }[]
        Promise.all(rows.map(async (row) => {
          const bytes = row.blob instanceof Blob ? await row.blob.arrayBuffer() : row.blob
          const digest = await crypto.subtle.digest('SHA-256', bytes)
          const hex = Array.from(new Uint8Array(digest), b => b.toString(16).padStart(2, '0')).join('')
          return { sha256: row.sha256, type: row.type, size: row.size, contentSha256: hex, encrypted: row.enc === 1 }
        })).then(resolve, reject)
      }
    }
  }), appDatabaseName)
}

/**
 * Replaces `window.print` (on every document of the page) with a counter: the browser's own dialog is
 * not what is tested, the sheet the app puts in its print root is. `printCalls` reads the counter.
 */
export async function stubPrintDialog(page: Page): Promise<void> {
  const install = (): void => {
    const w = window as unknown as { __printCalls: number }
    w.__printCalls = 0
    window.print = () => {
      w.__printCalls++
    }
  }
  await page.addInitScript(install)
  await page.evaluate(install)
}

export async function printCalls(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __printCalls?: number }).__printCalls ?? 0)
}

/**
 * Checks one printed sheet under print media: it is visible while the app chrome is not, it has each of
 * `fields` (`data-field`), and every field it marks shows non-empty text (a table row: its value cell,
 * not just its label; no '—' placeholder). Returns each field's text. Puts screen media back afterwards.
 */
export async function expectPrintedSheet(page: Page, sheet: string, fields: readonly string[]): Promise<Record<string, string>> {
  const root = page.locator(`.bm-print-root [data-test="${sheet}"]`)
  await root.waitFor({ state: 'attached', timeout: 10_000 })
  // On screen the sheet stays out of sight.
  expect(await root.isVisible(), `${sheet} hidden on screen`).toBe(false)
  await page.emulateMedia({ media: 'print' })
  try {
    expect(await root.isVisible(), `${sheet} shown in print`).toBe(true)
    // The app (header, buttons, the screen itself) is hidden in print.
    expect(await page.locator('#app').isVisible(), 'app chrome hidden in print').toBe(false)
    expect(await page.locator('.shell-header').first().isVisible()).toBe(false)
    const shown = await root.evaluate((article) => {
      const out: Record<string, string> = {}
      for (const el of article.querySelectorAll<HTMLElement>('[data-field]')) {
        const cells = el.tagName === 'TR' ? [...el.querySelectorAll<HTMLElement>('td')] : [el]
        out[el.dataset.field ?? ''] = cells.map(cell => cell.innerText.trim()).join(' | ')
      }
      return out
    })
    for (const field of fields)
      expect(Object.keys(shown), `${sheet} has field ${field}`).toContain(field)
    for (const [field, text] of Object.entries(shown)) {
      expect(text, `${sheet} field ${field} is filled`).not.toBe('')
      expect(text, `${sheet} field ${field} is filled`).not.toBe('—')
    }
    return shown
  }
  finally {
    await page.emulateMedia({ media: 'screen' })
  }
}
