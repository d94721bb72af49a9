import { afterAll } from 'vitest'
import 'fake-indexeddb/auto'

// Vant's placeholders (NavBar, Tabbar, ActionBar with safe-area) re-measure their height on timers up
// to 300 ms after mounting and never clear them. Let those timers run while happy-dom's window still
// exists, or one fires after teardown as "window is not defined" and fails the whole run.
afterAll(async () => {
  await new Promise(resolve => setTimeout(resolve, 350))
})
