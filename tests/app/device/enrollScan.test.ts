/**
 * The enrollment screen and the office's QR code (issue 8 item 5): a QR made with the qrcode package
 * decodes (jsqr, through the scanner's pure decode function) to the code and the server; the screen is
 * prefilled from the QR's URL opened directly; a refused or missing camera says so in Chinese and typing works.
 */
import { flushPromises } from '@vue/test-utils'
import QRCode from 'qrcode'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { useQrScanner } from '../../../src/app/composables/useQrScanner'
import { enrollmentFromQuery, enrollmentUrl, parseEnrollmentPayload } from '../../../src/app/device/enrollLink'
import type { QrFrame } from '../../../src/app/device/qrDecode'
import { decodeEnrollmentFrame } from '../../../src/app/device/qrDecode'
import DeviceEnrollView from '../../../src/app/views/device/DeviceEnrollView.vue'
import { freshDatabase } from '../support/database'
import { mountApp } from '../support/mountApp'

/** The QR code of `text` as RGBA pixels: black modules on white, `scale` pixels each, a 4-module quiet zone. */
function qrFrame(text: string, scale = 4): QrFrame {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const size = (modules.size + 8) * scale
  const data = new Uint8ClampedArray(size * size * 4).fill(255)
  for (let r = 0; r < modules.size; r++) {
    for (let c = 0; c < modules.size; c++) {
      if (!modules.get(r, c))
        continue
      for (let y = 0; y < scale; y++) {
        for (let x = 0; x < scale; x++) {
          const i = (((r + 4) * scale + y) * size + (c + 4) * scale + x) * 4
          data[i] = data[i + 1] = data[i + 2] = 0
        }
      }
    }
  }
  return { data, width: size, height: size }
}

function stubMediaDevices(value: unknown): void {
  Object.defineProperty(navigator, 'mediaDevices', { value, configurable: true })
}

afterEach(() => {
  Reflect.deleteProperty(navigator, 'mediaDevices')
})

describe('the enrollment QR payload', () => {
  it('encodes the code and the server as a URL the tablet reads back', async () => {
    const url = enrollmentUrl('http://192.168.1.20:8080', 'K7QM-XR4P-TZ')
    expect(url).toBe('http://192.168.1.20:8080/device/enroll?code=K7QM-XR4P-TZ')
    expect(await decodeEnrollmentFrame(qrFrame(url))).toEqual({ code: 'K7QM-XR4P-TZ', server: 'http://192.168.1.20:8080' })
  })

  it('finds nothing in a blank frame, and refuses payloads that are not an enrollment', async () => {
    expect(await decodeEnrollmentFrame({ data: new Uint8ClampedArray(64 * 64 * 4).fill(255), width: 64, height: 64 })).toBeNull()
    expect(await decodeEnrollmentFrame(qrFrame('https://example.com/rate?t=abc'))).toBeNull()
    expect(parseEnrollmentPayload('javascript:alert(1)')).toBeNull()
    expect(parseEnrollmentPayload(' k7qm-xr4p-tz ')).toEqual({ code: 'K7QM-XR4P-TZ', server: null })
    expect(parseEnrollmentPayload('https://a.example/device/enroll?code=AB12-CD34-EF&server=ftp://x')).toEqual({ code: 'AB12-CD34-EF', server: 'https://a.example' })
    expect(enrollmentFromQuery({ code: ['ab12-cd34-ef'], server: 'http://10.0.0.5:8080/x' })).toEqual({ code: 'AB12-CD34-EF', server: 'http://10.0.0.5:8080' })
  })
})

describe('the camera scanner', () => {
  it('opens the rear camera, decodes frames until the QR is found, then stops the camera', async () => {
    const track = { stop: vi.fn() }
    const getUserMedia = vi.fn(async () => ({ getTracks: () => [track] }) as unknown as MediaStream)
    const frames = [null, { data: new Uint8ClampedArray(16 * 16 * 4).fill(255), width: 16, height: 16 }, qrFrame(enrollmentUrl('http://10.0.0.5:8080', 'AB12-CD34-EF'))]
    const onResult = vi.fn()
    const scope = effectScope()
    const scanner = scope.run(() => useQrScanner({ onResult, mediaDevices: { getUserMedia }, readFrame: () => frames.shift() ?? null }))
    // A stand-in <video>: happy-dom's refuses a fake MediaStream as srcObject.
    const video = { srcObject: null, setAttribute: () => {}, play: async () => {} } as unknown as HTMLVideoElement
    await scanner?.start(video)
    expect(scanner?.error.value).toBeNull()
    await vi.waitFor(() => expect(onResult).toHaveBeenCalledWith({ code: 'AB12-CD34-EF', server: 'http://10.0.0.5:8080' }))
    expect(getUserMedia).toHaveBeenCalledWith({ video: { facingMode: 'environment' }, audio: false })
    expect(track.stop).toHaveBeenCalled()
    expect(scanner?.scanning.value).toBe(false)
    scope.stop()
  })
})

describe('the enrollment screen', () => {
  it('is prefilled from the QR\'s URL opened directly', async () => {
    freshDatabase()
    const { wrapper, router } = await mountApp(DeviceEnrollView, { path: '/device/enroll?code=k7qm-xr4p-tz&server=http://192.168.1.20:8080' })
    expect(router.currentRoute.value.name).toBe('enroll')
    expect((wrapper.find('[data-test="enroll-code"] input').element as HTMLInputElement).value).toBe('K7QM-XR4P-TZ')
    expect((wrapper.find('[data-test="enroll-server"] input').element as HTMLInputElement).value).toBe('http://192.168.1.20:8080')
    expect(wrapper.find('[data-test="enroll-notice"]').text()).toContain('已从链接填入登记码')
  })

  it('says in Chinese that the camera was refused, and the code can still be typed', async () => {
    freshDatabase()
    stubMediaDevices({ getUserMedia: async () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError')) })
    const { wrapper } = await mountApp(DeviceEnrollView, { path: '/device/enroll' })
    await wrapper.find('[data-test="enroll-scan"]').trigger('click')
    await vi.waitFor(async () => {
      await flushPromises()
      expect(wrapper.find('[data-test="enroll-scan-error"]').exists()).toBe(true)
    })
    expect(wrapper.find('[data-test="enroll-scan-error"]').text()).toBe('未获得摄像头权限，请在浏览器设置中允许使用摄像头，或直接输入登记码')
    expect(wrapper.find('[data-test="enroll-scan-video"]').exists()).toBe(false)
    const input = wrapper.find('[data-test="enroll-code"] input')
    expect(input.attributes('disabled')).toBeUndefined()
    await input.setValue('AB12-CD34-EF')
    expect((input.element as HTMLInputElement).value).toBe('AB12-CD34-EF')
  })

  it('says so when the browser has no camera API (plain http on the LAN), and when no camera is found', async () => {
    freshDatabase()
    stubMediaDevices(undefined)
    let { wrapper } = await mountApp(DeviceEnrollView, { path: '/device/enroll' })
    await wrapper.find('[data-test="enroll-scan"]').trigger('click')
    await vi.waitFor(async () => {
      await flushPromises()
      expect(wrapper.find('[data-test="enroll-scan-error"]').text()).toContain('此浏览器无法使用摄像头')
    })
    wrapper.unmount()
    stubMediaDevices({ getUserMedia: async () => Promise.reject(new DOMException('none', 'NotFoundError')) });
    ({ wrapper } = await mountApp(DeviceEnrollView, { path: '/device/enroll' }))
    await wrapper.find('[data-test="enroll-scan"]').trigger('click')
    await vi.waitFor(async () => {
      await flushPromises()
      expect(wrapper.find('[data-test="enroll-scan-error"]').text()).toBe('未找到可用的摄像头，请直接输入登记码')
    })
  })
})
