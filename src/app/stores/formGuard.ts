import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'

export interface OpenForm {
  id: number
  /** What the form is, for the update banner and debugging, e.g. 'consultation'. */
  label: string
}

/**
 * The forms that hold unsaved input right now. An app update (which reloads the page) waits
 * until this is empty. Forms register through `useFormGuard`, not directly.
 */
export const useFormGuardStore = defineStore('formGuard', () => {
  const openForms = ref<OpenForm[]>([])
  let nextId = 1

  /** True while any form has unsaved input. */
  const hasOpenForm = computed(() => openForms.value.length > 0)

  /** Registers a form; returns the function that releases it (idempotent). */
  function open(label = 'form'): () => void {
    const id = nextId++
    openForms.value = [...openForms.value, { id, label }]
    return () => close(id)
  }

  function close(id: number): void {
    openForms.value = openForms.value.filter(form => form.id !== id)
  }

  return { openForms, hasOpenForm, open, close }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useFormGuardStore, import.meta.hot))
