/**
 * One office form's submit state: busy while the call runs, what failed in the chosen language and the
 * field errors by path (400), so each field shows its own reason (in the chosen language: useFieldErrorText).
 */
import type { Ref } from 'vue'
import { ref } from 'vue'
import { OfficeError } from '../stores/office'
import { useErrorText } from './useErrorText'
import { useFieldErrorText } from './useFieldErrorText'

export interface UseOfficeFormReturn {
  busy: Ref<boolean>
  /** The message of the last failure, in the chosen language (the server's words in the Chinese UI). */
  error: Ref<string>
  /** Field errors by path ('pin', 'mobile', …). */
  fields: Ref<Record<string, string>>
  /** Runs the call; true when it succeeded. Local field errors given first skip the call. */
  submit: (run: () => Promise<unknown>, local?: Record<string, string>) => Promise<boolean>
}

export function useOfficeForm(): UseOfficeFormReturn {
  const errorText = useErrorText()
  const { fieldErrorsByPath } = useFieldErrorText()
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
      error.value = errorText(e)
      if (e instanceof OfficeError)
        fields.value = fieldErrorsByPath(e.fields)
      return false
    }
    finally {
      busy.value = false
    }
  }

  return { busy, error, fields, submit }
}
