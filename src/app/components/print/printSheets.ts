/**
 * Which print sheet `window.print()` prints: one at a time — the one requested last (the PrintPortal mounted
 * last and still mounted). A page may hold several portals (the case detail: 收件回执 and 委托书); the older
 * ones stay mounted but render nothing, so a receipt shown earlier never ends up on the 委托书's page.
 */
import { shallowRef } from 'vue'

const sheets = shallowRef<readonly symbol[]>([])

/** Make `sheet` the one that prints (until it is released or another is claimed). */
export function claimSheet(sheet: symbol): void {
  sheets.value = [...sheets.value.filter(s => s !== sheet), sheet]
}

/** `sheet` no longer prints (its portal unmounted). */
export function releaseSheet(sheet: symbol): void {
  sheets.value = sheets.value.filter(s => s !== sheet)
}

/** Whether `sheet` is the one that prints now. */
export function isActiveSheet(sheet: symbol): boolean {
  return sheets.value[sheets.value.length - 1] === sheet
}
