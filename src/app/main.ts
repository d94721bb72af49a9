import type { AppLocale } from './i18n'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { afterFirstScreen, afterNextPaint, firstScreenDrawn } from './afterFirstScreen'
import { appVersion } from './appVersion'
import { errorTextWith } from './composables/useErrorText'
import { createAppI18n, defaultLocale, loadOfficeMessages, setLocale } from './i18n'
import { installErrorHandlers } from './pwa/errorHandlers'
import { createAppRouter } from './router'
import { useConnectivityStore } from './stores/connectivity'
import { useStorageStore } from './stores/storage'
import './styles/base.css'

const app = createApp(App)
const pinia = createPinia()
const i18n = createAppI18n()
// The office console's messages load with its first page, not with the counter's first screen.
const router = createAppRouter(undefined, { officeMessages: () => loadOfficeMessages(i18n.global) })
app.use(pinia).use(i18n).use(router)

const storage = useStorageStore(pinia)
const errorText = errorTextWith(i18n.global)
installErrorHandlers(app, {
  onQuotaError: error => storage.reportQuotaError(error),
  // Vant's notify loads with the first error (its module is not part of the first screen).
  onUnexpectedError: error => void import('./feedback').then(({ notifyError }) => notifyError(i18n.global.t('errors.unexpected', { message: errorText(error) }))),
})

// Chinese ships with the first screen; a tablet left in English loads its messages before drawing anything.
await setLocale(i18n.global, i18n.global.locale.value as AppLocale).catch(() => setLocale(i18n.global, defaultLocale))
// Lets tools and the browser tests see which build is running.
document.documentElement.dataset.appVersion = appVersion

app.mount('#app')
// The first screen is drawn once the first navigation resolved and painted; a failed one must not hold back the
// background work (the service worker among it) for good.
void router.isReady().catch(() => undefined).then(afterNextPaint).then(firstScreenDrawn)

useConnectivityStore(pinia).resume()

afterFirstScreen(() => {
  void import('./stores/pwaUpdate').then(({ usePwaUpdateStore }) => usePwaUpdateStore(pinia).start())
  // After a schema upgrade (or an interrupted rebuild) projections are refolded in the background, with progress.
  // Then personal values past the retention setting are purged (synced records only), with progress.
  // Both need the data key (src/app/data/crypto): they run when a staff member signs in, and now if one is.
  void Promise.all([import('./stores/maintenance'), import('./stores/retention'), import('./data')])
    .then(([{ useMaintenanceStore }, { useRetentionStore }, { dataKeyReady, onDataKeyChange }]) => {
      const upkeep = (): void => void useMaintenanceStore(pinia).resume().then(() => useRetentionStore(pinia).run())
      onDataKeyChange((ready) => {
        if (ready)
          upkeep()
      })
      if (dataKeyReady())
        upkeep()
    })
  // First start asks for persistent storage; a failure here must not stop the counter.
  void storage.init().catch(error => storage.reportQuotaError(error))
})
