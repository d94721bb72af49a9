/**
 * The office settings of follow-ups and complaints (issue 9 items 4, 5): `followUpSamplePercent` (share of
 * completed cases called back, default 10) and `complaintDueWorkdays` (default 5). They are reference
 * settings: every tablet pulls them, so both sides derive the same tasks and dues. The same form carries the
 * 7.2 rectification deadline `rectificationWorkdays` (default 15) and `resultsMaskStaffNames` (7.1.1: the public
 * results page shows staff names masked), both optional in a PUT so older clients keep working.
 */
import type { Kysely } from 'kysely'
import { complaintDueWorkdays } from '../../domain/complaint'
import { followUpSamplePercent } from '../../domain/followUp'
import { rectificationWorkdays } from '../../domain/rectification'
import type { FollowUpSettings, FollowUpSettingsBody } from '../../domain/protocol'
import type { Database } from '../db'
import { jsonb } from '../db'

const KEYS = ['followUpSamplePercent', 'complaintDueWorkdays', 'rectificationWorkdays', 'resultsMaskStaffNames'] as const

export async function readFollowUpSettings(db: Kysely<Database>): Promise<FollowUpSettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', [...KEYS]).execute()
  const value = (key: string) => rows.find(r => r.key === key)?.value
  return {
    samplePercent: followUpSamplePercent(value('followUpSamplePercent')),
    complaintDueWorkdays: complaintDueWorkdays(value('complaintDueWorkdays')),
    rectificationWorkdays: rectificationWorkdays(value('rectificationWorkdays')),
    resultsMaskStaffNames: value('resultsMaskStaffNames') === true,
  }
}

export async function writeFollowUpSettings(db: Kysely<Database>, settings: FollowUpSettingsBody): Promise<void> {
  const entries: [string, number | boolean][] = [['followUpSamplePercent', settings.samplePercent], ['complaintDueWorkdays', settings.complaintDueWorkdays]]
  if (settings.rectificationWorkdays !== undefined)
    entries.push(['rectificationWorkdays', settings.rectificationWorkdays])
  if (settings.resultsMaskStaffNames !== undefined)
    entries.push(['resultsMaskStaffNames', settings.resultsMaskStaffNames])
  await db.transaction().execute(async (trx) => {
    for (const [key, value] of entries) {
      await trx.insertInto('settings').values({ key, value: jsonb(value) })
        .onConflict(oc => oc.column('key').doUpdateSet({ value: jsonb(value) }))
        .execute()
    }
  })
}
