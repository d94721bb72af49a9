/**
 * The citizen's rating page (issue 9 item 3), opened from the QR handed over at the counter: its own small
 * entry (rate.html), with none of the staff app — no Vant, no vue-i18n, no Dexie, and it never registers the
 * staff app's service worker. The token is the last part of the address: /r/<token>.
 */
import { createApp } from 'vue'
import RatingPage from './RatingPage.vue'
import { tokenFromPath } from './ratingApi'

createApp(RatingPage, { token: tokenFromPath(location.pathname) }).mount('#rate')
