/**
 * JSON shapes of stations and applications for the office API (SYNC-API.md "Station lifecycle").
 */
import { divisionFullName } from '../../domain/divisions'
import { applicationKindAnnex } from '../../domain/stationApplication'
import type { StationApplicationRow } from '../db/applicationSchema'
import type { StationRow } from '../db/referenceSchema'
import { stationFields } from './stationFields'

function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString()
}

export function stationView(s: StationRow) {
  return { ...stationFields(s), countyName: divisionFullName(s.county_code) ?? s.county_code }
}
export type OfficeStationView = ReturnType<typeof stationView>

export function applicationView(a: StationApplicationRow, station: Pick<StationRow, 'name' | 'code' | 'county_code'> | null) {
  return {
    id: a.id,
    kind: a.kind,
    annex: applicationKindAnnex[a.kind],
    stationId: a.station_id,
    stationName: station?.name ?? null,
    stationCode: station?.code ?? null,
    countyCode: station?.county_code ?? null,
    status: a.status,
    fields: a.fields,
    before: a.before,
    draftedBy: { type: a.drafted_by_type, by: a.drafted_by, staffId: a.drafted_by_staff },
    createdAt: new Date(a.created_at).toISOString(),
    submittedAt: iso(a.submitted_at),
    decision: a.decision,
    opinion: a.review_opinion,
    reviewer: a.reviewer,
    reviewDate: a.review_date,
    reviewedAt: iso(a.reviewed_at),
  }
}
export type OfficeApplicationView = ReturnType<typeof applicationView>
