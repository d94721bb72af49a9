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
import { fieldErrors, invalidBody, messages, payloadTooLarge, unsupportedMediaType } from './errors'
import { readRequestBytes } from './requestBody'

export const MB = 1024 * 1024

/** The default limit for a JSON body. */
export const DEFAULT_JSON_LIMIT = 2 * MB

export interface ValidateBodyOptions {
  /** Largest body accepted, in bytes, before and after gzip (default 2 MB). */
  maxBytes?: number
}

const jsonMediaType = /^application\/(?:[\w.-]+\+)?json$/i
const zhCN = z.locales.zhCN().localeError

/** Client strings that reach SQL outside an event (issue 10 item 1); the rule lives with the wire contract. */
export { storableText } from '../domain/protocol'

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

    const bytes = await readRequestBytes(c, maxBytes)
    if (bytes === 'too-large')
      return payloadTooLarge(c, maxBytes)
    if (bytes === 'unreadable')
      return invalidBody(c, [{ path: '', message: '无法读取请求内容（压缩数据损坏或编码不受支持）' }])
    const text = new TextDecoder().decode(bytes)

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
