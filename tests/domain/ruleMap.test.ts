/**
 * The README's "Where rules live" map (issue 13: a newcomer can say in one sentence where any rule lives) and
 * the domain glossary (src/domain/index.ts) must not rot: every path the map names exists, every family names
 * at least one, and every code name the glossary promises is spelled somewhere in src.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '../..')

/** The README section under `## Where rules live`, up to the next `## ` heading. */
function ruleMapSection(): string {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
  const start = readme.indexOf('\n## Where rules live\n')
  expect(start, 'README.md has a "## Where rules live" section').toBeGreaterThan(-1)
  const next = readme.indexOf('\n## ', start + 1)
  return readme.slice(start, next === -1 ? undefined : next)
}

/** The backticked repository paths of a text (`src/…`, `tests/…`), trailing slash kept off. */
function pathsIn(text: string): string[] {
  return [...text.matchAll(/`((?:src|tests)\/[^`\s]+)`/g)].map(m => (m[1] ?? '').replace(/\/$/, ''))
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory())
      return sourceFiles(full)
    return /\.(?:ts|vue)$/.test(name) ? [full] : []
  })
}

describe('where rules live (README.md)', () => {
  const section = ruleMapSection()
  const families = section.split('\n').filter(line => line.startsWith('- **'))

  it('lists the rule families issue 13 names, each in one line with at least one path', () => {
    expect(families.length).toBeGreaterThanOrEqual(12)
    for (const family of ['Working days', 'Material completeness', 'Case transitions', 'entrustment', '好差评', 'Masking', 'Encryption at rest', 'Sync push/pull', 'Ledgers D/E/F', '6.2 quality metrics', 'Office permissions', 'Reference data', 'i18n and errors'])
      expect(families.some(line => line.includes(family)), family).toBe(true)
    for (const line of families)
      expect(pathsIn(line).length, line).toBeGreaterThan(0)
  })

  it('names only paths that exist', () => {
    const missing = pathsIn(section).filter(p => !existsSync(path.join(root, p)))
    expect(missing).toEqual([])
  })
})

describe('the domain glossary (src/domain/index.ts)', () => {
  const index = readFileSync(path.join(root, 'src/domain/index.ts'), 'utf8')
  const glossary = index.slice(index.indexOf('Glossary'), index.indexOf('*/'))
  const names = [...new Set([...glossary.matchAll(/`([^`]+)`/g)].map(m => (m[1] ?? '').replace(/\*$/, '')))]
  const sources = sourceFiles(path.join(root, 'src'))
    .filter(file => file !== path.join(root, 'src/domain/index.ts'))
    .map(file => readFileSync(file, 'utf8'))
    .join('\n')

  it('promises names the code uses', () => {
    expect(names.length).toBeGreaterThan(30)
    const unused = names.filter(name => !sources.includes(name))
    expect(unused).toEqual([])
  })

  it('keeps the names issue 13 settled: rating, office, timeline (not evaluation, supervisingOffice, workLog)', () => {
    expect(names).toEqual(expect.arrayContaining(['rating', 'office', 'timeline']))
    expect(names).not.toEqual(expect.arrayContaining(['evaluation']))
    expect(names).not.toEqual(expect.arrayContaining(['supervisingOffice']))
    expect(names).not.toEqual(expect.arrayContaining(['workLog']))
  })
})
