/** The 426 check of a push (DESIGN §4): is the app older than the `minAppVersion` setting, in semver order? */
import semver from 'semver'

/**
 * True when `appVersion` sorts before `minVersion` ('1.2.9' < '1.2.10'; a pre-release '1.3.0-rc.1' before its
 * release). Short forms count their missing parts as 0 ('1.2' = '1.2.0'); build metadata is ignored. A value
 * that is no version at all (a mistyped setting) refuses nobody.
 */
export function isOlderVersion(appVersion: string, minVersion: string): boolean {
  const app = semver.coerce(appVersion, { includePrerelease: true })
  const min = semver.coerce(minVersion, { includePrerelease: true })
  return app !== null && min !== null && semver.lt(app, min)
}
