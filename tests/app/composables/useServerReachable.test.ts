import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { useServerReachable } from '../../../src/app/stores/serverReachable'

const healthy = () => new Response(JSON.stringify({ status: 'ok', db: 'pglite', version: '0.1.0' }), { status: 200, headers: { 'content-type': 'application/json' } })
const captivePortal = () => new Response('<html><body>请登录 Wi-Fi</body></html>', { status: 200, headers: { 'content-type': 'text/html' } })

describe('useServerReachable', () => {
  const fetchMock = vi.fn<typeof fetch>()
  let scope: ReturnType<typeof effectScope>

  beforeEach(() => {
    vi.useFakeTimers()
    fetchMock.mockReset()
    vi.stubGlobal('fetch', fetchMock)
    scope = effectScope()
  })

  afterEach(() => {
    scope.stop()
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  function start(options: Parameters<typeof useServerReachable>[0] = {}) {
    const result = scope.run(() => useServerReachable({ immediate: false, ...options }))
    if (!result)
      throw new Error('scope did not run')
    return result
  }

  it('is online when /api/health answers ok, asked with cache: no-store', async () => {
    fetchMock.mockResolvedValue(healthy())
    const { reachable, serverVersion, check } = start()
    expect(reachable.value).toBeNull()
    await expect(check()).resolves.toBe(true)
    expect(reachable.value).toBe(true)
    expect(serverVersion.value).toBe('0.1.0')
    expect(fetchMock).toHaveBeenCalledWith('/api/health', expect.objectContaining({ cache: 'no-store' }))
  })

  it('flips to offline when the server stops answering and back online when it returns', async () => {
    fetchMock.mockResolvedValueOnce(healthy())
    const { reachable, check } = start()
    await check()
    expect(reachable.value).toBe(true)

    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    await check()
    expect(reachable.value).toBe(false)

    fetchMock.mockResolvedValueOnce(healthy())
    await check()
    expect(reachable.value).toBe(true)
  })

  it('treats a captive portal page (200 HTML) and a 503 as offline, even though navigator.onLine is true', async () => {
    const { reachable, check } = start()
    fetchMock.mockResolvedValueOnce(captivePortal())
    await check()
    expect(navigator.onLine).toBe(true)
    expect(reachable.value).toBe(false)

    fetchMock.mockResolvedValueOnce(new Response('{}', { status: 503 }))
    await check()
    expect(reachable.value).toBe(false)
  })

  it('gives up on a server that does not answer within the timeout', async () => {
    fetchMock.mockImplementation((_url, init) => new Promise((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
    }))
    const { reachable, check } = start({ timeout: 1000 })
    const result = check()
    await vi.advanceTimersByTimeAsync(1000)
    await expect(result).resolves.toBe(false)
    expect(reachable.value).toBe(false)
  })

  it('polls while online and backs off exponentially while offline', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    const { failures, resume } = start({ interval: 30_000, retryInterval: 1000, maxRetryInterval: 4000 })
    resume()
    await vi.advanceTimersByTimeAsync(0)
    expect(fetchMock).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1000) // retry after 1 s
    expect(fetchMock).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(1999) // next after 2 s, not yet
    expect(fetchMock).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(1)
    expect(fetchMock).toHaveBeenCalledTimes(3)
    await vi.advanceTimersByTimeAsync(4000) // capped at 4 s
    await vi.advanceTimersByTimeAsync(4000)
    expect(fetchMock).toHaveBeenCalledTimes(5)
    expect(failures.value).toBe(5)

    fetchMock.mockResolvedValue(healthy())
    await vi.advanceTimersByTimeAsync(4000)
    expect(failures.value).toBe(0)
    await vi.advanceTimersByTimeAsync(29_999) // back to the normal interval
    expect(fetchMock).toHaveBeenCalledTimes(6)
    await vi.advanceTimersByTimeAsync(1)
    expect(fetchMock).toHaveBeenCalledTimes(7)
  })

  it('re-checks at once when the browser reports online or the app returns to the foreground', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    const { reachable, resume } = start({ retryInterval: 60_000 })
    resume()
    await vi.advanceTimersByTimeAsync(0)
    expect(reachable.value).toBe(false)

    fetchMock.mockResolvedValueOnce(healthy())
    window.dispatchEvent(new Event('online'))
    await vi.advanceTimersByTimeAsync(0)
    expect(reachable.value).toBe(true)
    expect(fetchMock).toHaveBeenCalledTimes(2)

    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    document.dispatchEvent(new Event('visibilitychange'))
    await vi.advanceTimersByTimeAsync(0)
    expect(reachable.value).toBe(false)
    expect(fetchMock).toHaveBeenCalledTimes(3)
  })

  it('stops polling when its scope is disposed', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    const { resume } = start({ retryInterval: 1000 })
    resume()
    await vi.advanceTimersByTimeAsync(0)
    scope.stop()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(fetchMock).toHaveBeenCalledTimes(1)
  })
})
