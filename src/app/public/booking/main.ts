/**
 * The citizen's booking page (issue 9 item 1, 6.3.1), /book on a phone: its own small entry (book.html),
 * with none of the staff app — no Vant, no vue-i18n, no Dexie, and it never registers the staff app's
 * service worker.
 */
import { createApp } from 'vue'
import BookingPage from './BookingPage.vue'

createApp(BookingPage).mount('#book')
