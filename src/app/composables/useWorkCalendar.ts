import type { ComputedRef } from 'vue'
import type { WorkCalendar } from '../../domain/calendar'
import { computed } from 'vue'
import { workCalendar } from '../data'

/**
 * The app's working-day calendar for a screen (DOMAIN.md "Working days"): the bundled years plus those stored
 * on this device. A due counted from it in a computed is counted again once a pulled year is stored (暂定).
 */
export function useWorkCalendar(): ComputedRef<WorkCalendar> {
  return computed(() => workCalendar())
}
