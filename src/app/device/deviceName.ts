/** The name a tablet enrolls under when staff give none: what kind of device and the day it was enrolled. */
export function defaultDeviceName(): string {
  const ua = globalThis.navigator?.userAgent ?? ''
  const kind = /iPad|Tablet|Android/i.test(ua) ? '平板' : '终端'
  return `便民站台${kind} ${new Date().toISOString().slice(0, 10)}`
}
