/**
 * JSON errors for every route (DESIGN §5): `{ error: <code>, message: <中文 first> , ...}`.
 * Clients branch on `error` (a stable code) and show `message` to staff. Never a stack trace.
 */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { z } from 'zod'
import type { FieldIssue } from '../domain/fieldIssue'
import type { Logger } from './logger'
import { fieldErrorOf } from '../domain/fieldIssue'

/**
 * One invalid field of a request body; `path` is dotted ('events.3.id'), '' for the whole body; `message` is
 * Chinese; `code` and the limits (FieldIssue) let clients word it in their own language.
 */
export interface FieldError extends FieldIssue {
  path: string
  message: string
}

export interface ErrorBody {
  error: string
  message: string
  fields?: FieldError[]
  [extra: string]: unknown
}

/** Throw from a route to answer with a JSON error; anything else thrown becomes a logged 500. */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

export function errorResponse(c: Context, status: ContentfulStatusCode, code: string, message: string, extra: Record<string, unknown> = {}): Response {
  const body: ErrorBody = { ...extra, error: code, message }
  return c.json(body, status)
}

export const messages = {
  invalidBody: '请求内容不正确',
  invalidJson: '请求内容不是有效的 JSON',
  notFound: '找不到请求的地址',
  unsupportedMediaType: '请求内容须为 JSON（Content-Type: application/json）',
  internal: '服务器内部错误，请稍后重试',
  payloadTooLarge: (limit: number) => `请求内容过大（上限 ${formatBytes(limit)}）`,
} as const

/** 400 with the field errors, the shape every validated route answers. */
export function invalidBody(c: Context, fields: FieldError[], message: string = messages.invalidBody): Response {
  return errorResponse(c, 400, 'invalid-body', message, { fields })
}

export function notFound(c: Context): Response {
  return errorResponse(c, 404, 'not-found', messages.notFound)
}

export function payloadTooLarge(c: Context, limitBytes: number): Response {
  return errorResponse(c, 413, 'payload-too-large', messages.payloadTooLarge(limitBytes), { limit: limitBytes })
}

export function unsupportedMediaType(c: Context): Response {
  return errorResponse(c, 415, 'unsupported-media-type', messages.unsupportedMediaType)
}

/**
 * zod issues as field errors (messages come from the zh-CN locale unless a schema sets its own), each with
 * its issue code and limits (domain/fieldIssue.ts).
 */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map(issue => fieldErrorOf(issue))
}

const statusCodes: Partial<Record<number, [code: string, message: string]>> = {
  400: ['invalid-body', messages.invalidBody],
  401: ['unauthorized', '未授权，请重新登记设备或登录'],
  403: ['forbidden', '无权访问'],
  404: ['not-found', messages.notFound],
  405: ['method-not-allowed', '不支持该请求方法'],
  413: ['payload-too-large', '请求内容过大'],
  415: ['unsupported-media-type', messages.unsupportedMediaType],
  429: ['too-many-requests', '请求过于频繁，请稍后重试'],
  503: ['unavailable', '服务暂不可用，请稍后重试'],
}

/** The app's onError: known errors as their JSON answer, the rest logged in full and answered 500. */
export function errorHandler(logger: Logger): ErrorHandler {
  return (err, c) => {
    if (err instanceof ApiError)
      return errorResponse(c, err.status, err.code, err.message, err.extra)
    if (err instanceof HTTPException && err.status < 500) {
      // Hono's own 4xx (e.g. a middleware's); its text is English and may name internals: use ours.
      const [code, message] = statusCodes[err.status] ?? ['error', '请求无法处理']
      return errorResponse(c, err.status, code, message)
    }
    logger.error({ err, method: c.req.method, path: c.req.path }, 'unhandled error')
    return errorResponse(c, 500, 'internal', messages.internal)
  }
}

export const notFoundHandler: NotFoundHandler = c => notFound(c)

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024)
    return `${+(n / 1024 / 1024 / 1024).toFixed(1)} GB`
  if (n >= 1024 * 1024)
    return `${+(n / 1024 / 1024).toFixed(1)} MB`
  if (n >= 1024)
    return `${+(n / 1024).toFixed(1)} KB`
  return `${n} B`
}
