import type { RouteRecordRaw } from 'vue-router'
import { createRouter, createWebHistory } from 'vue-router'
import HomeView from './views/home/HomeView.vue'

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomeView },
  { path: '/settings', name: 'settings', component: () => import('./views/settings/SettingsView.vue') },
  // Unknown paths (old bookmarks, typos) land on the counter home rather than a blank page.
  { path: '/:pathMatch(.*)*', redirect: { name: 'home' } },
]

export function createAppRouter(history = createWebHistory(import.meta.env.BASE_URL)) {
  return createRouter({ history, routes })
}
