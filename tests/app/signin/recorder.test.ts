import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EventValidationError, outboxRepo } from '../../../src/app/data'
import { recordAs, RecorderNotSignedInError, recordManyAs } from '../../../src/app/data'
import { useSessionStore } from '../../../src/app/stores/session'
import { setSyncFetch, useSyncStore } from '../../../src/app/stores/sync'
import SyncIndicator from '../../../src/app/components/sync/SyncIndicator.vue'
import { newStreamId } from '../../../src/domain/events'
import { freshDatabase } from '../support/database'
import { mountApp } from '../support/mountApp'
import { enrolledTablet, offlineFetch, PIN_TEST_VECTOR, STATION_ID } from '../support/enrolledTablet'

const question = { channel: 'visit', contact: { name: '李四', phone: '13900139000' }, question: '灵活就业人员如何缴纳养老保险？' }

beforeEach(async () => {
  setSyncFetch(offlineFetch)
  freshDatabase()
  sessionStorage.clear()
  await enrolledTablet()
  setActivePinia(createPinia())
  await useSessionStore().init()
})

afterEach(() => {
  useSyncStore().stop()
  setSyncFetch(undefined)
})

describe('the event recorder', () => {
  it('stamps the signed-in staff member, this tablet and its station, and an occurredAt with offset', async () => {
    const session = useSessionStore()
    await session.signIn('staff-li', PIN_TEST_VECTOR.pin)
    const stream = newStreamId('consultation')
    const event = await recordAs(useSessionStore().author, { stream, type: 'consultation.recorded', payload: question })
    expect(event).toMatchObject({ stream, type: 'consultation.recorded', v: 1, staffId: 'staff-li', deviceId: 'device-a', stationId: STATION_ID })
    expect(event.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/)
    expect(Math.abs(Date.parse(event.occurredAt) - Date.now())).toBeLessThan(5000)
    expect(await outboxRepo.count('staff-li')).toBe(1)
  })

  it('refuses with a Chinese message when nobody is signed in, and writes nothing', async () => {
    const attempt = recordAs(useSessionStore().author, { stream: newStreamId('consultation'), type: 'consultation.recorded', payload: question })
    await expect(attempt).rejects.toBeInstanceOf(RecorderNotSignedInError)
    await expect(attempt).rejects.toMatchObject({ code: 'recorder.noStaff' })
    expect(await outboxRepo.count()).toBe(0)
  })

  it('passes the data layer\'s validation errors on, typed, with field errors', async () => {
    await useSessionStore().signIn('staff-li', PIN_TEST_VECTOR.pin)
    const attempt = recordAs(useSessionStore().author, { stream: newStreamId('consultation'), type: 'consultation.recorded', payload: { channel: 'carrier-pigeon' } })
    await expect(attempt).rejects.toBeInstanceOf(EventValidationError)
    await expect(attempt).rejects.toMatchObject({ code: 'data.invalidEvent' })
  })

  it('records several events in one go (all or nothing)', async () => {
    await useSessionStore().signIn('staff-wang', PIN_TEST_VECTOR.pin)
    const stream = newStreamId('consultation')
    const bad = recordManyAs(useSessionStore().author, [
      { stream, type: 'consultation.recorded', payload: question },
      { stream, type: 'consultation.recorded', payload: {} },
    ])
    await expect(bad).rejects.toBeInstanceOf(EventValidationError)
    expect(await outboxRepo.count()).toBe(0)
  })
})

describe('pending count per staff member', () => {
  it('shows only the signed-in person\'s unsent records, never another\'s', async () => {
    const { wrapper } = await mountApp(SyncIndicator)
    const session = useSessionStore()
    await session.init()
    const sync = useSyncStore()
    await session.signIn('staff-wang', PIN_TEST_VECTOR.pin)
    for (let i = 0; i < 3; i++)
      await recordAs(useSessionStore().author, { stream: newStreamId('consultation'), type: 'consultation.recorded', payload: question })
    await sync.refreshMine()
    await flushPromises()
    expect(wrapper.find('[data-test="sync-pending-mine"]').text()).toBe('我的待上传 3 条')

    session.switchStaff()
    await session.signIn('staff-li', PIN_TEST_VECTOR.pin)
    await sync.refreshMine()
    await flushPromises()
    expect(sync.myPendingCount).toBe(0)
    expect(wrapper.find('[data-test="sync-pending-mine"]').text()).toBe('我的待上传 0 条')
    await recordAs(useSessionStore().author, { stream: newStreamId('consultation'), type: 'consultation.recorded', payload: question })
    await sync.refreshMine()
    await flushPromises()
    expect(wrapper.find('[data-test="sync-pending-mine"]').text()).toBe('我的待上传 1 条')
    expect(await outboxRepo.count()).toBe(4)
  })
})
