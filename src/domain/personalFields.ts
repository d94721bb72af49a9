/**
 * The one declarative list of personal fields per event type (DOMAIN.md personal information; issue 11):
 * which payload parts are a citizen's (or a department contact's) personal data — names, ID numbers, USCC,
 * mobiles and phones, addresses, and free text that may hold them — and which are references to personal
 * blobs (signatures, photos of documents).
 *
 * Everything that treats personal data by field reads this list: retention purges (purgePayload below),
 * and encryption at rest wraps the same fields. A path is dot-separated; `*` steps into every element of an
 * array ('materials.*.note'). A path that is absent in a payload is skipped. Structured reasons that the
 * ledgers print as codes or short staff wording (退件原因, 终止/中止/续办 reasons) and the agent (a staff member,
 * not a citizen) are not listed: they are the facts the ledgers keep.
 *
 * A purged value becomes the tombstone PURGED_VALUE: a plain string, so the payload still passes its schema
 * (every personal field is free text) and folds, ledgers and metrics count the fact as before.
 */

/** Payload paths of personal text, per event type (types not listed hold none). */
export const personalFields: Readonly<Record<string, readonly string[]>> = {
  'case.received': ['applicant.name', 'applicant.idNumber', 'applicant.mobile', 'applicant.uscc', 'applicant.contactName', 'applicant.contactPhone'],
  'case.materialsChecked': ['materials.*.note'],
  'case.logged': ['text'],
  'case.completed': ['resultNote', 'resultDocumentNumber'],
  'case.handedOver': ['recipient.name', 'recipient.idNumber', 'recipient.phone', 'recipient.address'],
  'case.accompanied': ['note'],
  'case.entrusted': ['principal.name', 'principal.idNumber', 'principal.mobile', 'principal.uscc', 'principal.contactName', 'principal.contactPhone'],
  'case.inProgress': ['note'],
  'case.supplementRequested': ['contact.note'],
  'case.supplementReceived': ['note'],
  'case.resumed': ['note'],
  'case.attentionResolved': ['note'],
  'consultation.recorded': ['contact.name', 'contact.phone', 'question', 'answer'],
  'consultation.referred': ['personContacted.name', 'personContacted.phone', 'note'],
  'consultation.replied': ['reply'],
  'consultation.attentionResolved': ['note'],
  'rating.given': ['comment'],
  // Not yet: 'appointment.booked' applicant.name / applicant.mobile (issue 13). Its mobile schema is a pattern the
  // tombstone does not match, so a purged booking would no longer fold; appointments are not purged for now.
}

/** Payload paths of SHA-256 references to personal blobs (signatures, document photos), per event type. */
export const personalBlobFields: Readonly<Record<string, readonly string[]>> = {
  'case.materialsChecked': ['materials.*.photoSha256'],
  'case.handedOver': ['recipient.signatureSha256'],
  'case.entrusted': ['signatureSha256'],
  'case.terminated': ['signatureSha256'],
  'case.renewed': ['signatureSha256'],
}

/** The tombstone a purged personal value becomes (DOMAIN.md: kept centrally; the tablet shows it translated). */
export const PURGED_VALUE = '已清除（中心留存）'

/** True when a value is the purge tombstone. */
export function isPurged(value: unknown): boolean {
  return value === PURGED_VALUE
}

/** Called for each value a path reaches, with its holder, its key and its concrete path ('materials.0.note'). */
type Visit = (holder: Record<string, unknown>, key: string, path: string) => void

function walk(node: unknown, steps: readonly string[], at: string, visit: Visit): void {
  if (node === null || typeof node !== 'object' || steps.length === 0)
    return
  const [step, ...rest] = steps
  if (step === undefined)
    return
  if (step === '*') {
    if (Array.isArray(node))
      node.forEach((el, i) => walk(el, rest, `${at}${i}.`, visit))
    return
  }
  const holder = node as Record<string, unknown>
  if (!(step in holder))
    return
  if (rest.length === 0)
    visit(holder, step, `${at}${step}`)
  else
    walk(holder[step], rest, `${at}${step}.`, visit)
}

/**
 * A deep copy of the payload with each non-empty personal text value replaced by `fn(value, path)`, `path` being
 * the concrete one ('materials.0.note'). Encryption at rest (src/app/data/crypto) seals the same fields as purges.
 */
export function mapPersonalValues<P>(type: string, payload: P, fn: (value: string, path: string) => string): P {
  const paths = personalFields[type]
  if (!paths?.length)
    return payload
  const copy = JSON.parse(JSON.stringify(payload)) as P
  for (const path of paths) {
    walk(copy, path.split('.'), '', (holder, key, concrete) => {
      const v = holder[key]
      if (typeof v === 'string' && v !== '')
        holder[key] = fn(v, concrete)
    })
  }
  return copy
}

/** The personal text values a payload holds (non-empty strings at the listed paths), for tests and audits. */
export function personalValues(type: string, payload: unknown): string[] {
  return textsAt(personalFields[type], payload)
}

/** The blob hashes a payload references at personal paths. */
export function personalBlobRefs(type: string, payload: unknown): string[] {
  return textsAt(personalBlobFields[type], payload)
}

/** The non-empty strings a payload holds at the given paths, in path order. */
function textsAt(paths: readonly string[] | undefined, payload: unknown): string[] {
  const found: string[] = []
  for (const path of paths ?? []) {
    walk(payload, path.split('.'), '', (holder, key) => {
      const v = holder[key]
      if (typeof v === 'string' && v !== '')
        found.push(v)
    })
  }
  return found
}

/** True when a payload still holds a personal value that is not a tombstone. */
export function holdsPersonalValues(type: string, payload: unknown): boolean {
  return personalValues(type, payload).some(v => !isPurged(v))
}

/**
 * The payload with every personal text value replaced by PURGED_VALUE (a deep copy; the input is untouched).
 * Empty strings and nulls stay as they are (nothing was there); blob references stay (the fact that a
 * signature was given), the blob bytes are what a purge deletes.
 */
export function purgePayload<P>(type: string, payload: P): P {
  return mapPersonalValues(type, payload, () => PURGED_VALUE)
}

/** The retention defaults (days): on the tablet after sync (DOMAIN.md: 90), and centrally on the server (3 years). */
export const TABLET_RETENTION_DAYS_DEFAULT = 90
export const SERVER_RETENTION_DAYS_DEFAULT = 1095

/** The settings keys (server `settings` table, pulled by tablets as reference rows). */
export const TABLET_RETENTION_SETTING = 'personalRetentionDaysTablet'
export const SERVER_RETENTION_SETTING = 'personalRetentionDaysServer'

/** A retention setting's value as a whole number of days ≥ 1, or the default when missing or malformed. */
export function retentionDays(value: unknown, fallback: number): number {
  const n = typeof value === 'string' ? Number(value) : value
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 36_500 ? n : fallback
}

/** The instant before which a record's last activity makes it due for purging. */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000)
}
