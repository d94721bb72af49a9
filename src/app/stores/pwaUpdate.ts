import type { ServiceWorkerControls } from '../pwa/registerServiceWorker'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { registerServiceWorker } from '../pwa/registerServiceWorker'
import { useFormGuardStore } from './formGuard'

export type UpdateCheckResult = 'found' | 'upToDate' | 'unavailable' | 'failed'

const HOURLY = 60 * 60 * 1000

/**
 * The service worker's update cycle in prompt mode: a new version waits until staff accept it,
 * and is applied only when no form holds unsaved input (useFormGuard).
 */
export const usePwaUpdateStore = defineStore('pwaUpdate', () => {
  /** A new version is installed and waiting. */
  const needRefresh = ref(false)
  /** The shell is cached; shown once so staff know the tablet works offline. */
  const offlineReady = ref(false)
  /** Staff accepted the update while a form was open: apply as soon as the last one closes. */
  const applyRequested = ref(false)
  const applying = ref(false)
  const registered = ref(false)
  const registrationError = shallowRef<unknown>(null)
  const registration = shallowRef<ServiceWorkerRegistration | undefined>()
  let controls: ServiceWorkerControls | null = null
  let started: Promise<void> | null = null

  /** Registers the service worker once per page; later calls return the same promise. */
  function start(): Promise<void> {
    started ??= registerServiceWorker({
      onNeedRefresh: () => { needRefresh.value = true },
      onOfflineReady: () => { offlineReady.value = true },
      onRegistered: (reg) => {
        registered.value = reg !== undefined
        registration.value = reg
        // Counter tablets stay open all day: look for a new version every hour. A check that fails (offline)
        // is simply the next hour's to make; a version found is shown through onNeedRefresh.
        if (reg)
          setInterval(() => reg.update().catch(() => {}), HOURLY)
      },
      onRegisterError: (error) => { registrationError.value = error },
    }).then(
      (c) => {
        controls = c
      },
      (error: unknown) => {
        registrationError.value = error
      },
    )
    return started
  }

  /**
   * Staff accepted the update. Applies it now if no form is open; otherwise remembers the
   * acceptance and returns false, and `applyIfRequested` applies it once the forms close.
   */
  async function requestUpdate(): Promise<boolean> {
    if (!needRefresh.value || applying.value)
      return false
    if (useFormGuardStore().hasOpenForm) {
      applyRequested.value = true
      return false
    }
    applying.value = true
    try {
      await controls?.applyUpdate()
      return true
    }
    catch (error) {
      applying.value = false
      throw error
    }
  }

  /** Call when the last form closes: applies an update staff already accepted. */
  async function applyIfRequested(): Promise<boolean> {
    return applyRequested.value ? requestUpdate() : false
  }

  /** Hides the banner until the next check finds the version again. */
  function dismiss(): void {
    needRefresh.value = false
    applyRequested.value = false
  }

  function dismissOfflineReady(): void {
    offlineReady.value = false
  }

  /** Asks the server for a newer service worker now (settings' "check for update"). */
  async function checkForUpdate(): Promise<UpdateCheckResult> {
    const reg = registration.value
    if (!reg)
      return 'unavailable'
    try {
      await reg.update()
    }
    catch {
      return 'failed'
    }
    if (reg.installing || reg.waiting) {
      // A waiting worker from earlier (banner dismissed) is shown again.
      if (reg.waiting)
        needRefresh.value = true
      return 'found'
    }
    return needRefresh.value ? 'found' : 'upToDate'
  }

  return {
    needRefresh,
    offlineReady,
    applyRequested,
    applying,
    registered,
    registrationError,
    registration,
    start,
    requestUpdate,
    applyIfRequested,
    dismiss,
    dismissOfflineReady,
    checkForUpdate,
  }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(usePwaUpdateStore, import.meta.hot))
