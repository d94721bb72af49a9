/**
 * The sections of the office's station detail page (/office/stations/:id), in order. Each is its own
 * component taking `{ detail: OfficeStationDetail }` and emitting `changed` when it altered something (the
 * page reloads the detail). Other features add a line here (staff, devices, inspections…).
 */
import type { Component } from 'vue'
import { defineAsyncComponent } from 'vue'

export interface StationDetailPanel {
  /** Stable id, also `data-test="station-panel-<key>"`. */
  key: string
  component: Component
  /** Extra props for the component besides `detail`. */
  props?: Record<string, unknown>
}

export const stationDetailPanels: StationDetailPanel[] = [
  { key: 'profile', component: defineAsyncComponent(() => import('../components/office/stations/StationProfilePanel.vue')) },
  { key: 'booking', component: defineAsyncComponent(() => import('../components/office/stations/StationBookingPanel.vue')) },
  { key: 'applications', component: defineAsyncComponent(() => import('../components/office/stations/StationApplicationsPanel.vue')) },
  { key: 'staff', component: defineAsyncComponent(() => import('../components/office/stations/StationPeopleSection.vue')), props: { part: 'staff' } },
  { key: 'devices', component: defineAsyncComponent(() => import('../components/office/stations/StationPeopleSection.vue')), props: { part: 'devices' } },
  { key: 'closure', component: defineAsyncComponent(() => import('../components/office/stations/StationClosurePanel.vue')) },
]
