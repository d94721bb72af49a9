// Finds the Chromium the browser tests drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium.
// No browser is downloaded (playwright-core ships none); a missing one fails the suite, loudly.
import { accessSync, constants, statSync } from 'node:fs'

const candidates = [
  '/usr/bin/chromium',
  '/usr/lib/chromium/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
]

export const chromiumInstallHelp = [
  'The browser tests (tests/e2e) need Chromium, and none was found.',
  'Install it:  sudo apt-get install chromium fonts-noto-cjk   (Debian/Ubuntu; fonts-noto-cjk renders the Chinese text)',
  'or point CHROMIUM_PATH at a Chromium or Chrome binary:  CHROMIUM_PATH=/path/to/chrome npm test',
].join('\n')

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK)
    return statSync(file).isFile()
  }
  catch {
    return false
  }
}

/** The path of the Chromium binary to drive; throws with install instructions when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CHROMIUM_PATH
  if (fromEnv) {
    if (isExecutableFile(fromEnv)) return fromEnv
    throw new Error(`CHROMIUM_PATH=${fromEnv} is not an executable file.\n${chromiumInstallHelp}`)
  }
  const found = candidates.find(isExecutableFile)
  if (found === undefined) throw new Error(`${chromiumInstallHelp}\n(looked in: ${candidates.join(', ')})`)
  return found
}

/** Flags for Chromium as root on a closed network (see the machine notes): no sandbox, no background traffic. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
