/**
 * Content-addressed attachments (DESIGN §4), device-authenticated, scoped to the token's station:
 *   PUT /api/blobs/:sha256  raw bytes (≤ 5 MB) → 201 new / 200 already there, `{sha256, size, contentType}`;
 *                           400 `hash-mismatch` when the bytes do not hash to :sha256; 413 over 5 MB;
 *                           415 `unsupported-blob-type` unless the bytes are a JPEG, PNG or WebP image (magic
 *                           bytes; the declared Content-Type is ignored); 507 `blob-quota-exceeded` when the
 *                           station's attachments would pass the `blobQuotaBytesPerStation` setting.
 *   GET /api/blobs/:sha256  → the bytes as their real image type, `Content-Disposition: attachment`,
 *                           `X-Content-Type-Options: nosniff`; 404 unless this station uploaded them.
 */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { requireDevice } from '../../auth/requireDevice'
import type { DeviceEnv } from '../../auth/requireDevice'
import { errorResponse, formatBytes, invalidBody, notFound, payloadTooLarge } from '../../errors'
import { getBlob, putBlob, sha256Hex } from '../../sync/blobs'
import { detectImageType } from '../../sync/blobTypes'
import { readRequestBytes } from '../../requestBody'
import type { BlobPutAnswer } from '../../../domain/protocol'
import { blobContentTypes, MAX_BLOB_BYTES, sha256Pattern } from '../../../domain/protocol'

const extensions = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/octet-stream': 'bin' } as const

export function blobRoutes(): Hono<DeviceEnv> {
  return new Hono<DeviceEnv>()
    .use(requireDevice())
    .put('/:sha256', bodyLimit({ maxSize: MAX_BLOB_BYTES, onError: c => payloadTooLarge(c, MAX_BLOB_BYTES) }), async (c) => {
      const sha256 = c.req.param('sha256')
      if (!sha256Pattern.test(sha256))
        return invalidBody(c, [{ path: 'sha256', message: '应为 64 位小写十六进制 SHA-256' }])
      const bytes = await readRequestBytes(c, MAX_BLOB_BYTES)
      if (bytes === 'too-large')
        return payloadTooLarge(c, MAX_BLOB_BYTES)
      if (bytes === 'unreadable')
        return invalidBody(c, [{ path: '', message: '无法读取上传内容（压缩数据损坏或编码不受支持）' }])
      const actual = sha256Hex(bytes)
      if (actual !== sha256)
        return errorResponse(c, 400, 'hash-mismatch', '上传内容与其 SHA-256 不符', { expected: sha256, actual })
      const contentType = detectImageType(bytes)
      if (!contentType)
        return errorResponse(c, 415, 'unsupported-blob-type', '附件只能是 JPEG、PNG 或 WebP 图片', { accepted: [...blobContentTypes] })
      const { db, now, blobDir } = c.var.deps
      const outcome = await putBlob(db, { stationId: c.var.device.stationId, sha256, bytes, contentType, now: now() }, blobDir)
      if (typeof outcome === 'object') {
        const { quotaBytes, usedBytes } = outcome.quotaExceeded
        return errorResponse(c, 507, 'blob-quota-exceeded', `本站附件存储已满（已用 ${formatBytes(usedBytes)}，上限 ${formatBytes(quotaBytes)}），请联系主管机构调整配额；相关记录保留在平板上`, { quotaBytes, usedBytes })
      }
      return c.json({ sha256, size: bytes.byteLength, contentType } satisfies BlobPutAnswer, outcome === 'created' ? 201 : 200)
    })
    .get('/:sha256', async (c) => {
      const sha256 = c.req.param('sha256')
      if (!sha256Pattern.test(sha256))
        return notFound(c)
      const blob = await getBlob(c.var.deps.db, c.var.device.stationId, sha256, c.var.deps.blobDir)
      // Another station's blob answers exactly like a missing one.
      if (!blob)
        return notFound(c)
      const bytes = new Uint8Array(blob.bytes)
      // Rows stored before 0009 carry whatever type was declared: serve what the bytes are, or nothing runnable.
      const type = detectImageType(bytes) ?? 'application/octet-stream'
      return c.body(bytes, 200, {
        'Content-Type': type,
        'Content-Length': String(bytes.byteLength),
        'Content-Disposition': `attachment; filename="${sha256}.${extensions[type]}"`,
        'X-Content-Type-Options': 'nosniff',
      })
    })
}
