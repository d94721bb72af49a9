/** A signed-in counter for view tests: enrolled tablet, 王晓燕 at the counter (set directly: PIN checks are tested elsewhere), seed catalog, offline sync. */
import type { Pinia } from 'pinia'
import type { Component } from 'vue'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import Vant from 'vant'
import { afterEach } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { referenceRepo } from '../../../src/app/data'
import { createAppI18n } from '../../../src/app/i18n'
import { createAppRouter } from '../../../src/app/router'
import { useSessionStore } from '../../../src/app/stores/session'
import { setSyncFetch, useSyncStore } from '../../../src/app/stores/sync'
import { seedItemRows, stationRow } from './seedCatalog'
import { freshDatabase } from './database'
import { enrolledTablet, offlineFetch, STATION_ID } from './enrolledTablet'
import { dataKeyReady, installDataKey } from '../../../src/app/data/crypto/keyring'

afterEach(() => {
  useSyncStore().stop()
  setSyncFetch(undefined)
})

/** A fresh database and Pinia with an enrolled tablet, the seed catalog, the station and a signed-in staff member. */
export async function signedInCounter(): Promise<Pinia> {
  setSyncFetch(offlineFetch)
  freshDatabase()
  sessionStorage.clear()
  await enrolledTablet()
  await referenceRepo.replaceAll('serviceItems', seedItemRows())
  await referenceRepo.replaceAll('stations', [{ ...stationRow, id: STATION_ID }])
  const pinia = createPinia()
  setActivePinia(pinia)
  const session = useSessionStore()
  await session.init()
  session.staff = { id: 'staff-wang', stationId: STATION_ID, name: '王晓燕', role: 'lead', assessmentPassed: true, active: true, hasPin: true, legacyPin: false }
  session.locked = false
  // Signed in without the PIN: the data key a PIN sign-in would unwrap (src/app/data/crypto).
  if (!dataKeyReady())
    await installDataKey(crypto.getRandomValues(new Uint8Array(32)))
  return pinia
}

/** Mount `component` (e.g. a RouterView host) at `path` with the app's router (guards included), i18n and Vant, in the active Pinia. */
export async function mountAt(component: Component, path: string, pinia: Pinia) {
  const router = createAppRouter(createMemoryHistory())
  await router.push(path)
  await router.isReady()
  const wrapper = mount(component, { global: { plugins: [pinia, router, createAppI18n('zh-CN'), Vant] }, attachTo: document.body })
  return { wrapper, router }
}
