/**
 * One office form's submit state: busy while the call runs, the server's Chinese message and its field
 * errors by path (400), so each field shows its own reason.
 */
import type { Ref } from 'vue'
import { ref } from 'vue'
import { OfficeError } from '../stores/office'

export interface UseOfficeFormReturn {
  busy: Ref<boolean>
  /** The message of the last failure (Chinese, from the server or ours). */
  error: Ref<string>
  /** Field errors by path ('pin', 'mobile', …). */
  fields: Ref<Record<string, string>>
  /** Runs the call; true when it succeeded. Local field errors given first skip the call. */
  submit: (run: () => Promise<unknown>, local?: Record<string, string>) => Promise<boolean>
}

export function useOfficeForm(): UseOfficeFormReturn {
  const busy = ref(false)
  const error = ref('')
  const fields = ref<Record<string, string>>({})

  async function submit(run: () => Promise<unknown>, local: Record<string, string> = {}): Promise<boolean> {
    error.value = ''
    fields.value = { ...local }
    if (Object.keys(local).length > 0)
      return false
    busy.value = true
    try {
      await run()
      return true
    }
    catch (e) {
      if (e instanceof OfficeError) {
        error.value = e.message
        fields.value = Object.fromEntries(e.fields.map(f => [f.path, f.message]))
      }
      else {
        error.value = e instanceof Error ? e.message : String(e)
      }
      return false
    }
    finally {
      busy.value = false
    }
  }

  return { busy, error, fields, submit }
}
