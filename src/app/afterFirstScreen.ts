/**
 * Work the first screen does not wait for (issue 12 item 5): it runs once the main thread is idle after the first
 * screen drew (at the latest after two seconds), so registering the service worker, the background jobs and the
 * shell's banners neither delay the sign-in list nor compete with its chunks for the network.
 */
export function afterFirstScreen(work: () => void): void {
  if ('requestIdleCallback' in window)
    window.requestIdleCallback(() => work(), { timeout: 2000 })
  else
    setTimeout(work, 200)
}
