/**
 * Content-addressed attachments (DESIGN §4, SYNC-API.md "Blobs"): `PUT /api/blobs/:sha256` raw bytes →
 * 201 new / 200 already stored (errors: 400 hash-mismatch, 413, 415 unsupported-blob-type, 507 blob-quota-exceeded).
 */
import { z } from 'zod'

export const MAX_BLOB_BYTES = 5 * 1024 * 1024
export const sha256Pattern = /^[0-9a-f]{64}$/

/** Only these are attachments; the server tells them from their first bytes. */
export const blobContentTypes = ['image/jpeg', 'image/png', 'image/webp'] as const
export type BlobContentType = (typeof blobContentTypes)[number]

export const blobPutAnswerSchema = z.object({
  sha256: z.string().regex(sha256Pattern),
  size: z.number().int().min(0),
  contentType: z.enum(blobContentTypes),
})
export type BlobPutAnswer = z.infer<typeof blobPutAnswerSchema>
