/**
 * The office settings of follow-ups and complaints (issue 9 items 4, 5): `followUpSamplePercent` (share of
 * completed cases called back, default 10) and `complaintDueWorkdays` (default 5). They are reference
 * settings: every tablet pulls them, so both sides derive the same tasks and dues.
 */
import type { Kysely } from 'kysely'
import { z } from 'zod'
import { complaintDueWorkdays } from '../../domain/complaint'
import { followUpSamplePercent } from '../../domain/followUp'
import type { Database } from '../db'
import { jsonb } from '../db'

export interface FollowUpSettings {
  samplePercent: number
  complaintDueWorkdays: number
}

export const followUpSettingsBodySchema = z.object({
  samplePercent: z.number().int('抽样比例应为整数').min(0, '抽样比例应在 0–100 之间').max(100, '抽样比例应在 0–100 之间'),
  complaintDueWorkdays: z.number().int('处理期限应为整数').min(1, '处理期限应在 1–60 个工作日之间').max(60, '处理期限应在 1–60 个工作日之间'),
}).strict()

export async function readFollowUpSettings(db: Kysely<Database>): Promise<FollowUpSettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', ['followUpSamplePercent', 'complaintDueWorkdays']).execute()
  const value = (key: string) => rows.find(r => r.key === key)?.value
  return { samplePercent: followUpSamplePercent(value('followUpSamplePercent')), complaintDueWorkdays: complaintDueWorkdays(value('complaintDueWorkdays')) }
}

export async function writeFollowUpSettings(db: Kysely<Database>, settings: FollowUpSettings): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [key, value] of [['followUpSamplePercent', settings.samplePercent], ['complaintDueWorkdays', settings.complaintDueWorkdays]] as const) {
      await trx.insertInto('settings').values({ key, value: jsonb(value) })
        .onConflict(oc => oc.column('key').doUpdateSet({ value: jsonb(value) }))
        .execute()
    }
  })
}
