/**
 * Precompressed copies of the built PWA (issue 14 item 11): the build writes `<file>.br` and `<file>.gz` next to
 * each compressible file (vite.config.ts, precompressBuild), and the server sends the one the browser accepts,
 * by Accept-Encoding with q-values, brotli first. Nothing is compressed per request.
 */
import { readFile, stat } from 'node:fs/promises'
import { getMimeType } from 'hono/utils/mime'

export type ContentEncoding = 'br' | 'gzip'

/** In preference order: brotli is smaller, gzip is understood everywhere. */
const ENCODINGS: readonly { encoding: ContentEncoding, suffix: string }[] = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
]

/** Types worth a compressed copy (images and fonts are compressed already). */
const COMPRESSIBLE = /^(?:text\/|application\/(?:javascript|json|manifest\+json|xml)|image\/svg\+xml|image\/x-icon|image\/vnd\.microsoft\.icon)/

/** Accept-Encoding as codings with their q-values (RFC 9110 §12.5.3); `*` stands for any coding not named. */
export function acceptedEncodings(header: string | undefined): Map<string, number> {
  const accepted = new Map<string, number>()
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (!name)
      continue
    const q = params.map(p => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)?.[1]).find(v => v !== undefined)
    const value = q === undefined ? 1 : Number(q)
    accepted.set(name, Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0)
  }
  return accepted
}

/** The best of `available` the client accepts (q > 0), brotli before gzip on a tie; undefined: send the file as is. */
export function negotiateEncoding(header: string | undefined, available: readonly ContentEncoding[]): ContentEncoding | undefined {
  const accepted = acceptedEncodings(header)
  const wildcard = accepted.get('*') ?? 0
  let best: { encoding: ContentEncoding, q: number } | undefined
  for (const { encoding } of ENCODINGS) {
    if (!available.includes(encoding))
      continue
    const q = accepted.get(encoding) ?? (encoding === 'gzip' ? accepted.get('x-gzip') : undefined) ?? wildcard
    if (q > 0 && (!best || q > best.q))
      best = { encoding, q }
  }
  return best?.encoding
}

/** The precompressed copies that exist for a file (none for a type not worth compressing). */
export async function precompressedVariants(file: string): Promise<ContentEncoding[]> {
  const type = getMimeType(file)
  if (!type || !COMPRESSIBLE.test(type))
    return []
  const found = await Promise.all(ENCODINGS.map(async ({ encoding, suffix }) =>
    (await stat(`${file}${suffix}`).then(s => s.isFile(), () => false)) ? encoding : undefined))
  return found.filter((e): e is ContentEncoding => e !== undefined)
}

export interface CompressedAnswer {
  /** Send this instead of the file, or undefined: send the file itself (still with `vary`). */
  response?: Response
  /** Whether the answer depends on Accept-Encoding (a copy exists), so caches must key on it. */
  vary: boolean
}

/**
 * The answer for `file` (an existing file under the static root) given the request's headers: its
 * precompressed copy when one is accepted. Range requests get the file itself (ranges of an encoding are not
 * worth supporting). `cacheControl` goes on the answer.
 */
export async function compressedAnswer(file: string, method: string, headers: { acceptEncoding?: string, range?: string }, cacheControl: string): Promise<CompressedAnswer> {
  const variants = await precompressedVariants(file)
  if (variants.length === 0)
    return { vary: false }
  const encoding = headers.range ? undefined : negotiateEncoding(headers.acceptEncoding, variants)
  if (!encoding)
    return { vary: true }
  const suffix = ENCODINGS.find(e => e.encoding === encoding)?.suffix ?? ''
  const [body, info] = await Promise.all([readFile(`${file}${suffix}`), stat(file)])
  const response = new Response(method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': getMimeType(file) ?? 'application/octet-stream',
      'Content-Encoding': encoding,
      'Content-Length': String(body.length),
      'Vary': 'Accept-Encoding',
      'Cache-Control': cacheControl,
      'Last-Modified': info.mtime.toUTCString(),
    },
  })
  return { response, vary: true }
}
