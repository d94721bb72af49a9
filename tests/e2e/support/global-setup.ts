// Once per `vitest run`: find Chromium, build the PWA, launch ONE browser for the whole suite.
//
// The browser is a persistent (non-incognito) profile, because Chromium reports every page of an
// incognito context as not installable; it is launched here with --remote-debugging-port and the
// test files attach to it with `chromium.connectOverCDP`, so the suite shares one browser process.
// A missing Chromium or a failed build does not throw here (that would abort the unrelated suites
// too): it is handed to the browser tests, which then fail with the message. Nothing is skipped.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { BrowserContext } from 'playwright-core'
import { chromium } from 'playwright-core'
import type { TestProject } from 'vitest/node'
import { buildPwa } from '../../../scripts/build-pwa'
import { chromiumArgs, findChromium } from './chromium'
import './context'

async function readDevToolsPort(userDataDir: string, timeoutMs = 15_000): Promise<number> {
  const file = path.join(userDataDir, 'DevToolsActivePort')
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const text = await readFile(file, 'utf8').catch(() => '')
    const port = Number(text.split('\n')[0])
    if (Number.isInteger(port) && port > 0) return port
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  throw new Error(`Chromium did not write ${file} within ${timeoutMs} ms`)
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const tmpRoot = await mkdtemp(path.join(os.tmpdir(), 'bianmin-e2e-'))
  let context: BrowserContext | undefined

  const teardown = async (): Promise<void> => {
    await context?.close().catch(error => console.error('[e2e] closing Chromium failed:', error))
    await rm(tmpRoot, { recursive: true, force: true })
  }

  try {
    const executablePath = findChromium()
    const baseBuildId = `e2e-base-${Date.now()}`
    const baseBuildDir = path.join(tmpRoot, 'build-base')
    const userDataDir = path.join(tmpRoot, 'chromium-profile')

    const started = Date.now()
    // Build and launch side by side; keep the context even if the build fails, so teardown closes it.
    const launching = chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: [...chromiumArgs, '--remote-debugging-port=0'],
    }).then((launched) => { context = launched })
    const [build, launch] = await Promise.allSettled([
      buildPwa({ outDir: baseBuildDir, buildId: baseBuildId, output: 'capture' }),
      launching,
    ])
    if (build.status === 'rejected') throw build.reason
    if (launch.status === 'rejected') throw launch.reason
    const port = await readDevToolsPort(userDataDir)
    console.log(`[e2e] built the PWA and launched ${executablePath} in ${Date.now() - started} ms`)

    project.provide('e2e', {
      ok: true,
      cdpEndpoint: `http://127.0.0.1:${port}`,
      baseBuildDir,
      baseBuildId,
      tmpRoot,
    })
  }
  catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    // Also said here, in the main process, so the reason is on screen whatever the reporter prints.
    console.error(`\n[e2e] The browser tests cannot run and will fail:\n${message}\n`)
    project.provide('e2e', { ok: false, error: message })
  }
  return teardown
}
