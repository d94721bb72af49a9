/**
 * Work the first screen does not wait for (issue 12 item 5): it runs once the first screen drew — the router's first
 * navigation resolved (its route chunk loaded) and a frame of it was painted — and then the main thread is idle (at
 * the latest two seconds later). Registering the service worker, the background jobs and the shell's banners then
 * neither delay the enrollment or sign-in screen nor compete with their chunks for the network: an idle callback
 * alone fired while the first guard waited for IndexedDB, and ~50 KB of banners, stores and schemas loaded before
 * the enrollment screen's chunk (issue 14 item 11, seen in Lighthouse's network log).
 */
let markDrawn: () => void = () => undefined
const drawn = new Promise<void>((resolve) => {
  markDrawn = resolve
})

/** Called once by main.ts when the first screen is on the page. */
export function firstScreenDrawn(): void {
  markDrawn()
}

/** After the next paint: a frame, then the task after it. */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame === 'function')
      requestAnimationFrame(() => setTimeout(resolve, 0))
    else
      setTimeout(resolve, 0)
  })
}

export function afterFirstScreen(work: () => void): void {
  void drawn.then(() => {
    if ('requestIdleCallback' in window)
      window.requestIdleCallback(() => work(), { timeout: 2000 })
    else
      setTimeout(work, 200)
  })
}
