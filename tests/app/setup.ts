import type * as NodeFs from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, beforeEach, vi } from 'vitest'
import 'fake-indexeddb/auto'
import { dataKeyReady, installDataKey } from '../../src/app/data/crypto/keyring'
import { setWrapKdfParams } from '../../src/app/data/crypto/keyStore'
import { publishCalendarYears } from '../../src/app/data/workCalendar'
import { MIN_PIN_KDF_PARAMS } from '../../src/domain/auth/pinKdf'

// Encryption at rest (src/app/data/crypto): the data key is in memory only while a staff member is signed in.
// App tests act as a signed-in session unless they lock it themselves (tests/app/data/crypto*.test.ts do);
// wraps use the cheapest argon2id the domain accepts, so sign-in tests stay quick.
setWrapKdfParams(MIN_PIN_KDF_PARAMS)
beforeEach(async () => {
  // Each test is a fresh device: its working-day calendar holds the bundled years only, until years are stored.
  publishCalendarYears([])
  if (!dataKeyReady())
    await installDataKey(crypto.getRandomValues(new Uint8Array(32)))
})

// App tests that run the real server in-process (tests/app/support/testServer.ts): the server reads its seed
// catalog with `new URL('./…', import.meta.url)`, which under happy-dom resolves to http://localhost:3000/…;
// map such paths back to the repository's files. Every other path reaches the real fs untouched.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof NodeFs>()
  const toPath = (p: unknown): unknown => {
    const href = typeof p === 'object' && p !== null && 'href' in p ? String((p as { href: unknown }).href) : null
    return href?.startsWith('http://localhost:3000/') ? resolve(process.cwd(), new globalThis.URL(href).pathname.slice(1)) : p
  }
  return { ...fs, default: fs, readFileSync: ((p: unknown, ...rest: unknown[]) => (fs.readFileSync as (...a: unknown[]) => unknown)(toPath(p), ...rest)) as typeof NodeFs.readFileSync }
})

// Vant's placeholders (NavBar, Tabbar, ActionBar with safe-area) re-measure their height on timers up
// to 300 ms after mounting and never clear them. Let those timers run while happy-dom's window still
// exists, or one fires after teardown as "window is not defined" and fails the whole run.
afterAll(async () => {
  await new Promise(resolve => setTimeout(resolve, 350))
})
