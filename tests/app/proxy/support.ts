/** Proxy (代办) test helpers: a canvas that draws in jsdom, and an intake walked up to its decision step. */
import type { VueWrapper } from '@vue/test-utils'
import { flushPromises } from '@vue/test-utils'
import { expect, vi } from 'vitest'
import { useCatalogStore } from '../../../src/app/stores/catalog'
import { until } from '../support/until'

/** Wait for the target to be there and enabled, tap it, and let the handlers' promises run. */
export async function click(w: VueWrapper, selector: string): Promise<void> {
  const target = await until(() => {
    const found = w.find(selector)
    expect(found.exists(), selector).toBe(true)
    expect(found.attributes('disabled'), selector).toBeUndefined()
    return found
  })
  await target.trigger('click')
  await flushPromises()
}

/** Wait until the intake wizard shows step `n`. */
export async function onStep(w: VueWrapper, n: number): Promise<void> {
  await until(() => expect(w.find('[data-test="step-heading"]').text()).toContain(`第${n}步`))
}

/** The bytes every signature drawn in these tests turns into. */
export const SIGNATURE_BYTES = '签名-png'

/** jsdom has no canvas or object URLs: a 2D context that records nothing, a PNG of fixed bytes, a fake URL. */
export function fakeCanvas(): void {
  const ctx = { beginPath: vi.fn(), moveTo: vi.fn(), lineTo: vi.fn(), stroke: vi.fn(), clearRect: vi.fn(), lineWidth: 1, lineCap: 'butt', strokeStyle: '' }
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation((() => ctx) as unknown as typeof HTMLCanvasElement.prototype.getContext)
  vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation(function (cb: BlobCallback) {
    cb(new Blob([new TextEncoder().encode(SIGNATURE_BYTES)], { type: 'image/png' }))
  })
  URL.createObjectURL = vi.fn(() => 'blob:signature')
  URL.revokeObjectURL = vi.fn()
}

/** Draw a stroke on the signature pad. */
export async function sign(w: VueWrapper): Promise<void> {
  const pad = w.find('[data-test="signature-pad"]')
  await pad.trigger('pointerdown', { clientX: 10, clientY: 10, pointerId: 1 })
  await pad.trigger('pointermove', { clientX: 60, clientY: 30, pointerId: 1 })
  await pad.trigger('pointerup', { pointerId: 1 })
  await until(() => expect(w.find('[data-test="signature-state"]').text()).toBe('已签名'))
}

/** (Walk-in) → kind (a 帮办 with its 帮办方式) → 社保卡挂失补换 → 张三丰 → its materials provided; ends on the decision step. */
export async function toOutcome(w: VueWrapper, kind: 'proxy' | 'assisted'): Promise<void> {
  await onStep(w, 1)
  // The view loads the catalog on mount; a picker opened before that lists nothing (its hits do not follow the load).
  await until(() => expect(useCatalogStore().loaded).toBe(true))
  // Picking the kind (and a 帮办's 帮办方式) goes on by itself.
  await click(w, `[data-test="kind-${kind}"]`)
  if (kind === 'assisted')
    await click(w, '[data-test="assist-mode-guidance"]')
  await onStep(w, 2)
  await w.find('[data-test="catalog-search"] input').setValue('sbk')
  await click(w, '[data-code="sicard-lost-replace"]')
  await onStep(w, 3)
  await w.find('[data-test="applicant-name"] input').setValue('张三丰')
  await w.find('[data-test="applicant-id"] input').setValue('11010519491231002X')
  await w.find('[data-test="applicant-mobile"] input').setValue('13800138000')
  await click(w, '[data-test="step-next"]')
  await onStep(w, 4)
  const rows = await until(() => {
    const found = w.findAll('[data-test="material-row"]')
    expect(found.length).toBeGreaterThan(0)
    return found
  })
  await rows[0]?.find('[data-test="status-provided"]').trigger('click')
  await until(() => expect(w.find('[data-test="materials-summary"]').text()).toContain('材料齐全'))
  await click(w, '[data-test="step-next"]')
  await onStep(w, 5)
}
