/**
 * Which built chunks only the office console can load (issue 12 item 5's precache budget): the office's pages need
 * the network anyway (their own login, live answers from the central endpoint), so a counter tablet should not
 * store them. The office views' own chunks are named Office* and ignored by name; the chunks they share among
 * themselves (office stores, client, messages, panels) are named by their first module and would be precached.
 * This plugin finds those from the bundle graph: a chunk is office-only when the office's routes reach it and nothing
 * else imports it, statically or dynamically. The service worker's manifest transform then leaves them out.
 */
import type { Plugin } from 'vite'

/**
 * What only an office route loads: its views (router.ts lazy-loads each from src/app/views/office/), the office
 * session store the router's office guard imports, and the office messages i18n/index.ts loads for office pages.
 */
const OFFICE_ROOT = /[\\/]src[\\/]app[\\/](?:views[\\/]office[\\/]|stores[\\/]office\.ts$|i18n[\\/]office\.)/

interface ChunkNode {
  fileName: string
  isEntry: boolean
  facadeModuleId: string | null
  imports: readonly string[]
  dynamicImports: readonly string[]
  /** Vite's: the CSS files the chunk loads. */
  viteMetadata?: { importedCss: Set<string> }
}

/** The office-only files of a bundle's chunks: the office views, what only they (transitively) import, and their CSS. */
export function officeOnlyChunkFiles(chunks: readonly ChunkNode[]): Set<string> {
  const byFile = new Map(chunks.map(c => [c.fileName, c]))
  const importers = new Map<string, Set<string>>()
  for (const chunk of chunks) {
    for (const target of [...chunk.imports, ...chunk.dynamicImports])
      importers.set(target, (importers.get(target) ?? new Set()).add(chunk.fileName))
  }
  const roots = chunks.filter(c => !c.isEntry && c.facadeModuleId !== null && OFFICE_ROOT.test(c.facadeModuleId)).map(c => c.fileName)
  // Everything the office views reach, then (greatest fixpoint) drop what anything outside the set imports.
  const office = new Set<string>()
  const queue = [...roots]
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    const chunk = byFile.get(file)
    if (!chunk || chunk.isEntry || office.has(file))
      continue
    office.add(file)
    queue.push(...chunk.imports, ...chunk.dynamicImports)
  }
  const rootSet = new Set(roots)
  for (let changed = true; changed;) {
    changed = false
    for (const file of office) {
      if (rootSet.has(file))
        continue
      if ([...importers.get(file) ?? []].some(importer => !office.has(importer))) {
        office.delete(file)
        changed = true
      }
    }
  }
  // Their stylesheets too, unless a chunk outside loads the same file.
  const css = new Set<string>()
  const sharedCss = new Set<string>()
  for (const chunk of chunks) {
    for (const file of chunk.viteMetadata?.importedCss ?? [])
      (office.has(chunk.fileName) ? css : sharedCss).add(file)
  }
  return new Set([...office, ...[...css].filter(file => !sharedCss.has(file))])
}

/** The plugin and the set it fills at generateBundle, for the precache's manifest transform (which runs after). */
export function officeOnlyChunks(): { plugin: Plugin, files: Set<string> } {
  const files = new Set<string>()
  return {
    files,
    plugin: {
      name: 'bianmin:office-only-chunks',
      apply: 'build',
      generateBundle(_options, bundle) {
        files.clear()
        const chunks = Object.values(bundle).flatMap(o => o.type === 'chunk' ? [o] : [])
        for (const file of officeOnlyChunkFiles(chunks))
          files.add(file)
      },
    },
  }
}
