import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { mergeCases, readResults } from '../../bench/results'

describe('bench results merge', () => {
  it('replaces the cases run, keeps the others in their order and appends new ones', () => {
    const previous = [{ id: 'save', medianMs: 5 }, { id: 'pull', medianMs: 9 }, { id: 'pin-kdf', medianMs: 300 }]
    const merged = mergeCases(previous, [{ id: 'pull', medianMs: 7 }, { id: 'rebuild', medianMs: 60 }])
    expect(merged).toEqual([{ id: 'save', medianMs: 5 }, { id: 'pull', medianMs: 7 }, { id: 'pin-kdf', medianMs: 300 }, { id: 'rebuild', medianMs: 60 }])
  })

  it('takes only this run\'s cases when there were none', () => {
    expect(mergeCases(undefined, [{ id: 'save' }])).toEqual([{ id: 'save' }])
  })

  it('reads the last file, or nothing when it is missing or not an object', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-results-'))
    try {
      const file = path.join(dir, 'results.json')
      expect(await readResults(file)).toEqual({})
      await writeFile(file, '[1]')
      expect(await readResults(file)).toEqual({})
      await writeFile(file, JSON.stringify({ appShell: { firstScreenGzipBytes: 1 } }))
      expect(await readResults(file)).toEqual({ appShell: { firstScreenGzipBytes: 1 } })
    }
    finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
