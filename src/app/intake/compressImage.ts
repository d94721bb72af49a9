/**
 * Photos of materials are taken with the tablet's camera (often 12 MP and more) and stored with the
 * intake's events: shrunk on the tablet to at most `maxPx` on the longest side, re-encoded as JPEG,
 * so storage and the later upload stay small (issue 4: ≤ 1600 px before storing).
 */
import { AppError } from '../appError'

/** The longest side a stored material photo may have. */
export const MATERIAL_PHOTO_MAX_PX = 1600

/** The size to draw an image of `width`×`height` so that its longest side is at most `maxPx` (never enlarged). */
export function fitWithin(width: number, height: number, maxPx: number): { width: number, height: number, scale: number } {
  if (!(width > 0) || !(height > 0) || !(maxPx > 0))
    throw new ImageCompressionError('image.badSize', { width, height, max: maxPx })
  const scale = Math.min(1, maxPx / Math.max(width, height))
  // Rounding may not push the longest side past the limit.
  return { width: Math.min(maxPx, Math.max(1, Math.round(width * scale))), height: Math.min(maxPx, Math.max(1, Math.round(height * scale))), scale }
}

/** The photo could not be read or re-encoded on this device; its code says why. */
export class ImageCompressionError extends AppError {
  override readonly name = 'ImageCompressionError'
}

export interface CompressOptions {
  /** JPEG quality 0–1 (default 0.85: text on documents stays legible). */
  quality?: number
}

type Drawable = CanvasImageSource & { width: number, height: number }

/** Decode with createImageBitmap (EXIF orientation applied), else an <img> element. */
async function decode(file: Blob): Promise<{ image: Drawable, close: () => void }> {
  if (typeof createImageBitmap === 'function') {
    try {
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
      return { image: bitmap, close: () => bitmap.close() }
    }
    catch {
      // Some engines reject the options bag or the format here; the <img> path below may still decode it.
    }
  }
  if (typeof document === 'undefined' || typeof URL.createObjectURL !== 'function')
    throw new ImageCompressionError('image.cannotRead')
  const url = URL.createObjectURL(file)
  try {
    const img = new Image()
    img.src = url
    await img.decode()
    return { image: Object.assign(img, { width: img.naturalWidth, height: img.naturalHeight }), close: () => URL.revokeObjectURL(url) }
  }
  catch {
    URL.revokeObjectURL(url)
    throw new ImageCompressionError('image.unreadable')
  }
}

/** Draw at `width`×`height` and encode as JPEG, on an OffscreenCanvas where there is one. */
async function encode(image: Drawable, width: number, height: number, quality: number): Promise<Blob> {
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(width, height)
    const ctx = canvas.getContext('2d')
    if (ctx) {
      ctx.drawImage(image, 0, 0, width, height)
      return canvas.convertToBlob({ type: 'image/jpeg', quality })
    }
  }
  if (typeof document === 'undefined')
    throw new ImageCompressionError('image.cannotCompress')
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const ctx = canvas.getContext('2d')
  if (!ctx)
    throw new ImageCompressionError('image.cannotCompress')
  ctx.drawImage(image, 0, 0, width, height)
  return new Promise<Blob>((resolve, reject) => {
    canvas.toBlob(blob => (blob ? resolve(blob) : reject(new ImageCompressionError('image.failed'))), 'image/jpeg', quality)
  })
}

/**
 * A photo ready to store: at most `maxPx` on its longest side, JPEG. A JPEG that already fits is kept
 * as it is (no second lossy pass). Throws ImageCompressionError with a Chinese message when this device
 * cannot read or encode it (the original is never stored in its place).
 */
export async function compressImage(file: Blob, maxPx: number = MATERIAL_PHOTO_MAX_PX, options: CompressOptions = {}): Promise<Blob> {
  if (!file.type.startsWith('image/'))
    throw new ImageCompressionError('image.notImage')
  const { image, close } = await decode(file)
  try {
    const size = fitWithin(image.width, image.height, maxPx)
    if (size.scale === 1 && file.type === 'image/jpeg')
      return file
    return await encode(image, size.width, size.height, options.quality ?? 0.85)
  }
  finally {
    close()
  }
}
