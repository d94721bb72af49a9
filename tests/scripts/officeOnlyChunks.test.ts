import { describe, expect, it } from 'vitest'
import { officeOnlyChunkFiles } from '../../scripts/officeOnlyChunks'

function chunk(fileName: string, options: { entry?: boolean, facade?: string, imports?: string[], dynamic?: string[], css?: string[] } = {}) {
  return {
    fileName,
    isEntry: options.entry ?? false,
    facadeModuleId: options.facade ?? null,
    imports: options.imports ?? [],
    dynamicImports: options.dynamic ?? [],
    viteMetadata: { importedCss: new Set(options.css ?? []) },
  }
}

describe('office-only chunks (left out of the precache)', () => {
  const VIEW = '/repo/src/app/views/office/OfficeCatalogView.vue'

  it('takes the office views and what only they import, with their own CSS', () => {
    const files = officeOnlyChunkFiles([
      chunk('assets/index.js', { entry: true, imports: ['assets/vue.js'], dynamic: ['assets/OfficeCatalogView.js', 'assets/CaseList.js'] }),
      chunk('assets/OfficeCatalogView.js', { facade: VIEW, imports: ['assets/officeStore.js', 'assets/vue.js'], css: ['assets/OfficeCatalogView.css'] }),
      chunk('assets/officeStore.js', { imports: ['assets/officeClient.js'], css: ['assets/panel.css'] }),
      chunk('assets/officeClient.js'),
      chunk('assets/CaseList.js', { imports: ['assets/vue.js'], css: ['assets/panel.css'] }),
      chunk('assets/vue.js'),
    ])
    expect([...files].sort()).toEqual(['assets/OfficeCatalogView.css', 'assets/OfficeCatalogView.js', 'assets/officeClient.js', 'assets/officeStore.js'])
  })

  it('keeps a chunk a counter screen also imports, and everything it imports', () => {
    const files = officeOnlyChunkFiles([
      chunk('assets/index.js', { entry: true, dynamic: ['assets/OfficeCatalogView.js', 'assets/StationView.js'] }),
      chunk('assets/OfficeCatalogView.js', { facade: VIEW, imports: ['assets/shared.js'] }),
      chunk('assets/StationView.js', { dynamic: ['assets/shared.js'] }),
      chunk('assets/shared.js', { imports: ['assets/deep.js'] }),
      chunk('assets/deep.js'),
    ])
    expect([...files]).toEqual(['assets/OfficeCatalogView.js'])
  })

  it('never takes an entry, even when an office view imports it', () => {
    const files = officeOnlyChunkFiles([
      chunk('assets/index.js', { entry: true, dynamic: ['assets/OfficeCatalogView.js'] }),
      chunk('assets/OfficeCatalogView.js', { facade: VIEW, imports: ['assets/index.js'] }),
    ])
    expect([...files]).toEqual(['assets/OfficeCatalogView.js'])
  })
})
