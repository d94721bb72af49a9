/**
 * Serves the built PWA (DESIGN §5, §6). The service worker and the files that name the current
 * build must always be revalidated, or tablets would keep an old app forever; Vite's hashed
 * /assets/* never change and are cached for a year. Never answers under /api.
 */
import { existsSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Context, MiddlewareHandler } from 'hono'
import { notFound } from './errors'

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
      const res = await serve(c, next)
      // serveStatic builds its Response before onFound runs, so headers are set on the answer itself.
      if (res instanceof Response && res.ok)
        res.headers.set('Cache-Control', cacheControlFor(c.req.path))
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
      return Promise.resolve(handler(c, async () => {})).then((res) => {
        if (!(res instanceof Response))
          return notFound(c)
        res.headers.set('Cache-Control', 'no-cache')
        return res
      })
    },
  }
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
