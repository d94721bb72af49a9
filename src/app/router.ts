import type { RouteLocationNormalized, RouteLocationRaw, RouteRecordRaw } from 'vue-router'
import { createRouter, createWebHistory } from 'vue-router'
import { useSessionStore } from './stores/session'

declare module 'vue-router' {
  interface RouteMeta {
    /**
     * Who may open the page: 'staff' (default) needs an enrolled tablet and someone signed in;
     * 'enrolled' only an enrolled tablet (sign-in); 'unenrolled' only a new tablet (enrollment);
     * 'open' anyone (settings: language, storage, updates); 'office' the supervising office's pages: no
     * tablet needed, the office's own login (stores/office.ts) instead.
     */
    access?: 'staff' | 'enrolled' | 'unenrolled' | 'open' | 'office'
  }
}

export const routes: RouteRecordRaw[] = [
  // Every screen is its own chunk, the home screen too: a cold start opens on sign-in (or enrollment), so the
  // first screen loads only the shell and the screen it shows (issue 12 item 5).
  { path: '/', name: 'home', component: () => import('./views/home/HomeView.vue') },
  { path: '/settings', name: 'settings', component: () => import('./views/settings/SettingsView.vue'), meta: { access: 'open' } },
  { path: '/device/enroll', name: 'enroll', component: () => import('./views/device/DeviceEnrollView.vue'), meta: { access: 'unenrolled' } },
  { path: '/signin', name: 'signin', component: () => import('./views/signin/SignInView.vue'), meta: { access: 'enrolled' } },
  { path: '/sync/attention', name: 'sync-attention', component: () => import('./views/sync/SyncAttentionView.vue') },
  { path: '/sync/close-day', name: 'close-day', component: () => import('./views/sync/CloseDayView.vue') },
  { path: '/consultations', name: 'consultations', component: () => import('./views/consultation/ConsultationListView.vue') },
  { path: '/consultations/new', name: 'consultation-new', component: () => import('./views/consultation/ConsultationNewView.vue') },
  { path: '/consultations/:id', name: 'consultation-detail', component: () => import('./views/consultation/ConsultationDetailView.vue'), props: true },
  // 6.3.1 (issue 9 item 2): today's and tomorrow's appointments, check-in, no-show, phone bookings.
  { path: '/appointments', name: 'appointments', component: () => import('./views/appointment/AppointmentsView.vue') },
  { path: '/intake', name: 'intake', component: () => import('./views/intake/IntakeView.vue') },
  { path: '/cases', name: 'cases', component: () => import('./views/case/CaseListView.vue') },
  { path: '/cases/:id', name: 'case-detail', component: () => import('./views/case/CaseDetailView.vue'), props: true },
  { path: '/items', name: 'items', component: () => import('./views/catalog/ItemListView.vue') },
  // 6.3.3.4: the citizen's rating screen (staff signed in; leaving it locks the counter).
  { path: '/rate/:subject', name: 'rate', component: () => import('./views/rating/RatingCounterView.vue'), props: true },
  { path: '/items/:code', name: 'item-guide', component: () => import('./views/catalog/ItemGuideView.vue'), props: true },
  // 6.2.4, Annexes D/E/F: 工作台账, 帮办登记表, 代办登记表.
  { path: '/ledgers', redirect: { name: 'ledger', params: { kind: 'D' } } },
  { path: '/ledgers/:kind(D|E|F)', name: 'ledger', component: () => import('./views/ledger/LedgerView.vue'), props: true },
  // 6.2.1–6.2.3 and the dashboard (issue 5 items 3–4): from local data, offline.
  { path: '/quality', name: 'quality', component: () => import('./views/quality/QualityView.vue') },
  { path: '/quality/:metric', name: 'quality-drilldown', component: () => import('./views/quality/QualityDrilldownView.vue'), props: true },
  { path: '/dashboard', name: 'dashboard', component: () => import('./views/quality/DashboardView.vue') },
  // 4.2, 5.2, 5.4.2: self-inspection (自查) and its fix tasks, offline (issue 8 item 6).
  { path: '/inspections', name: 'inspections', component: () => import('./views/inspection/InspectionsView.vue') },
  { path: '/rectifications', name: 'rectifications', component: () => import('./views/rectification/RectificationsView.vue') },
  { path: '/inspections/new', name: 'inspection-new', component: () => import('./views/inspection/InspectionNewView.vue') },
  // 7.1.3, 6.2.3: follow-up calls and complaints, offline (issue 9 items 4, 5).
  { path: '/follow-ups', name: 'follow-ups', component: () => import('./views/followUp/FollowUpsView.vue') },
  // The supervising office (DESIGN §1; issue 5 item 3): online, its own login, on any browser (no enrollment).
  { path: '/office', name: 'office-login', component: () => import('./views/office/OfficeLoginView.vue'), meta: { access: 'office' } },
  { path: '/office/metrics', name: 'office-metrics', component: () => import('./views/office/OfficeMetricsView.vue'), meta: { access: 'office' } },
  { path: '/office/catalog', name: 'office-catalog', component: () => import('./views/office/OfficeCatalogView.vue'), meta: { access: 'office' } },
  { path: '/office/catalog/:code', name: 'office-catalog-item', component: () => import('./views/office/OfficeCatalogItemView.vue'), meta: { access: 'office' } },
  { path: '/office/rectifications', name: 'office-rectifications', component: () => import('./views/office/OfficeRectificationsView.vue'), meta: { access: 'office' } },
  { path: '/office/inspections', name: 'office-inspections', component: () => import('./views/office/OfficeInspectionsView.vue'), meta: { access: 'office' } },
  { path: '/office/follow-ups', name: 'office-follow-ups', component: () => import('./views/office/OfficeFollowUpsView.vue'), meta: { access: 'office' } },
  { path: '/office/accounts', name: 'office-accounts', component: () => import('./views/office/OfficeAccountsView.vue'), meta: { access: 'office' } },
  { path: '/office/audit', name: 'office-audit', component: () => import('./views/office/OfficeAuditView.vue'), meta: { access: 'office' } },
  // Issue 8 items 3, 5: a station's staff and tablets (panels the station detail page can host as well).
  { path: '/office/stations/:id/people', name: 'office-station-people', component: () => import('./views/office/OfficeStationPeopleView.vue'), props: true, meta: { access: 'office' } },
  { path: '/office/calendar', name: 'office-calendar', component: () => import('./views/office/OfficeCalendarView.vue'), meta: { access: 'office' } },
  // 5.4.1, Annexes B/C: the station's own change and closing applications, drafted offline.
  { path: '/station/applications', name: 'station-applications', component: () => import('./views/station/StationApplicationsView.vue') },
  // Issue 8 item 2 (5.4.1, Annexes A–C): stations and their applications.
  { path: '/office/stations', name: 'office-stations', component: () => import('./views/office/OfficeStationsView.vue'), meta: { access: 'office' } },
  { path: '/office/stations/:id', name: 'office-stations-detail', component: () => import('./views/office/OfficeStationDetailView.vue'), meta: { access: 'office' } },
  { path: '/office/applications', name: 'office-applications', component: () => import('./views/office/OfficeApplicationsView.vue'), meta: { access: 'office' } },
  // Unknown paths (old bookmarks, typos) land on the counter home rather than a blank page.
  { path: '/:pathMatch(.*)*', redirect: { name: 'home' } },
]

/**
 * A page no service worker controls is a first visit — a new tablet, which opens on enrollment: its chunk is fetched
 * while the first guard reads the session from IndexedDB, not one round trip after it (issue 14 item 11). An
 * enrolled tablet's start is served by its worker, where that round trip costs nothing.
 */
function prefetchEnrollment(): void {
  if (globalThis.navigator?.serviceWorker?.controller !== null)
    return
  const enroll = routes.find(record => record.name === 'enroll')
  if (enroll && typeof enroll.component === 'function')
    void (enroll.component as () => Promise<unknown>)().catch(() => undefined)
}

/** Not enrolled → enrollment; enrolled but nobody signed in (or locked) → sign-in / lock screen. */
export async function accessGuard(to: RouteLocationNormalized, options: AppRouterOptions = {}): Promise<true | RouteLocationRaw> {
  if (to.meta.access === 'office')
    return officeGuard(to, options.officeMessages)
  const session = useSessionStore()
  if (!session.loaded) {
    prefetchEnrollment()
    // Storage that cannot be read must not leave a blank screen: a full disk opens the storage dialog, any
    // other failure stays in session.initError for the screen this lands on (enrollment shows it).
    await session.init().catch(async (error: unknown) => {
      const { useStorageStore } = await import('./stores/storage')
      useStorageStore().reportQuotaError(error)
    })
  }
  const access = to.meta.access ?? 'staff'
  if (access === 'open')
    return true
  if (!session.enrolled)
    return access === 'unenrolled' ? true : { name: 'enroll' }
  // Started once; triggers (online, foreground, writes, retries) are the engine's own. The engine loads on its own;
  // a failure to start shows in the sync store's backgroundError.
  void import('./stores/sync').then(({ useSyncStore }) => useSyncStore().startInBackground())
  if (access === 'unenrolled')
    return { name: session.signedIn ? 'home' : 'signin' }
  if (access === 'enrolled')
    return session.signedIn && to.name === 'signin' ? { name: 'home' } : true
  if (!session.signedIn)
    return { name: 'signin', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  return true
}

/** Office pages never touch the tablet's session or sync: signed in to the office, or sent to its login. */
async function officeGuard(to: RouteLocationNormalized, officeMessages?: () => Promise<void>): Promise<true | RouteLocationRaw> {
  const [{ useOfficeStore }] = await Promise.all([import('./stores/office'), officeMessages?.()])
  const office = useOfficeStore()
  if (to.name === 'office-login')
    return office.signedIn ? { name: 'office-metrics' } : true
  return office.signedIn ? true : { name: 'office-login', query: { redirect: to.fullPath } }
}

export interface AppRouterOptions {
  /** Loads the office console's messages (i18n/index.ts loadOfficeMessages): before any office page opens. */
  officeMessages?: () => Promise<void>
}

export function createAppRouter(history = createWebHistory(import.meta.env.BASE_URL), options: AppRouterOptions = {}) {
  const router = createRouter({ history, routes })
  router.beforeEach(to => accessGuard(to, options))
  return router
}
