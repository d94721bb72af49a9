/**
 * The office's staff and device panels of a station (issue 8 items 3, 5) against the REAL server in-process
 * (PGlite in memory, demo seed): roster and the 1–2 staff warning, adding a member (the PIN rule in the
 * form), deactivating, a 结对帮扶 training with its mentor, the device list with last sync and the unsent
 * count a tablet reported, minting a code with its QR URL, revoking, and a viewer who only reads.
 */
import type { VueWrapper } from '@vue/test-utils'
import type { TestServer } from '../support/officeServer'
import { flushPromises } from '@vue/test-utils'
import QRCode from 'qrcode'
import { describe, expect, it, vi } from 'vitest'
import { jsonb } from '../../../src/server/db'
import { createOfficeAccount } from '../../../src/server/auth/officeAccounts'
import { LEGACY_PIN_TEST_VECTOR } from '../../domain/support/pinVectors'
import { openSignedIn, useOfficeServer } from '../support/officeServer'

vi.setConfig({ testTimeout: 30_000 })
let server: TestServer

useOfficeServer((started) => {
  server = started
})

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  await vi.waitFor(async () => {
    await flushPromises()
    if (!check())
      throw new Error('not yet')
  }, { timeout: ms, interval: 20 })
}

async function openPeople(login: { username: string, password: string }): Promise<VueWrapper> {
  const { wrapper, router } = await openSignedIn(server, `/office/stations/${server.stationId}/people`, login)
  await until(() => router.currentRoute.value.name === 'office-station-people')
  await until(() => wrapper.findAll('[data-test^="staff-demo-staff"]').length === 2)
  return wrapper
}

async function click(w: VueWrapper, selector: string): Promise<void> {
  const found = w.find(selector)
  if (!found.exists())
    throw new Error(`no ${selector}`)
  await found.trigger('click')
  await flushPromises()
}

describe('staff panel', () => {
  it('lists the roster masked, adds a member (the PIN rule in the form), warns of more than 2, deactivates, records 结对帮扶', async () => {
    const w = await openPeople(server.office)
    expect(w.find('[data-test="staff-warning"]').exists()).toBe(false)
    expect(w.find('[data-test="staff-demo-staff-1"] [data-test="staff-assessment"]').text()).toContain('考核通过')

    await click(w, '[data-test="staff-add"]')
    await w.find('[data-test="staff-add-name"] input').setValue('赵丽')
    await w.find('[data-test="staff-add-mobile"] input').setValue('139-1234-5678')
    await w.find('[data-test="staff-add-pin"] input').setValue('123456')
    await w.find('[data-test="staff-add-form"]').trigger('submit')
    await flushPromises()
    expect(w.find('[data-test="staff-add-pin"]').text()).toContain('PIN过于简单')
    expect((await server.db.selectFrom('staff').select('id').where('name', '=', '赵丽').execute())).toHaveLength(0)

    await w.find('[data-test="staff-add-pin"] input').setValue('482915')
    await w.find('[data-test="staff-add-form"]').trigger('submit')
    await until(() => !w.find('[data-test="staff-add-form"]').exists())
    const row = await server.db.selectFrom('staff').select(['id', 'mobile', 'assessment_passed']).where('name', '=', '赵丽').executeTakeFirstOrThrow()
    expect(row).toMatchObject({ mobile: '13912345678', assessment_passed: true })
    await until(() => w.find(`[data-test="staff-${row.id}"]`).exists())
    const card = `[data-test="staff-${row.id}"]`
    expect(w.find(`${card} [data-test="staff-mobile"]`).text()).toContain('139****5678')
    expect(w.text()).not.toContain('13912345678')
    expect(w.find('[data-test="staff-warning"]').text()).toContain('3名')

    // 结对帮扶 with 王晓燕 (demo-staff-1) as the mentor.
    await click(w, `${card} [data-test="staff-action-train"]`)
    await click(w, `${card} [data-test="staff-record-kind-pairing"]`)
    await w.find(`${card} [data-test="staff-record-mentor"]`).setValue('demo-staff-1')
    await w.find(`${card} [data-test="staff-record-hours"] input`).setValue('4')
    await w.find(`${card} [data-test="staff-record-training"]`).trigger('submit')
    await until(() => !w.find(`${card} [data-test="staff-record-training"]`).exists())
    await click(w, `${card} [data-test="staff-records-toggle"]`)
    expect(w.find(`${card} [data-test="staff-training-row"]`).text()).toContain('结对帮扶')
    expect(w.find(`${card} [data-test="staff-training-row"]`).text()).toContain('帮扶人：王晓燕')

    // Deactivating asks once more, then the warning goes.
    await click(w, `${card} [data-test="staff-action-active"]`)
    expect(w.find(`${card} [data-test="staff-action-active"]`).text()).toContain('确认停用')
    await click(w, `${card} [data-test="staff-action-active"]`)
    await until(() => w.find(`${card} [data-test="staff-active"]`).text() === '已停用')
    expect(w.find('[data-test="staff-warning"]').exists()).toBe(false)
    expect((await server.db.selectFrom('staff').select('active').where('id', '=', row.id).executeTakeFirstOrThrow()).active).toBe(false)
    w.unmount()
  })

  it('marks a PBKDF2-era PIN 需重设 PIN and resets it, the policy worded in the form', async () => {
    await server.db.updateTable('staff').set({ pin_verifier: jsonb(LEGACY_PIN_TEST_VECTOR.verifier) }).where('id', '=', 'demo-staff-2').execute()
    const w = await openPeople(server.office)
    const card = '[data-test="staff-demo-staff-2"]'
    expect(w.find(`${card} [data-test="staff-pin"]`).text()).toContain('需重设 PIN')
    await click(w, `${card} [data-test="staff-action-pin"]`)
    await w.find(`${card} [data-test="staff-record-pin"] input`).setValue('121212')
    await w.find(`${card} form[data-test="staff-record-pin"]`).trigger('submit')
    await flushPromises()
    expect(w.find(`${card} form[data-test="staff-record-pin"]`).text()).toContain('不能是重复的数字')
    await w.find(`${card} [data-test="staff-record-pin"] input`).setValue('905613')
    await w.find(`${card} form[data-test="staff-record-pin"]`).trigger('submit')
    await until(() => !w.find(`${card} form[data-test="staff-record-pin"]`).exists())
    await until(() => w.find(`${card} [data-test="staff-pin"]`).text().includes('PIN已设置'))
    const row = await server.db.selectFrom('staff').select('pin_verifier').where('id', '=', 'demo-staff-2').executeTakeFirstOrThrow()
    expect(row.pin_verifier).toMatchObject({ alg: 'argon2id' })
    w.unmount()
  })

  it('shows a viewer the roster and the devices without any action', async () => {
    const login = { username: 'viewer-people', password: 'viewer-password-1' }
    await createOfficeAccount(server.db, { ...login, role: 'viewer', divisionCode: '1405', displayName: '市局查看' })
    const w = await openPeople(login)
    await until(() => w.find('[data-test="station-devices-panel"]').exists())
    expect(w.find('[data-test="staff-add"]').exists()).toBe(false)
    expect(w.find('[data-test="staff-action-pin"]').exists()).toBe(false)
    expect(w.find('[data-test="devices-mint"]').exists()).toBe(false)
    w.unmount()
  })
})

describe('devices panel', () => {
  it('shows a tablet\'s last sync and the unsent count it reported, mints a code with its QR URL, and revokes', async () => {
    const code = await server.mintCode()
    const enrolled = await (await server.fetch('http://localhost:3000/api/devices/enroll', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code, deviceName: '二号柜台平板' }) })).json() as { deviceId: string, token: string }
    const pushed = await server.fetch('http://localhost:3000/api/sync/push', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Authorization': `Bearer ${enrolled.token}` }, body: JSON.stringify({ protocol: 1, appVersion: '0.1.0', events: [], unsent: 7 }) })
    expect(pushed.status).toBe(200)

    const toDataURL = vi.spyOn(QRCode, 'toDataURL')
    const w = await openPeople(server.office)
    const row = `[data-test="device-${enrolled.deviceId}"]`
    await until(() => w.find(row).exists())
    expect(w.find(`${row} [data-test="device-unsent"]`).text()).toBe('7条')
    expect(w.find(`${row} [data-test="device-last-sync"]`).text()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/)
    expect(w.find(`${row} [data-test="device-version"]`).text()).toBe('0.1.0')

    await click(w, '[data-test="devices-mint"]')
    await until(() => w.find('[data-test="enroll-code-qr"]').exists())
    const shown = w.find('[data-test="enroll-code-value"]').text()
    expect(shown).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}$/)
    const url = w.find('[data-test="enroll-code-url"]').text()
    expect(url).toBe(`${location.origin}/device/enroll?code=${shown}`)
    expect(toDataURL.mock.calls.at(-1)?.[0]).toBe(url)
    expect(w.find('[data-test="enroll-code-qr"]').attributes('src')).toMatch(/^data:image\/png;base64,/)

    await click(w, `${row} [data-test="device-revoke"]`)
    await click(w, `${row} [data-test="device-revoke"]`)
    await until(() => w.find(`${row} [data-test="device-revoked"]`).exists())
    const device = await server.db.selectFrom('devices').select('revoked_at').where('id', '=', enrolled.deviceId).executeTakeFirstOrThrow()
    expect(device.revoked_at).not.toBeNull()
    w.unmount()
  })
})
