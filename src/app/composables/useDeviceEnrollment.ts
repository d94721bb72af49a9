/**
 * A new tablet's enrollment as its screen runs it: the code goes to the sync store's enroll, whose first pull
 * reports progress; then on to sign-in, or, when the first pull did not finish, a step that says why.
 */
import type { ComputedRef, Ref } from 'vue'
import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { useErrorText } from './useErrorText'

export type DeviceEnrollmentStep = 'form' | 'enrolling' | 'firstSync' | 'incomplete'

export interface UseDeviceEnrollmentReturn {
  step: Ref<DeviceEnrollmentStep>
  /** What went wrong, in staff's language ('' when nothing did). */
  error: Ref<string>
  /** Enrolling or running the first pull. */
  busy: ComputedRef<boolean>
  /** The progress line while busy. */
  progressText: ComputedRef<string>
  /** Enrolls with `code` against `server` (the page's origin when empty or the same). */
  submit: (code: string, server: string) => Promise<void>
}

export function useDeviceEnrollment(): UseDeviceEnrollmentReturn {
  const { t } = useI18n()
  const errorText = useErrorText()
  const router = useRouter()
  // The sync engine (and with it the event store and every schema) loads when the code is submitted, not with
  // the screen: it is a new tablet's first screen (issue 12 item 5).
  const syncStore = () => import('../stores/sync')

  const step = ref<DeviceEnrollmentStep>('form')
  const error = ref('')
  const progress = ref<{ phase: string, done: number, total: number } | null>(null)

  const busy = computed(() => step.value === 'enrolling' || step.value === 'firstSync')
  const progressText = computed(() => {
    const p = progress.value
    if (step.value === 'enrolling')
      return t('device.enrolling')
    if (!p)
      return t('device.firstSync')
    return t('device.firstSyncProgress', { phase: t(`sync.phase.${p.phase}`), done: p.done, total: Math.max(p.total, p.done) })
  })

  async function submit(code: string, server: string): Promise<void> {
    error.value = ''
    if (!code.trim()) {
      error.value = t('device.codeRequired')
      return
    }
    step.value = 'enrolling'
    try {
      const sync = (await syncStore()).useSyncStore()
      const baseUrl = server.trim() && server.trim() !== globalThis.location?.origin ? server.trim() : undefined
      const outcome = await sync.enroll(code, {
        baseUrl,
        onProgress: (p) => {
          if (p) {
            step.value = 'firstSync'
            progress.value = p
          }
        },
      })
      if (outcome && !outcome.ok && outcome.error) {
        // Enrolled, but the first pull did not finish: say why; staff continue when ready (it retries).
        error.value = t('device.firstSyncFailed', { message: errorText(outcome.error) })
        step.value = 'incomplete'
        return
      }
      await router.replace({ name: 'signin' })
    }
    catch (e) {
      error.value = errorText(e)
      step.value = 'form'
    }
  }

  return { step, error, busy, progressText, submit }
}
