/**
 * Serves the built PWA (DESIGN §5, §6). The service worker and the files that name the current
 * build must always be revalidated, or tablets would keep an old app forever; Vite's hashed
 * /assets/* never change and are cached for a year. Never answers under /api.
 */
import { existsSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Context, MiddlewareHandler } from 'hono'

/** Files whose content changes with each build under a fixed name. */
export const NO_CACHE_FILES = new Set(['sw.js', 'index.html', 'manifest.webmanifest', 'registerSW.js'])

export const IMMUTABLE = 'public, max-age=31536000, immutable'

export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/')
}

/** Cache-Control for a served file (path relative to the static root, '/'-separated). */
export function cacheControlFor(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1)
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
      handler = serveStatic({
        root,
        onFound: (path, c) => {
          const rel = path.slice(root.length).split('\\').join('/')
          c.header('Cache-Control', cacheControlFor(rel))
        },
      })
    }
    return handler
  }
  const indexPath = join(root, 'index.html')
  let indexHandler: MiddlewareHandler | undefined

  return {
    files: async (c, next) => {
      const serve = isApiPath(c.req.path) ? undefined : fileHandler()
      return serve ? serve(c, next) : next()
    },
    fallback: (c) => {
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD')
        return undefined
      if (isApiPath(c.req.path) || looksLikeFile(c.req.path) || !acceptsHtml(c.req.header('accept')))
        return undefined
      if (!isFile(indexPath))
        return undefined
      indexHandler ??= serveStatic({
        root,
        path: 'index.html',
        onFound: (_path, c) => {
          c.header('Cache-Control', 'no-cache')
        },
      })
      return indexHandler(c, async () => {}) as Promise<Response>
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
