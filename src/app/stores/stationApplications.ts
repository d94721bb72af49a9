/**
 * The station's own applications on the tablet (5.4.1.2–3, Annexes B and C): the station lead drafts a
 * change or a closing offline, recorded as a `stationApplication.changeRequested` / `closeRequested` event
 * on a stream of its own; the normal push submits it, and the server makes it an application for review.
 * The station's record and state (运行, 变更中, 撤销 …) come with the reference data of the next pull.
 */
import type { ChangeApplicationFields, CloseApplicationFields, StationApplicationReviewed, StationLifecycleState } from '../../domain/stationApplication'
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { newStationApplicationStream, STATION_APPLICATION_REVIEWED, stationApplicationEventKinds } from '../../domain/stationApplication'
import { eventsRepo, recordAs, referenceRepo, TABLES } from '../data'
import { useSessionStore } from './session'

/** The station as the tablet last pulled it. */
export interface TabletStation {
  id: string
  name: string
  hostUnit: string
  contactPhone: string
  address: string
  countyCode: string
  functions: string | null
  state: StationLifecycleState
}

export interface TabletApplication {
  /** The stream id ('stationApplication:<uuid>'; the uuid is the application's id on the server). */
  stream: string
  kind: 'change' | 'close'
  fields: ChangeApplicationFields | CloseApplicationFields
  draftedAt: string
  staffId: string | null
  /** The office's decision, once a pull brought it (recorded by the server, never by a tablet). */
  review: StationApplicationReviewed | null
}

/** The deviceId of the server's review events (server officeApplications.ts OFFICE_REVIEW_DEVICE). */
const OFFICE_REVIEW_DEVICE = 'server:office-review'

const TYPES = Object.keys(stationApplicationEventKinds) as (keyof typeof stationApplicationEventKinds)[]

function str(v: unknown): string {
  return typeof v === 'string' ? v : ''
}

export const useStationApplicationsStore = defineStore('stationApplications', () => {
  const session = useSessionStore()
  const station = shallowRef<TabletStation | null>(null)
  const applications = shallowRef<TabletApplication[]>([])

  async function load(): Promise<void> {
    const stationId = session.stationId
    const row = stationId ? await referenceRepo.get(TABLES.stations, stationId) as Record<string, unknown> | undefined : undefined
    station.value = row
      ? { id: str(row.id), name: str(row.name), hostUnit: str(row.hostUnit), contactPhone: str(row.contactPhone), address: str(row.address), countyCode: str(row.countyCode), functions: typeof row.functions === 'string' ? row.functions : null, state: str(row.state) as StationLifecycleState }
      : null
    const events = (await Promise.all(TYPES.map(type => eventsRepo.listOfTypeBetween(type, 0, Number.MAX_SAFE_INTEGER)))).flat()
    const reviews = new Map((await eventsRepo.listOfTypeBetween(STATION_APPLICATION_REVIEWED, 0, Number.MAX_SAFE_INTEGER))
      .filter(e => e.deviceId === OFFICE_REVIEW_DEVICE)
      .map(e => [e.stream, e.payload as StationApplicationReviewed]))
    applications.value = events
      .filter(e => e.stationId === stationId)
      .map(e => ({ stream: e.stream, kind: stationApplicationEventKinds[e.type as keyof typeof stationApplicationEventKinds], fields: e.payload as ChangeApplicationFields | CloseApplicationFields, draftedAt: e.occurredAt, staffId: e.staffId, review: reviews.get(e.stream) ?? null }))
      .sort((a, b) => Date.parse(b.draftedAt) - Date.parse(a.draftedAt))
  }

  /** Whether the signed-in staff member may draft (the station lead, 负责人). */
  function canDraft(): boolean {
    return session.staff?.role === 'lead'
  }

  /** Records the application offline; it is submitted by the next push. */
  async function draft(kind: 'change' | 'close', fields: Record<string, unknown>): Promise<string> {
    const stream = newStationApplicationStream()
    const type = kind === 'change' ? 'stationApplication.changeRequested' : 'stationApplication.closeRequested'
    await recordAs(useSessionStore().author, { stream, type, payload: fields })
    await load()
    return stream
  }

  return { station, applications, load, canDraft, draft }
})
