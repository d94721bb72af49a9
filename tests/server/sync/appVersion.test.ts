/** The push's 426 check (sync/appVersion.ts): semver order, short forms, pre-releases, a mistyped setting. */
import { describe, expect, it } from 'vitest'
import { isOlderVersion } from '../../../src/server/sync/appVersion'

describe('isOlderVersion', () => {
  it('orders versions numerically, not as text', () => {
    expect(isOlderVersion('1.2.9', '1.2.10')).toBe(true)
    expect(isOlderVersion('1.2.10', '1.2.9')).toBe(false)
    expect(isOlderVersion('1.10.0', '1.9.9')).toBe(false)
    expect(isOlderVersion('1.2.3', '1.2.3')).toBe(false)
  })

  it('counts missing parts as 0 and ignores build metadata', () => {
    expect(isOlderVersion('1.2', '1.2.0')).toBe(false)
    expect(isOlderVersion('1', '1.0.1')).toBe(true)
    expect(isOlderVersion('1.2.3+build.7', '1.2.3')).toBe(false)
  })

  it('puts a pre-release before its release', () => {
    expect(isOlderVersion('1.3.0-rc.1', '1.3.0')).toBe(true)
    expect(isOlderVersion('1.3.0', '1.3.0-rc.1')).toBe(false)
    expect(isOlderVersion('1.3.0-rc.9', '1.3.0-rc.10')).toBe(true)
    expect(isOlderVersion('1.3.0-rc.1', '1.2.9')).toBe(false)
  })

  it('refuses nobody when the setting is no version at all', () => {
    expect(isOlderVersion('0.0.1', 'none')).toBe(false)
  })
})
