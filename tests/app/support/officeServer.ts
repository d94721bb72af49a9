/**
 * The office console against the REAL server in-process (PGlite in memory, demo seed, the demo admin of 140502):
 * one server per test file, the office client routed to it, and every test a fresh tab (no kept login, no cookie).
 */
import type { VueWrapper } from '@vue/test-utils'
import type { Router } from 'vue-router'
import type { TestServer } from './testServer'
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { setOfficeFetch, useOfficeStore } from '../../../src/app/stores/office'
import { startServer } from './testServer'
import { mountApp } from './mountApp'
import { until } from './until'

export type { TestServer } from './testServer'

/** The app's router outlet: what the office pages are mounted in. */
export const OfficeHost = defineComponent({ render: () => h(RouterView) })

/**
 * Registers the file's hooks: starts the server once (then `started`, e.g. to keep it and seed more rows), closes
 * it at the end, and around each test routes the office client to it with a clean sessionStorage and cookie jar.
 */
export function useOfficeServer(started: (server: TestServer) => void | Promise<void>): void {
  let server: TestServer | undefined
  beforeAll(async () => {
    server = await startServer()
    await started(server)
  }, 60_000)
  afterAll(async () => {
    await server?.close()
  })
  beforeEach(() => {
    sessionStorage.clear()
    server?.clearCookies()
    setOfficeFetch(server?.fetch)
  })
  afterEach(() => {
    setOfficeFetch(undefined)
  })
}

/** Mounts the office login, signs in through the office store (the demo admin unless `login`) and opens `path`. */
export async function openSignedIn(server: TestServer, path: string, login: { username: string, password: string } = server.office): Promise<{ wrapper: VueWrapper, router: Router }> {
  const { wrapper, router } = await mountApp(OfficeHost, { path: '/office' })
  await useOfficeStore().login(login.username, login.password)
  await router.push(path)
  return { wrapper, router }
}

/** Signs in through the login page's form, as staff type it. */
export async function submitOfficeLogin(wrapper: VueWrapper, login: { username: string, password: string }): Promise<void> {
  await until(() => expect(wrapper.find('[data-test="office-login-form"]').exists()).toBe(true))
  await wrapper.find('[data-test="office-username"] input').setValue(login.username)
  await wrapper.find('[data-test="office-password"] input').setValue(login.password)
  await wrapper.find('form').trigger('submit')
}
