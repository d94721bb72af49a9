/**
 * What every stored value must be, checked before any schema or recursive code sees it (issue 10 items 1
 * and 7). These inputs passed the schemas once and then broke the database or the server, so a tablet
 * recorded them and its outbox never drained:
 * - a NUL character (U+0000) anywhere: PostgreSQL text and jsonb cannot hold it;
 * - a lone UTF-16 surrogate ("\udfff"): not Unicode text; jsonb refuses it, UTF-8 encoders replace it;
 * - nesting deeper than MAX_VALUE_DEPTH: recursive code (folds, jsonb) overflows its stack;
 * - a number that is not finite (JSON has no NaN/Infinity: it would be stored as null);
 * - an occurredAt outside OCCURRED_AT_WINDOW (year 0000 is no PostgreSQL timestamp; year 9999 breaks
 *   the date arithmetic of deadlines and metrics), or with a UTC offset over ±14:00 (PostgreSQL refuses it);
 * - an event id that is not a lowercase UUID: PostgreSQL stores uuids lowercased, so an uppercase id would
 *   come back as another string and its own copies would later look like another event (`id-reuse`).
 * Pure: the tablet (before writing) and the server (on push, and for its query parameters) use the same checks.
 */

/** Deepest nesting of arrays/objects accepted in an event (the envelope is depth 1; payloads need ~5). */
export const MAX_VALUE_DEPTH = 32

/** The supported instants of occurredAt, both inclusive (UTC). Documented in SYNC-API.md. */
export const OCCURRED_AT_WINDOW = { from: '2000-01-01T00:00:00.000Z', to: '2199-12-31T23:59:59.999Z' } as const

/** The supported civil dates of a query (metrics ranges), both inclusive. */
export const CIVIL_DATE_WINDOW = { from: '2000-01-01', to: '2199-12-31' } as const

const OCCURRED_AT_FROM_MS = Date.parse(OCCURRED_AT_WINDOW.from)
const OCCURRED_AT_TO_MS = Date.parse(OCCURRED_AT_WINDOW.to)

/** At most this many problems are reported for one value (a hostile payload could have millions). */
const MAX_ISSUES = 20

export const safetyMessages = {
  nul: '不能包含空字符（U+0000）',
  loneSurrogate: '含有无效字符（不成对的代理字符，可能是复制粘贴损坏的文字），请删除后重新输入',
  tooDeep: `数据嵌套过深（最多 ${MAX_VALUE_DEPTH} 层）`,
  notFinite: '数字无效（不能为 NaN 或无穷大）',
  occurredAtWindow: `时间超出支持的范围（${OCCURRED_AT_WINDOW.from.slice(0, 10)} 至 ${OCCURRED_AT_WINDOW.to.slice(0, 10)}），请检查本机日期`,
  civilDateWindow: `日期超出支持的范围（${CIVIL_DATE_WINDOW.from} 至 ${CIVIL_DATE_WINDOW.to}）`,
  utcOffset: '时区偏移超出范围（最多 ±14:00），请检查本机时区设置',
  eventIdCase: '记录编号应为小写的 UUID（不能含大写字母）',
} as const

// eslint-disable-next-line no-control-regex -- finding NUL is the point
const nulPattern = /\u0000/
const loneSurrogatePattern = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Why a string cannot be stored, or null when it can. */
export function textProblem(text: string): string | null {
  if (nulPattern.test(text))
    return safetyMessages.nul
  if (loneSurrogatePattern.test(text))
    return safetyMessages.loneSurrogate
  return null
}

/** Whether a string can be stored as PostgreSQL text/jsonb and read back unchanged. */
export function isStorableText(text: string): boolean {
  return textProblem(text) === null
}

export interface ValueIssue {
  /** Dotted path from the value's root, e.g. 'payload.contact.name'; '' for the root. */
  path: string
  message: string
}

/**
 * Every place in `value` that cannot be stored (see the module comment), walked iteratively so no input can
 * overflow the stack; a branch deeper than `maxDepth` is reported once and not entered.
 * Object keys are checked like strings.
 */
export function unsafeValueIssues(value: unknown, maxDepth = MAX_VALUE_DEPTH): ValueIssue[] {
  const issues: ValueIssue[] = []
  const stack: { value: unknown, path: string, depth: number }[] = [{ value, path: '', depth: 0 }]
  const child = (path: string, key: string | number): string => (path ? `${path}.${key}` : String(key))
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const item = stack.pop() as { value: unknown, path: string, depth: number }
    const v = item.value
    if (typeof v === 'string') {
      const problem = textProblem(v)
      if (problem)
        issues.push({ path: item.path, message: problem })
    }
    else if (typeof v === 'number') {
      if (!Number.isFinite(v))
        issues.push({ path: item.path, message: safetyMessages.notFinite })
    }
    else if (v !== null && typeof v === 'object') {
      if (item.depth >= maxDepth) {
        issues.push({ path: item.path, message: safetyMessages.tooDeep })
        continue
      }
      const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v)
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, x] = entries[i] as [string | number, unknown]
        if (typeof key === 'string' && textProblem(key))
          issues.push({ path: child(item.path, JSON.stringify(key)), message: `字段名${textProblem(key) ?? ''}` })
        stack.push({ value: x, path: child(item.path, key), depth: item.depth + 1 })
      }
    }
  }
  return issues.slice(0, MAX_ISSUES)
}

/** Largest UTC offset of an occurredAt, in minutes (real zones span -12:00…+14:00; PostgreSQL refuses ≥ 16:00). */
export const MAX_UTC_OFFSET_MINUTES = 14 * 60

/**
 * Why an occurredAt (already a valid ISO datetime) cannot be stored, or null: an instant outside
 * OCCURRED_AT_WINDOW, or a UTC offset over ±14:00 (zod accepts '+23:59').
 */
export function occurredAtProblem(iso: string): string | null {
  const ms = Date.parse(iso)
  if (!(Number.isFinite(ms) && ms >= OCCURRED_AT_FROM_MS && ms <= OCCURRED_AT_TO_MS))
    return safetyMessages.occurredAtWindow
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(iso)
  if (offset && Number(offset[2]) * 60 + Number(offset[3]) > MAX_UTC_OFFSET_MINUTES)
    return safetyMessages.utcOffset
  return null
}

/** Whether a civil date 'YYYY-MM-DD' (already valid) is inside CIVIL_DATE_WINDOW. */
export function isSupportedCivilDate(date: string): boolean {
  return date >= CIVIL_DATE_WINDOW.from && date <= CIVIL_DATE_WINDOW.to
}

const canonicalUuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Issue 10 item 7: an event id is stored and compared as written, so only the lowercase form is accepted. */
export function isCanonicalUuid(id: string): boolean {
  return canonicalUuidPattern.test(id)
}
