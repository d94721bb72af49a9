/** The bench page: exposes `window.bench` (protocol.ts) for bench/run.ts to drive. No Vue, no app shell. */
import type { BenchApi, CaseInfo } from './protocol'
import { cases } from './cases'
import { runCase } from './harness'
import { installDataKey } from '../../src/app/data/crypto/keyring'
import { cleanupStation, seedStation } from './station'

// As at a signed-in counter: the tablet's data key is in memory, so every save and read pays encryption at rest
// (issue 11) as it does at the counter.
const keyReady = installDataKey(crypto.getRandomValues(new Uint8Array(32)))

function info({ id, title, ours, baseline, runs, warmup, targets }: CaseInfo): CaseInfo {
  return { id, title, ours, baseline, runs, warmup, targets }
}

const api: BenchApi = {
  userAgent: navigator.userAgent,
  list: () => cases.map(info),
  seed: async (options) => {
    await keyReady
    return seedStation(options)
  },
  run: async (id) => {
    await keyReady
    const bench = cases.find(c => c.id === id)
    if (!bench)
      throw new Error(`no bench case "${id}"`)
    return runCase(bench)
  },
  cleanup: cleanupStation,
}

window.bench = api
const status = document.getElementById('status')
if (status)
  status.textContent = 'ready'
if (!crossOriginIsolated)
  console.warn('bench page is not cross-origin isolated: performance.now() is coarse (100 µs)')
