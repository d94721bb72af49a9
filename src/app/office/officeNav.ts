/**
 * The office console's sections (issue 8), in the order the nav shows them. A section appears once its
 * route is registered (router.ts) and the signed-in role may open it; add one line per new section.
 */
import type { OfficeAccount } from '../stores/office'

export interface OfficeSection {
  /** Route name of the section's page. */
  route: string
  /** i18n key of its label (officeNav.*). */
  label: string
  /** Roles that see it; absent: every office role. */
  roles?: OfficeAccount['role'][]
}

export const officeSections: OfficeSection[] = [
  { route: 'office-metrics', label: 'officeNav.metrics' },
  { route: 'office-stations', label: 'officeNav.stations' },
  { route: 'office-applications', label: 'officeNav.applications' },
  { route: 'office-catalog', label: 'officeNav.catalog' },
  { route: 'office-inspections', label: 'officeNav.inspections' },
  { route: 'office-rectifications', label: 'officeNav.rectifications' },
  { route: 'office-follow-ups', label: 'officeNav.followUps' },
  { route: 'office-calendar', label: 'officeNav.calendar' },
  { route: 'office-accounts', label: 'officeNav.accounts', roles: ['admin'] },
  { route: 'office-audit', label: 'officeNav.audit', roles: ['admin'] },
]
