/**
 * Published evaluation results (issue 9 item 7; 7.1.1): its own small public entry (results.html), like the
 * rating page — no Vant, no vue-i18n, no Dexie, and it never registers the staff app's service worker.
 * /results lists the stations; /results/<stationId> one station; /results/<stationId>/staff/<staffId> one
 * staff member.
 */
import { createApp } from 'vue'
import ResultsPage from './ResultsPage.vue'
import { routeFromPath } from './resultsApi'

createApp(ResultsPage, { route: routeFromPath(location.pathname) }).mount('#results')
