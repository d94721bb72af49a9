import { createPinia } from 'pinia'
import { createApp, watch } from 'vue'
import App from './App.vue'
import { appVersion } from './appVersion'
import { notifyError } from './feedback'
import { createAppI18n, setLocale } from './i18n'
import { errorMessage, installErrorHandlers } from './pwa/errorHandlers'
import { createAppRouter } from './router'
import { useConnectivityStore } from './stores/connectivity'
import { useMaintenanceStore } from './stores/maintenance'
import { useRetentionStore } from './stores/retention'
import { useSessionStore } from './stores/session'
import { usePwaUpdateStore } from './stores/pwaUpdate'
import { useStorageStore } from './stores/storage'
import './styles/base.css'

const app = createApp(App)
const pinia = createPinia()
const i18n = createAppI18n()
app.use(pinia).use(i18n).use(createAppRouter())

const storage = useStorageStore(pinia)
installErrorHandlers(app, {
  onQuotaError: error => storage.reportQuotaError(error),
  onUnexpectedError: error => notifyError(i18n.global.t('errors.unexpected', { message: errorMessage(error) })),
})

setLocale(i18n.global.locale, i18n.global.locale.value as 'zh-CN' | 'en')
// Lets tools and the browser tests see which build is running.
document.documentElement.dataset.appVersion = appVersion

app.mount('#app')

useConnectivityStore(pinia).resume()
void usePwaUpdateStore(pinia).start()
// After a schema upgrade (or an interrupted rebuild) projections are refolded in the background, with progress.
// Then personal values past the retention setting are purged (synced records only), with progress.
// Both need the data key (src/app/data/crypto): they run when a staff member signs in, and at start if one is.
const upkeep = (): void => void useMaintenanceStore(pinia).resume().then(() => useRetentionStore(pinia).run())
watch(() => useSessionStore(pinia).dataReady, (ready) => {
  if (ready)
    upkeep()
}, { immediate: true })
// First start asks for persistent storage; a failure here must not stop the counter.
void storage.init().catch(error => storage.reportQuotaError(error))
