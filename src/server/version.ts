/** The app version served by /api/health, read once from package.json (the single source of truth). */
import { readFileSync } from 'node:fs'

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown }
  if (typeof pkg.version !== 'string')
    throw new Error('package.json has no version')
  return pkg.version
}

export const appVersion: string = readVersion()
