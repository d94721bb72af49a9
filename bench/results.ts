/**
 * bench/results.json is one file for every case: a run that names some cases (`npm run bench -- save`, or
 * `-- app-shell`) merges its figures into the last ones, so the cases and sections not run keep theirs.
 */
import { readFile } from 'node:fs/promises'

/** The last results, or nothing on a first run (or an unreadable file). */
export async function readResults(file: string): Promise<Record<string, unknown>> {
  return readFile(file, 'utf8').then((text) => {
    const parsed: unknown = JSON.parse(text)
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed as Record<string, unknown> : {}
  }, () => ({}))
}

/** The last page cases with this run's replacing those of the same id, in the last order; new ids are appended. */
export function mergeCases<T extends { id: string }>(previous: unknown, current: readonly T[]): unknown[] {
  const last = Array.isArray(previous) ? previous as unknown[] : []
  const idOf = (c: unknown): unknown => (c !== null && typeof c === 'object' ? (c as { id?: unknown }).id : undefined)
  const byId = new Map(current.map(c => [c.id, c]))
  const seen = new Set(last.map(idOf))
  return [...last.map(c => byId.get(idOf(c) as string) ?? c), ...current.filter(c => !seen.has(c.id))]
}
