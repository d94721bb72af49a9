/**
 * Scanning the office's enrollment QR code with the tablet's camera (issue 8 item 5): getUserMedia (rear
 * camera), a frame every ~150 ms drawn to a canvas and decoded (device/qrDecode.ts, jsqr loaded lazily),
 * stopped as soon as an enrollment payload is found. A camera that is refused or missing becomes `error`
 * for a Chinese message; typing the code still works.
 */
import type { Ref } from 'vue'
import type { EnrollmentLink } from '../device/enrollLink'
import type { QrFrame } from '../device/qrDecode'
import { tryOnScopeDispose } from '@vueuse/core'
import { ref, shallowRef } from 'vue'
import { decodeEnrollmentFrame } from '../device/qrDecode'

/** Why scanning cannot run: no camera API (old browser, or plain http on the LAN), refused, no camera, or it failed to open. */
export type QrScanError = 'unsupported' | 'denied' | 'no-camera' | 'failed'

export interface UseQrScannerOptions {
  /** Called once with the payload found; scanning has stopped by then. */
  onResult: (link: EnrollmentLink) => void
  /** Injectable for tests; defaults to navigator.mediaDevices. */
  mediaDevices?: Pick<MediaDevices, 'getUserMedia'> | null
  /** Injectable for tests: reads one frame from the video; defaults to a canvas. */
  readFrame?: (video: HTMLVideoElement) => QrFrame | null
}

export interface UseQrScannerReturn {
  /** Whether the camera API exists here (secure context, a browser that has it). */
  isSupported: boolean
  /** The camera is open and frames are being decoded. */
  scanning: Ref<boolean>
  error: Ref<QrScanError | null>
  /** Opens the camera into `video` and decodes until a payload is found or stop() is called. */
  start: (video: HTMLVideoElement) => Promise<void>
  stop: () => void
}

const FRAME_INTERVAL_MS = 150

/** The browser's error name as one of ours. */
export function scanErrorOf(error: unknown): QrScanError {
  const name = error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error) ? String((error as { name: unknown }).name) : ''
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError')
    return 'denied'
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError')
    return 'no-camera'
  return 'failed'
}

function canvasFrame(): (video: HTMLVideoElement) => QrFrame | null {
  let canvas: HTMLCanvasElement | null = null
  return (video) => {
    const width = video.videoWidth
    const height = video.videoHeight
    if (!width || !height)
      return null
    canvas ??= document.createElement('canvas')
    canvas.width = width
    canvas.height = height
    const context = canvas.getContext('2d', { willReadFrequently: true })
    if (!context)
      return null
    context.drawImage(video, 0, 0, width, height)
    return context.getImageData(0, 0, width, height)
  }
}

export function useQrScanner(options: UseQrScannerOptions): UseQrScannerReturn {
  const mediaDevices = options.mediaDevices === undefined ? (globalThis.navigator?.mediaDevices ?? null) : options.mediaDevices
  const isSupported = typeof mediaDevices?.getUserMedia === 'function'
  const readFrame = options.readFrame ?? canvasFrame()
  const scanning = ref(false)
  const error = ref<QrScanError | null>(null)
  const stream = shallowRef<MediaStream | null>(null)
  let timer: ReturnType<typeof setTimeout> | null = null

  function stop(): void {
    if (timer !== null)
      clearTimeout(timer)
    timer = null
    for (const track of stream.value?.getTracks() ?? [])
      track.stop()
    stream.value = null
    scanning.value = false
  }

  async function tick(video: HTMLVideoElement): Promise<void> {
    if (!scanning.value)
      return
    const frame = readFrame(video)
    const link = frame ? await decodeEnrollmentFrame(frame) : null
    if (!scanning.value)
      return
    if (link) {
      stop()
      options.onResult(link)
      return
    }
    timer = setTimeout(() => void tick(video), FRAME_INTERVAL_MS)
  }

  async function start(video: HTMLVideoElement): Promise<void> {
    stop()
    error.value = null
    if (!isSupported || !mediaDevices) {
      error.value = 'unsupported'
      return
    }
    try {
      stream.value = await mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      video.srcObject = stream.value
      video.setAttribute('playsinline', '')
      // Autoplay refused: the video element still shows the stream once touched, and frames are read regardless.
      await video.play().catch(() => undefined)
    }
    catch (e) {
      stop()
      error.value = scanErrorOf(e)
      return
    }
    scanning.value = true
    void tick(video)
  }

  tryOnScopeDispose(stop)
  return { isSupported, scanning, error, start, stop }
}
