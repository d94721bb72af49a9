// The one boundary to the service worker: vite-plugin-pwa's prompt-mode registration.
// Tests mock this module; the rest of the app only sees `ServiceWorkerControls`.

export interface ServiceWorkerCallbacks {
  /** A new version is installed and waiting for staff to accept it. */
  onNeedRefresh: () => void
  /** The shell is precached: the app now starts with no network. */
  onOfflineReady: () => void
  /** Registration finished; `registration` is undefined where service workers are unsupported. */
  onRegistered: (registration: ServiceWorkerRegistration | undefined) => void
  onRegisterError: (error: unknown) => void
}

export interface ServiceWorkerControls {
  /** Activates the waiting worker (skipWaiting) and reloads the page once it controls it. */
  applyUpdate: () => Promise<void>
}

export async function registerServiceWorker(callbacks: ServiceWorkerCallbacks): Promise<ServiceWorkerControls> {
  const { registerSW } = await import('virtual:pwa-register')
  const updateSW = registerSW({
    immediate: true,
    onNeedRefresh: callbacks.onNeedRefresh,
    onOfflineReady: callbacks.onOfflineReady,
    onRegisteredSW: (_url, registration) => callbacks.onRegistered(registration),
    onRegisterError: callbacks.onRegisterError,
  })
  return { applyUpdate: () => updateSW(true) }
}
