// Function-style Vant feedback. The resolver only sees components in templates, so the CSS of
// these function APIs is imported here explicitly; use these helpers instead of importing vant.
import { showNotify, showToast } from 'vant'
// (The CSS files themselves, as vant/es/{notify,toast}/style/index.mjs list them: importing those
// .mjs entries would make Node load .css in the unit tests.)
import 'vant/es/style/base.css'
import 'vant/es/badge/index.css'
import 'vant/es/icon/index.css'
import 'vant/es/loading/index.css'
import 'vant/es/overlay/index.css'
import 'vant/es/popup/index.css'
import 'vant/es/notify/index.css'
import 'vant/es/toast/index.css'

/** A red bar at the top that stays long enough to read (staff may be facing a citizen). */
export function notifyError(message: string): void {
  showNotify({ type: 'danger', message, duration: 6000 })
}

export function notifySuccess(message: string): void {
  showNotify({ type: 'success', message, duration: 2500 })
}

/** A short neutral message in the middle of the screen. */
export function toast(message: string): void {
  showToast({ message, duration: 2500 })
}
