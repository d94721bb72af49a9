/**
 * The staff app's entry. It lets the browser paint index.html's placeholder header before evaluating the app
 * (boot.ts): served from a near server or the service worker, the ~150 KB of first-screen scripts are already
 * there when the HTML is parsed, and evaluating them first left the page blank for their whole run on a slow
 * tablet (issue 14 item 11). index.html still fetches boot.ts's chunks and styles at once: the build lists them
 * (`preloadDeferredBoot` in vite.config.ts), so deferring their evaluation costs no round trip.
 */
import { afterNextPaint } from './afterFirstScreen'

// A hidden tab draws no frame: it does not wait for one.
const FRAME_WAIT_MS = 100
await Promise.race([afterNextPaint(), new Promise(resolve => setTimeout(resolve, FRAME_WAIT_MS))])
await import('./boot')
