/**
 * Serves the built PWA (DESIGN §5, §6). The service worker and the files that name the current
 * build must always be revalidated, or tablets would keep an old app forever; Vite's hashed
 * /assets/* never change and are cached for a year. Files the build precompressed go out as their brotli or
 * gzip copy when the browser accepts one (precompressed.ts), with `Vary: Accept-Encoding`. Never answers under /api.
 */
import { existsSync, statSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Context, MiddlewareHandler } from 'hono'
import { notFound } from './errors'
import { compressedAnswer } from './precompressed'

/** Files whose content changes with each build under a fixed name. */
export const NO_CACHE_FILES = new Set(['sw.js', 'index.html', 'rate.html', 'book.html', 'manifest.webmanifest', 'registerSW.js'])

/** The citizen's pages (issue 9): their own small entries, served for their paths instead of the staff app. */
export const PUBLIC_PAGES: readonly { pattern: RegExp, file: string }[] = [
  { pattern: /^\/r\/[\w-]+\/?$/, file: 'rate.html' },
  { pattern: /^\/book\/?$/, file: 'book.html' },
]

export const IMMUTABLE = 'public, max-age=31536000, immutable'

export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/')
}

/** Cache-Control for a served file, by its URL path. */
export function cacheControlFor(path: string): string {
  // '/' and other folders are served as their index.html.
  const name = path.slice(path.lastIndexOf('/') + 1) || 'index.html'
  if (NO_CACHE_FILES.has(name))
    return 'no-cache'
  if (path.startsWith('/assets/'))
    return IMMUTABLE
  // Icons and other unhashed public files: revalidate after an hour.
  return 'public, max-age=3600'
}

export interface PwaServing {
  /** Serves an existing file for GET/HEAD outside /api; otherwise passes on. */
  files: MiddlewareHandler
  /** The SPA fallback: index.html for an HTML navigation to a client-side route, else undefined. */
  fallback: (c: Context) => Response | Promise<Response> | undefined
}

export function servePwa(staticDir: string): PwaServing {
  const root = resolve(staticDir)
  // Built lazily: `npm start` may build the PWA after the app object exists.
  let handler: MiddlewareHandler | undefined
  const fileHandler = (): MiddlewareHandler | undefined => {
    if (!handler && existsSync(root)) {
      handler = serveStatic({ root })
    }
    return handler
  }
  const pageHandlers = new Map<string, MiddlewareHandler>()

  return {
    files: async (c, next) => {
      const serve = isApiPath(c.req.path) ? undefined : fileHandler()
      if (!serve)
        return next()
      const file = c.req.method === 'GET' || c.req.method === 'HEAD' ? staticFile(root, c.req.path) : undefined
      const compressed = file ? await compressedAnswer(file, c.req.method, requestEncodingHeaders(c), cacheControlFor(c.req.path)) : { vary: false }
      if (compressed.response)
        return compressed.response
      const res = await serve(c, next)
      // serveStatic builds its Response before onFound runs, so headers are set on the answer itself.
      if (res instanceof Response && res.ok) {
        res.headers.set('Cache-Control', cacheControlFor(c.req.path))
        if (compressed.vary)
          res.headers.set('Vary', 'Accept-Encoding')
      }
      return res
    },
    fallback: (c) => {
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD')
        return undefined
      if (isApiPath(c.req.path) || looksLikeFile(c.req.path) || !acceptsHtml(c.req.header('accept')))
        return undefined
      const file = PUBLIC_PAGES.find(p => p.pattern.test(c.req.path))?.file ?? 'index.html'
      if (!isFile(join(root, file)))
        return undefined
      let handler = pageHandlers.get(file)
      if (!handler) {
        handler = serveStatic({ root, path: file })
        pageHandlers.set(file, handler)
      }
      const page = handler
      return compressedAnswer(join(root, file), c.req.method, requestEncodingHeaders(c), 'no-cache').then(async (compressed) => {
        if (compressed.response)
          return compressed.response
        const res = await page(c, async () => {})
        if (!(res instanceof Response))
          return notFound(c)
        res.headers.set('Cache-Control', 'no-cache')
        if (compressed.vary)
          res.headers.set('Vary', 'Accept-Encoding')
        return res
      })
    },
  }
}

function requestEncodingHeaders(c: Context): { acceptEncoding?: string, range?: string } {
  return { acceptEncoding: c.req.header('accept-encoding'), range: c.req.header('range') }
}

/**
 * The file a request path names under `root` (a folder's index.html), or undefined: not a file, or a path
 * serveStatic would refuse (dot segments, doubled or back slashes, percent escapes) — those never get a copy.
 */
function staticFile(root: string, path: string): string | undefined {
  if (path.includes('%') || /(?:^|[/\\])\.{1,2}(?:$|[/\\])|[/\\]{2,}|\\/.test(path))
    return undefined
  const named = join(root, path)
  const file = path.endsWith('/') ? join(named, 'index.html') : named
  if (!file.startsWith(root + sep) || !isFile(file))
    return undefined
  return file
}

/** '/assets/x.js', '/favicon.ico': a missing file is a 404, not the app shell. */
function looksLikeFile(path: string): boolean {
  return /\.[^/]+$/.test(path.slice(path.lastIndexOf('/') + 1))
}

function acceptsHtml(accept: string | undefined): boolean {
  return !!accept && /text\/html|application\/xhtml\+xml/i.test(accept)
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  }
  catch {
    return false
  }
}
