/** Which projection statuses no longer have a running deadline. */
import type { CaseStatus } from '../../../domain/case'
import type { ConsultationStatus } from '../../../domain/consultation'
import type { ProjectionKind } from '../schema'

/**
 * Statuses whose deadline no longer runs: the case was completed, handed over, returned or terminated; the
 * consultation was answered on the spot or the department's reply came back. Filtered in code, not by an index,
 * so changing these sets needs no schema version.
 */
export const SETTLED_STATUSES = {
  case: new Set<CaseStatus>(['completed', 'handedOver', 'returned', 'terminated']),
  consultation: new Set<ConsultationStatus>(['answered', 'replied']),
} as const satisfies Record<ProjectionKind, ReadonlySet<string>>

/** Is this projection row settled (its deadline no longer runs)? */
export function isSettled(kind: ProjectionKind, status: string): boolean {
  return (SETTLED_STATUSES[kind] as ReadonlySet<string>).has(status)
}
