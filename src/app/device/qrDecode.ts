/**
 * Decoding a camera frame into an enrollment QR payload (issue 8 item 5). jsqr is loaded only when a
 * tablet scans (dynamic import), so the counter's bundle does not carry it. No DOM here: a frame is plain
 * RGBA pixels, so tests decode images made with the qrcode package.
 */
import type jsQRType from 'jsqr'
import type { EnrollmentLink } from './enrollLink'
import { parseEnrollmentPayload } from './enrollLink'

/** RGBA pixels, 4 bytes each, row by row (the shape of ImageData). */
export interface QrFrame {
  data: Uint8ClampedArray
  width: number
  height: number
}

type JsQr = typeof jsQRType
let loaded: Promise<JsQr> | null = null

function loadJsQr(): Promise<JsQr> {
  loaded ??= import('jsqr').then(m => m.default)
  return loaded
}

/** The text of the QR code in the frame, or null when none is found. */
export async function decodeQrFrame(frame: QrFrame): Promise<string | null> {
  const jsQR = await loadJsQr()
  const found = jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' })
  return found?.data ?? null
}

/** The enrollment code and server in the frame's QR code, or null (no code, or not an enrollment QR). */
export async function decodeEnrollmentFrame(frame: QrFrame): Promise<EnrollmentLink | null> {
  const text = await decodeQrFrame(frame)
  return text === null ? null : parseEnrollmentPayload(text)
}
