// Issue 14 items 3 and 10: on the counter's key screens, at 1024×768 and 1280×800 in Chromium, no two
// controls or headings are drawn over each other (element boxes measured in the browser), and the
// controls staff tap are at least 44 px in both directions.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SeededPage } from './support/seededPage'
import { closeSeededPage, openSeededPage } from './support/seededPage'
import { enrollTablet, signIn } from './support/counter'
import type { SeededServer } from './support/seededServer'
import { usccCheckChar } from '../../src/domain/identity'

/** An organisation's name is shown in full (not masked): the longest thing a case card holds. */
const LONG_ORG = '晋城市城区欧阳司马慕容上官诸葛东方皇甫长孙宇文商贸有限责任公司凤台西街第二分公司'
const USCC17 = '91140502MA0K1234X'

const ITEM = { code: 'hukou-idcard-renew', search: '身份证换领' }
const SIZES = [{ width: 1024, height: 768 }, { width: 1280, height: 800 }] as const

/** Navigates inside the app (a reload would lock the counter). */
async function open(page: Page, path: string): Promise<void> {
  await page.evaluate(async (to) => {
    const app = (document.querySelector('#app') as unknown as { __vue_app__: { config: { globalProperties: { $router: { push: (p: string) => Promise<unknown> } } } } }).__vue_app__
    await app.config.globalProperties.$router.push(to)
  }, path)
  await page.waitForURL(url => decodeURIComponent(url.pathname) === path)
  await page.locator('#main').waitFor()
  // Let lazy data (lists, the catalog) render before measuring.
  await page.waitForLoadState('networkidle').catch(() => undefined)
  await page.evaluate(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve))))
}

/** Pairs of visible controls/headings whose boxes overlap (neither inside the other), and controls under 44 px. */
async function measure(page: Page): Promise<{ overlaps: string[], small: string[] }> {
  return page.evaluate(() => {
    const CONTROLS = 'button, a[href], input:not([type="hidden"]):not([type="file"]), textarea, select, [role="tab"], [role="radio"]'
    const HEADINGS = 'h1, h2, h3, .van-nav-bar__title'
    const label = (el: Element): string => `${el.tagName.toLowerCase()}${el.getAttribute('data-test') ? `[${el.getAttribute('data-test')}]` : ''}「${(el.textContent ?? '').trim().slice(0, 16)}」`
    const visible = (el: Element): boolean => {
      const r = el.getBoundingClientRect()
      const style = getComputedStyle(el)
      // The skip link is off-screen (1×1) until focused.
      return r.width > 1 && r.height > 1 && style.visibility !== 'hidden' && style.opacity !== '0' && !el.closest('.bm-print-root, [aria-hidden="true"]')
    }
    const all = [...document.querySelectorAll(`${CONTROLS}, ${HEADINGS}`)].filter(visible)
    // A control inside another counted element (an input in a van-field …) is measured as its outer one.
    const elements = all.filter(el => !all.some(other => other !== el && other.contains(el) && other.matches(CONTROLS)))
    const boxes = elements.map((el) => {
      const r = el.getBoundingClientRect()
      return { el, x: r.left, y: r.top + window.scrollY, w: r.width, h: r.height }
    })
    const overlaps: string[] = []
    boxes.forEach((a, i) => {
      for (const b of boxes.slice(i + 1)) {
        if (a.el.contains(b.el) || b.el.contains(a.el))
          continue
        const dx = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)
        const dy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y)
        if (dx > 1 && dy > 1)
          overlaps.push(`${label(a.el)} × ${label(b.el)}`)
      }
    })
    const small = boxes
      .filter(b => b.el.matches(CONTROLS) && !b.el.matches('input, textarea, select') && (b.w < 44 || b.h < 44))
      .map(b => `${label(b.el)} ${Math.round(b.w)}×${Math.round(b.h)}`)
    return { overlaps, small }
  })
}

describe('no control over another, touch targets ≥ 44 px, at 1024 and 1280', () => {
  let opened: SeededPage | undefined
  let server: SeededServer
  let page: Page
  let caseId = ''

  beforeAll(async () => {
    opened = await openSeededPage('layout-boxes', { viewport: { width: 1280, height: 800 }, stubPrint: true })
    server = opened.server
    page = opened.page
    await enrollTablet(page, server, server.demo.staff[0].id)
    await signIn(page, server.demo.staff[0])
    // One 帮办 case with a long applicant name, so the case list and the ledgers have rows.
    await page.locator('[data-test="tile-intake"]').click()
    await page.locator('[data-test="kind-assisted"]').click()
    await page.locator('[data-test="assist-mode-guidance"]').click()
    await page.locator('[data-test="catalog-search"] input').fill(ITEM.search)
    await page.locator(`[data-code="${ITEM.code}"]`).click()
    await page.locator('[data-test="applicant-name"] input').fill('欧阳司马慕容上官诸葛东方皇甫长孙宇文')
    await page.locator('[data-test="applicant-id"] input').fill('11010519491231002X')
    await page.locator('[data-test="applicant-mobile"] input').fill('13935600001')
    await page.locator('[data-test="step-next"]').click()
    await page.locator('[data-test="all-provided"]').click()
    await page.locator('[data-test="outcome-accept"]').click()
    await page.locator('[data-test="intake-done"]').waitFor()
    await page.locator('[data-test="open-case"]').click()
    await page.waitForURL(url => url.pathname.startsWith('/cases/'))
    caseId = decodeURIComponent(new URL(page.url()).pathname.slice('/cases/'.length))
    // And one of an organisation with a very long name (issue 14 item 10: it overflowed its card).
    await open(page, '/intake')
    await page.locator('[data-test="kind-intake"]').click()
    await page.locator('[data-test="catalog-search"] input').fill(ITEM.search)
    await page.locator(`[data-code="${ITEM.code}"]`).click()
    await page.locator('[data-test="applicant-organisation"]').click()
    await page.locator('[data-test="applicant-org-name"] input').fill(LONG_ORG)
    await page.locator('[data-test="applicant-uscc"] input').fill(`${USCC17}${usccCheckChar(USCC17)}`)
    await page.locator('[data-test="applicant-contact-name"] input').fill('王小二')
    await page.locator('[data-test="applicant-contact-phone"] input').fill('13800138000')
    await page.locator('[data-test="step-next"]').click()
    await page.locator('[data-test="all-provided"]').click()
    await page.locator('[data-test="outcome-accept"]').click()
    await page.locator('[data-test="intake-done"]').waitFor()
  }, 120_000)

  afterAll(() => closeSeededPage(opened))

  const screens = (): string[] => ['/', '/items', `/items/${ITEM.code}`, '/ledgers/D', '/ledgers/E', '/cases', `/cases/${caseId}`, '/intake']

  for (const size of SIZES) {
    it(`at ${size.width}×${size.height}`, async () => {
      await page.setViewportSize(size)
      const problems: string[] = []
      const small: string[] = []
      for (const path of screens()) {
        await open(page, path)
        const found = await measure(page)
        problems.push(...found.overlaps.map(o => `${path}: ${o}`))
        small.push(...found.small.map(s => `${path}: ${s}`))
      }
      expect(problems).toEqual([])
      expect(small).toEqual([])
    }, 120_000)

    it(`at ${size.width}: a long name stays inside its case card, the full text in its title`, async () => {
      await page.setViewportSize(size)
      await open(page, '/cases')
      const card = page.locator('[data-test="case-row"]', { hasText: LONG_ORG.slice(0, 6) }).first()
      await card.waitFor()
      const found = await card.evaluate((row) => {
        const box = row.getBoundingClientRect()
        const out: string[] = []
        for (const el of row.querySelectorAll<HTMLElement>('span, strong, small')) {
          const r = el.getBoundingClientRect()
          if (r.right > box.right + 1 || r.bottom > box.bottom + 1 || r.left < box.left - 1)
            out.push(`${el.className || el.tagName} ${Math.round(r.left)}–${Math.round(r.right)} × ${Math.round(r.top)}–${Math.round(r.bottom)} outside ${Math.round(box.left)}–${Math.round(box.right)} × ${Math.round(box.top)}–${Math.round(box.bottom)}`)
        }
        const name = row.querySelector<HTMLElement>('[data-test="case-row-name"]')
        return { out, title: name?.parentElement?.title ?? '', clipped: !!name && name.scrollWidth > name.clientWidth }
      })
      expect(found.out).toEqual([])
      // Cut with … on the card, whole in the title.
      expect(found.clipped).toBe(true)
      expect(found.title).toContain(LONG_ORG)
    })

    it(`at ${size.width}: ledger D keeps 序号 and 时间 in view and says how many columns are further right`, async () => {
      await page.setViewportSize(size)
      await open(page, '/ledgers/D')
      const table = page.locator('[data-test="ledger-table"]')
      await page.locator('[data-test="ledger-row"]').first().waitFor()
      const more = page.locator('[data-test="ledger-more-columns"]')
      const count = async () => Number(await page.locator('[data-test="ledger-columns"]').getAttribute('data-right'))
      const before = await count()
      expect(before).toBeGreaterThan(0)
      expect(await more.innerText()).toBe(`→ 还有 ${before} 列`)
      const box = await more.boundingBox()
      expect(Math.min(box?.width ?? 0, box?.height ?? 0)).toBeGreaterThanOrEqual(44)
      await more.click()
      await expect.poll(count).toBeLessThan(before)
      // Scrolled sideways: the first two header cells have not moved off the table's left edge.
      const edges = await table.evaluate((el) => {
        const left = el.getBoundingClientRect().left
        const [seq, date] = [...el.querySelectorAll<HTMLElement>('[data-test="ledger-th"]')].map(th => Math.round(th.getBoundingClientRect().left - left))
        return { scrolled: el.scrollLeft, seq, date }
      })
      expect(edges.scrolled).toBeGreaterThan(0)
      expect(edges.seq).toBeLessThanOrEqual(1)
      expect(edges.date).toBeGreaterThan(40)
      expect(edges.date).toBeLessThan(200)
      // To the end: nothing more to the right, and the way back.
      await table.evaluate((el) => {
        el.scrollLeft = el.scrollWidth
      })
      await expect.poll(count).toBe(0)
      await page.locator('[data-test="ledger-columns-start"]').click()
      await expect.poll(() => table.evaluate(el => el.scrollLeft)).toBe(0)
    })
  }

  it('the 在线 tag reads at 4.5:1 or better', async () => {
    await open(page, '/')
    const tag = page.locator('.connectivity-tag .van-tag')
    await expect.poll(() => page.locator('.connectivity-tag').getAttribute('data-state'), { timeout: 15_000 }).toBe('online')
    const ratio = await tag.evaluate((el) => {
      const rgb = (css: string): number[] => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number)
      const lum = ([r = 0, g = 0, b = 0]: number[]): number => {
        const f = (c: number): number => {
          const s = c / 255
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
        }
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)
      }
      const style = getComputedStyle(el)
      const [a, b] = [lum(rgb(style.color)), lum(rgb(style.backgroundColor))].sort((x, y) => y - x)
      return ((a ?? 0) + 0.05) / ((b ?? 0) + 0.05)
    })
    expect(ratio).toBeGreaterThanOrEqual(4.5)
  })

  // Last: the citizen's rating screen keeps the tablet until staff take it back with a PIN.
  it('the rating screen, at both sizes', async () => {
    await open(page, `/rate/${caseId}`)
    for (const size of SIZES) {
      await page.setViewportSize(size)
      await page.evaluate(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve))))
      const found = await measure(page)
      expect(found.overlaps, `${size.width}`).toEqual([])
      expect(found.small, `${size.width}`).toEqual([])
    }
    // The comment box has a visible border; its label and the buttons are as large as the level buttons.
    const comment = page.locator('[data-test="rating-comment"]')
    expect(await comment.evaluate(el => Number.parseFloat(getComputedStyle(el).borderTopWidth))).toBeGreaterThanOrEqual(1)
    const size = (selector: string) => page.locator(selector).first().evaluate(el => getComputedStyle(el).fontSize)
    const level = await size('[data-test^="level-"]')
    expect(level).toBe('24px')
    for (const selector of ['[data-test="rating-comment"] .van-field__label', '[data-test="rating-submit"]', '[data-test="rating-decline"]'])
      expect(await size(selector), selector).toBe(level)
  })
})
