/** Issue 14 item 10: the sign-in tiles put the station lead first (then by name), as the roster and README do. */
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { referenceRepo } from '../../../src/app/data'
import { useSessionStore } from '../../../src/app/stores/session'
import { freshDatabase } from '../support/database'

describe('sign-in staff order', () => {
  it('lists the lead first, then the others by name', async () => {
    freshDatabase()
    setActivePinia(createPinia())
    await referenceRepo.replaceAll('staff', [
      { id: 'a', name: '李建军', role: 'staff', active: true, stationId: '', revision: 1 },
      { id: 'b', name: '王晓燕', role: 'lead', active: true, stationId: '', revision: 1 },
      { id: 'c', name: '蔡明', role: 'staff', active: true, stationId: '', revision: 1 },
    ])
    const session = useSessionStore()
    await session.loadReference()
    // By name alone 蔡 and 李 would come before 王.
    expect(session.staffList.map(s => s.name)).toEqual(['王晓燕', '蔡明', '李建军'])
  })
})
