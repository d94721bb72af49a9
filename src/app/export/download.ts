/**
 * Saving an exported Blob on the tablet: an <a download> on an object URL, clicked, removed, and the URL
 * revoked once the browser has had time to start the download (revoking at once can cancel it in some
 * browsers).
 */

/** How long the object URL lives after the click. */
export const REVOKE_AFTER_MS = 30_000

/** Characters Windows, Android and iOS refuse in file names (control characters are dropped separately). */
const UNSAFE_FILE_NAME = /[\\/:*?"<>|]/g

function withoutControlCharacters(text: string): string {
  return [...text].filter(ch => ch.charCodeAt(0) >= 0x20).join('')
}

/** A file name like '工作台账_2026-11.xlsx': base and period joined by '_', unsafe characters replaced. */
export function exportFileName(base: string, period: string, extension: 'xlsx' | 'csv'): string {
  const stem = [base, period].map(part => withoutControlCharacters(part).replace(UNSAFE_FILE_NAME, '-').trim()).filter(Boolean).join('_')
  return `${stem || '导出'}.${extension}`
}

/** Save `blob` as a file named `fileName` (the browser's download). */
export function downloadBlob(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob)
  const anchor = doc.createElement('a')
  anchor.href = url
  anchor.download = fileName
  anchor.rel = 'noopener'
  anchor.style.display = 'none'
  doc.body.append(anchor)
  try {
    anchor.click()
  }
  finally {
    anchor.remove()
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS)
  }
}
