/**
 * The raw bytes of a request body, gunzipped when sent with `Content-Encoding: gzip` (DESIGN §4), never more
 * than a limit: one reader for JSON bodies (validate.ts) and blob uploads (routes/api/blobs.ts).
 * Put `bodyLimit` in front of it for the bytes on the wire; this counts what gunzip makes of them.
 */
import type { Context } from 'hono'

/** The bytes, or why there are none: over `maxBytes` after gunzip, or not readable (corrupt gzip, another encoding). */
export type RequestBytes = Uint8Array | 'too-large' | 'unreadable'

export async function readRequestBytes(c: Context, maxBytes: number): Promise<RequestBytes> {
  const encoding = (c.req.header('content-encoding') ?? 'identity').trim().toLowerCase()
  try {
    if (encoding === 'identity')
      return new Uint8Array(await c.req.arrayBuffer())
    if (encoding !== 'gzip' || !c.req.raw.body)
      return 'unreadable'
    const reader = c.req.raw.body.pipeThrough(new DecompressionStream('gzip')).getReader()
    const chunks: Uint8Array[] = []
    let size = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done)
        break
      size += value.byteLength
      // A small gzip body can inflate to gigabytes: count what comes out, not what went in.
      if (size > maxBytes) {
        await reader.cancel()
        return 'too-large'
      }
      chunks.push(value)
    }
    return new Uint8Array(Buffer.concat(chunks))
  }
  catch {
    return 'unreadable'
  }
}
