import type { Ref, ShallowRef } from 'vue'
import { ref, shallowRef } from 'vue'

/** What a print request tracks: which sheet, and a counter to key its PrintPortal by. */
export interface UsePrintRequestReturn<Sheet extends string> {
  /** The sheet requested last, until the print dialog closes. */
  printing: ShallowRef<Sheet | null>
  /** Bumped on every request, so each one mounts its sheet anew and it is the one that prints (PrintPortal: one sheet at a time). */
  printSeq: Ref<number>
  /** Show `which` and open the print dialog once it has rendered. */
  print: (which: Sheet) => void
  /** The dialog closed: clear the sheet. */
  done: () => void
}

/** Request a print sheet and open `window.print()` after the sheet renders. */
export function usePrintRequest<Sheet extends string>(): UsePrintRequestReturn<Sheet> {
  const printing: ShallowRef<Sheet | null> = shallowRef(null)
  const printSeq = ref(0)

  function print(which: Sheet): void {
    printing.value = which
    printSeq.value++
    // The print view renders before the dialog opens.
    requestAnimationFrame(() => window.print())
  }

  function done(): void {
    printing.value = null
  }

  return { printing, printSeq, print, done }
}
