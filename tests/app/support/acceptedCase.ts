/** An accepted case to complete and hand over, recorded through the intake store as the counter does. */
import type { MaterialDraft } from '../../../src/app/intake/materialChecklist'
import { vi } from 'vitest'
import { testBlob } from './database'
import { checklistFor } from '../../../src/app/intake/materialChecklist'
import { useCasesStore } from '../../../src/app/stores/cases'
import { useCatalogStore } from '../../../src/app/stores/catalog'

/** 6.3.2: a walk-in 帮办 case with every material provided, accepted; returns its stream id. */
export async function acceptedCase(code = 'hukou-idcard-renew'): Promise<string> {
  const catalog = useCatalogStore()
  await catalog.ensureLoaded()
  const item = catalog.item(code)
  if (!item)
    throw new Error(`no seed item ${code}`)
  const checklist: MaterialDraft[] = checklistFor(item).map(r => ({ ...r, status: 'provided' }))
  const result = await useCasesStore().intake({
    kind: 'assisted',
    item,
    applicant: { type: 'person', name: '张三丰', idNumber: '11010519491231002X', mobile: '13800138000' },
    checklist,
    outcome: { type: 'accept' },
  })
  return result.id
}

/** happy-dom draws nothing: a 2D context that accepts strokes, and toBlob giving a PNG-typed blob IndexedDB can clone. */
export function fakeCanvas(): void {
  const ctx = { beginPath() {}, moveTo() {}, lineTo() {}, stroke() {}, clearRect() {}, lineWidth: 1, lineCap: 'butt', strokeStyle: '#000' }
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation((() => ctx) as never)
  vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation(function (cb: BlobCallback) {
    cb(testBlob('signature strokes'))
  })
}

/** A 办结 result as the completion form gives it (issue 14 item 7): 准予 with the result document. */
export const APPROVED = { result: 'approved', resultDocument: '居民身份证' } as const
