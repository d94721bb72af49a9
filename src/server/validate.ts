/**
 * Request-body validation for every route (DESIGN §5): size limit (413), JSON only (415),
 * gzip accepted (DESIGN §4), malformed JSON and schema errors as 400 with field errors.
 *
 *   app.post('/api/x', validateBody(schema), c => { const body = c.req.valid('json'); ... })
 *   app.post('/api/sync/push', validateBody(pushSchema, { maxBytes: 2 * MB }), ...)
 */
import type { Context, Env, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { textProblem } from '../domain/eventSafety'
import { fieldErrors, invalidBody, messages, payloadTooLarge, unsupportedMediaType } from './errors'

export const MB = 1024 * 1024

/** The default limit for a JSON body. */
export const DEFAULT_JSON_LIMIT = 2 * MB

export interface ValidateBodyOptions {
  /** Largest body accepted, in bytes, before and after gzip (default 2 MB). */
  maxBytes?: number
}

const jsonMediaType = /^application\/(?:[\w.-]+\+)?json$/i
const zhCN = z.locales.zhCN().localeError

class TooLarge extends Error {}

/**
 * A string the database can store and compare (issue 10 item 1): no NUL, no lone surrogate; anything else
 * is a 400 field error with a Chinese message instead of a database error (500). Chain limits after it:
 * `storableText().min(1).max(64)`. Use it for every client string that reaches SQL outside an event.
 */
export function storableText(): z.ZodString {
  return z.string().superRefine((value, ctx) => {
    const problem = textProblem(value)
    if (problem)
      ctx.addIssue({ code: 'custom', message: problem })
  })
}

/**
 * Middleware that answers 413/415/400 itself and otherwise puts the parsed, validated body at
 * `c.req.valid('json')` (typed from the schema).
 */
export function validateBody<S extends z.ZodType, E extends Env = Env, P extends string = string>(
  schema: S,
  options: ValidateBodyOptions = {},
): MiddlewareHandler<E, P, { in: { json: z.input<S> }, out: { json: z.output<S> } }> {
  const maxBytes = options.maxBytes ?? DEFAULT_JSON_LIMIT
  // Checks Content-Length up front and counts chunked bodies as they stream in.
  const limit = bodyLimit({ maxSize: maxBytes, onError: c => payloadTooLarge(c, maxBytes) })

  return async (c, next) => {
    let answer: Response | undefined
    const limited = await limit(c, async () => {
      answer = await parseAndValidate(c, next)
    })
    return limited ?? answer
  }

  async function parseAndValidate(c: Context, next: () => Promise<void>): Promise<Response | undefined> {
    const mediaType = (c.req.header('content-type') ?? '').split(';', 1)[0]?.trim() ?? ''
    if (!jsonMediaType.test(mediaType))
      return unsupportedMediaType(c)

    let text: string
    try {
      text = await readText(c, maxBytes)
    }
    catch (error) {
      if (error instanceof TooLarge)
        return payloadTooLarge(c, maxBytes)
      return invalidBody(c, [{ path: '', message: '无法读取请求内容（压缩数据损坏或编码不受支持）' }])
    }

    let value: unknown
    try {
      value = JSON.parse(text)
    }
    catch {
      return invalidBody(c, [{ path: '', message: messages.invalidJson }], messages.invalidJson)
    }

    const result = await schema.safeParseAsync(value, { error: zhCN })
    if (!result.success)
      return invalidBody(c, fieldErrors(result.error))
    c.req.addValidatedData('json', result.data as object)
    await next()
    return undefined
  }
}

/** The body as text, gunzipped when sent with Content-Encoding: gzip, never more than maxBytes. */
async function readText(c: Context, maxBytes: number): Promise<string> {
  const encoding = (c.req.header('content-encoding') ?? 'identity').trim().toLowerCase()
  if (encoding === 'identity')
    return c.req.text()
  if (encoding !== 'gzip' || !c.req.raw.body)
    throw new Error(`unsupported content-encoding ${encoding}`)
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
      throw new TooLarge()
    }
    chunks.push(value)
  }
  return new TextDecoder().decode(Buffer.concat(chunks))
}
