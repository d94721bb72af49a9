/**
 * A refused oversized body does not break the kept-alive connection it came on (issue 10 item 6): the 413
 * says `Connection: close` and the server closes that socket cleanly, so the client's next request (on a
 * fresh socket) is answered normally; before, it waited on the stalled socket and was reset. Over a real socket with node's keep-alive
 * agent (one socket), for a body announced by Content-Length and for a chunked one.
 */
import { Agent, request } from 'node:http'
import type { IncomingHttpHeaders } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../src/server/main'
import { startServer } from '../../src/server/main'

interface Answer { status: number, headers: IncomingHttpHeaders, body: string, reusedSocket: boolean, localPort: number | undefined }

function send(url: string, agent: Agent, method: string, body?: { bytes: number, chunked: boolean }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (body && !body.chunked)
      headers['content-length'] = String(body.bytes)
    if (body?.chunked)
      headers['transfer-encoding'] = 'chunked'
    const req = request(url, { method, agent, headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, reusedSocket: req.reusedSocket, localPort: req.socket?.localPort }))
    })
    req.on('error', reject)
    if (!body)
      return req.end()
    const chunk = Buffer.alloc(64 * 1024, 'a')
    let sent = 0
    const write = (): void => {
      while (sent < body.bytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, body.bytes - sent))
        sent += piece.length
        if (!req.write(piece)) {
          req.once('drain', write)
          return
        }
      }
      req.end()
    }
    write()
  })
}

describe('a 413 on a kept-alive connection', () => {
  let server: RunningServer
  let agent: Agent
  beforeAll(async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir: 'memory://', staticDir: null, seedDemo: false })
  })
  afterAll(async () => {
    agent?.destroy()
    await server?.close()
  })

  for (const chunked of [false, true]) {
    it(`leaves the socket usable for the next request (${chunked ? 'chunked' : 'Content-Length'} body)`, async () => {
      agent = new Agent({ keepAlive: true, maxSockets: 1 })
      const warm = await send(`${server.url}/api/health`, agent, 'GET')
      expect(warm.status).toBe(200)

      // 3 MiB to the enrollment route (limit 4 KiB): refused before it is read.
      const tooLarge = await send(`${server.url}/api/devices/enroll`, agent, 'POST', { bytes: 3 * 1024 * 1024, chunked })
      expect(tooLarge.status).toBe(413)
      expect(JSON.parse(tooLarge.body)).toMatchObject({ error: 'payload-too-large' })

      const next = await send(`${server.url}/api/health`, agent, 'GET')
      expect(next.status).toBe(200)
      expect(JSON.parse(next.body)).toMatchObject({ status: 'ok' })
      // The server announced it closes that socket, so the agent sent the next request on a fresh one.
      expect(tooLarge.headers.connection).toBe('close')
      expect(tooLarge.reusedSocket).toBe(true)
      expect(next.reusedSocket).toBe(false)
      // And that new socket is kept alive again.
      const after = await send(`${server.url}/api/health`, agent, 'GET')
      expect(after).toMatchObject({ status: 200, reusedSocket: true })
      agent.destroy()
    })
  }
})
