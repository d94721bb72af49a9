/**
 * Condition-based waits for the app tests (issue 10 item 8): no fixed sleeps. `until` retries an assertion
 * until it passes, with a budget that holds on a machine whose cores are busy (vi.waitFor's default 1 s
 * does not). Unlike vi.waitFor it never advances faked clocks: the tests that fake Date to a fixed moment
 * (due dates, countdowns) keep that moment however long the wait takes.
 */

/** Taken when this module loads, before a test fakes timers. */
const realSetTimeout = globalThis.setTimeout

export const UNTIL_TIMEOUT_MS = 15_000

export async function until<T>(assertion: () => T | Promise<T>, timeout = UNTIL_TIMEOUT_MS): Promise<T> {
  const started = performance.now()
  for (;;) {
    try {
      return await assertion()
    }
    catch (error) {
      if (performance.now() - started > timeout)
        throw error
    }
    await new Promise(resolve => realSetTimeout(resolve, 10))
  }
}
