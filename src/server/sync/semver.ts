/** Compares dotted versions ('1.2.10' > '1.2.9'); a pre-release ('1.2.0-rc.1') sorts before its release. */
export function compareVersions(a: string, b: string): number {
  const [coreA = '', preA] = splitVersion(a)
  const [coreB = '', preB] = splitVersion(b)
  const partsA = coreA.split('.').map(Number)
  const partsB = coreB.split('.').map(Number)
  for (let i = 0; i < Math.max(partsA.length, partsB.length); i++) {
    const d = (partsA[i] ?? 0) - (partsB[i] ?? 0)
    if (d !== 0)
      return Math.sign(d)
  }
  if (preA === preB)
    return 0
  if (preA === undefined)
    return 1
  if (preB === undefined)
    return -1
  return preA < preB ? -1 : 1
}

/** 'x.y.z' with an optional '-pre' and '+build' (build ignored). */
export const versionPattern = /^\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/

function splitVersion(v: string): [string, string | undefined] {
  const withoutBuild = v.split('+')[0] ?? ''
  const dash = withoutBuild.indexOf('-')
  return dash < 0 ? [withoutBuild, undefined] : [withoutBuild.slice(0, dash), withoutBuild.slice(dash + 1)]
}
