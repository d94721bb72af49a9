// The 好差评 loop's steps (issue 9 items 3, 6, 7) that browser journeys share: a handover's QR link, the
// citizen's 不满意 on a phone, the tablet pulling and seeing the rating's rectification task, the office's
// re-check closing it, and the public results page counting the rating.
import { createHash, randomBytes } from 'node:crypto'
import type { Page } from 'playwright-core'
import type { DomainEvent } from '../../../src/domain/events'
import { expect } from 'vitest'
import { newEventId, newStreamId } from '../../../src/domain/events'
import { ratingStreamFor } from '../../../src/domain/rating'
import { rectificationStreamFor } from '../../../src/domain/rectification'
import { jsonb } from '../../../src/server/db'
import { headerBack } from './counter'
import type { SeededServer } from './seededServer'
import { readAllRows } from './seededServer'

/**
 * The QR link a handover gives (/r/<token>) for a new case of the demo station, as the tablet's handover
 * records it: only the token's hash is stored (rating.tokenMinted), valid 7 days unless `expiresAt` says otherwise.
 * Returns the link and the rating stream.
 */
export async function handoverRatingLink(server: SeededServer, staffId: string = server.demo.staff[0].id, expiresAt?: Date): Promise<{ url: string, ratingStream: string }> {
  const token = randomBytes(32).toString('base64url')
  const subject = newStreamId('case')
  const stream = ratingStreamFor(subject)
  const now = new Date()
  await server.db.insertInto('events').values({
    id: newEventId(),
    stream,
    type: 'rating.tokenMinted',
    v: 1,
    payload: jsonb({ subject, staffId, tokenSha256: createHash('sha256').update(token).digest('hex'), expiresAt: (expiresAt ?? new Date(now.getTime() + 7 * 86_400_000)).toISOString() }),
    station_id: server.demo.station.id,
    device_id: 'tablet-e2e-handover',
    staff_id: staffId,
    occurred_at: now,
    occurred_at_text: now.toISOString(),
    content_key: `e2e-${token.slice(0, 8)}`,
  }).execute()
  return { url: `${server.origin}/r/${token}`, ratingStream: stream }
}

/** The citizen opens the QR link on the phone and rates 不满意 (2) in every dimension, with a reason. */
export async function rateDissatisfiedOnPhone(phone: Page, url: string): Promise<void> {
  await phone.goto(url)
  await phone.locator('[data-test="rate-station"]').waitFor({ timeout: 15_000 })
  await phone.locator('[data-test="rate-level-2"]').tap()
  for (const d of ['attitude', 'quality', 'efficiency'])
    await phone.locator(`[data-test="rate-${d}-2"]`).tap()
  await phone.locator('[data-test="rate-reason-poorAttitude"]').check()
  await phone.locator('[data-test="rate-comment"]').fill('等候时间太长')
  await phone.locator('[data-test="rate-submit"]').tap()
  await phone.locator('[data-test="rate-thanks"]').waitFor({ timeout: 15_000 })
}

/**
 * On a signed-in tablet (home or the rectification list): 立即同步 until the task of `ratingStream` holds an
 * event of `type` (opened by the server, or the office's re-check), then the list's card of the task.
 */
export async function tabletRectificationTask(tablet: Page, ratingStream: string, type = 'rectification.opened'): Promise<ReturnType<Page['locator']>> {
  const task = rectificationStreamFor(ratingStream)
  if (new URL(tablet.url()).pathname !== '/')
    await headerBack(tablet)
  await tablet.locator('[data-test="tile-rectifications"]').waitFor({ timeout: 15_000 })
  await expect.poll(async () => {
    await tablet.locator('[data-test="sync-now"]').first().click()
    return (await readAllRows<DomainEvent>(tablet, 'events')).some(e => e.stream === task && e.type === type)
  }, { timeout: 30_000, interval: 1000 }).toBe(true)
  await tablet.locator('[data-test="tile-rectifications"]').click()
  const card = tablet.locator(`[data-test="rectification-${task}"]`)
  await card.waitFor({ timeout: 30_000 })
  return card
}

/** In the office console: 整改申诉 → the task of `ratingStream` → 复查 → 通过并办结 with the reason. */
export async function officeClosesRectification(page: Page, ratingStream: string, reason: string): Promise<void> {
  await page.locator('[data-test="office-nav-office-rectifications"]').click()
  const row = page.locator(`[data-test="office-rectification-${rectificationStreamFor(ratingStream)}"]`)
  await row.waitFor({ timeout: 15_000 })
  await row.locator('[data-test="office-recheck"]').click()
  await page.locator('[data-test="decision-reason"] textarea').fill(reason)
  await page.locator('[data-test="decision-positive"]').click()
  await expect.poll(() => row.locator('[data-test="office-rectification-status"]').textContent(), { timeout: 15_000 }).toContain('已办结')
}

/** The public results page of the demo station: how many ratings it counts at level `level`, and in all. */
export async function publicResultsCounts(page: Page, server: SeededServer, level: 1 | 2 | 3 | 4 | 5): Promise<{ atLevel: number, total: number }> {
  await page.goto(`${server.origin}/results/${server.demo.station.id}`)
  await page.locator('[data-test="results-station"]').waitFor({ timeout: 15_000 })
  const cell = await page.locator(`[data-test="results-level-${level}"] td`).nth(1).textContent()
  const total = await page.locator('[data-test="results-total"]').textContent()
  return { atLevel: Number(cell), total: Number(total) }
}
