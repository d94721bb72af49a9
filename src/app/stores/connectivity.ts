import { acceptHMRUpdate, defineStore } from 'pinia'
import { useServerReachable } from './serverReachable'

/** The app's one reachability poller, shared by the header and (later) the sync engine. */
export const useConnectivityStore = defineStore('connectivity', () => {
  const { reachable, checking, lastCheckedAt, serverVersion, failures, check, pause, resume } = useServerReachable({ immediate: false })
  return { reachable, checking, lastCheckedAt, serverVersion, failures, check, pause, resume }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useConnectivityStore, import.meta.hot))
