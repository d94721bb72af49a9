/**
 * Call-backs (回访, 7.1.3; DOMAIN.md 好差评: a 差评 is called back, verified and answered within a deadline).
 * No event records a call-back yet: callers that keep them elsewhere pass them in this shape, and the
 * ledger F column 回访日期及结果 and the 6.2.3 complaint rate read them; without any, both say so.
 */

/** 7.1.3: one call-back to the citizen about a case or a consultation (or the 差评 given on it). */
export interface FollowUpRecord {
  /** The case or consultation called back about: 'case:<uuid>' or 'consultation:<uuid>'. */
  subject: string
  /** When the call-back was made (ISO instant with offset). */
  at: string
  /** What came of it, in Chinese, without personal data (e.g. '已电话回访，群众表示满意'). */
  result: string
}

/** 7.1.3: the call-backs of each subject, earliest first. */
export function followUpsBySubject(records: readonly FollowUpRecord[]): Map<string, FollowUpRecord[]> {
  const bySubject = new Map<string, FollowUpRecord[]>()
  for (const record of records) {
    const list = bySubject.get(record.subject)
    if (list)
      list.push(record)
    else bySubject.set(record.subject, [record])
  }
  for (const list of bySubject.values())
    list.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
  return bySubject
}
