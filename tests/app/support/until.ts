/**
 * Condition-based waits for the app tests (issue 10 item 8): no fixed sleeps. `until` retries an assertion
 * until it passes, with a budget that holds on a machine whose cores are busy (vi.waitFor's default 1 s
 * does not).
 */
import { vi } from 'vitest'

export const UNTIL_TIMEOUT_MS = 15_000

export function until<T>(assertion: () => T | Promise<T>, timeout = UNTIL_TIMEOUT_MS): Promise<T> {
  return vi.waitFor(assertion, { timeout, interval: 10 })
}
