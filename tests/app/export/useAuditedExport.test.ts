import type { AuditedExportRequest } from '../../../src/app/composables/useAuditedExport'
import readExcelFile from 'read-excel-file/node'
import { describe, expect, it } from 'vitest'
import { effectScope } from 'vue'
import { ExportReasonError, useAuditedExport } from '../../../src/app/composables/useAuditedExport'
import { RecorderNotSignedInError } from '../../../src/app/data'
import { eventsRepo, outboxRepo } from '../../../src/app/data'
import { useSessionStore } from '../../../src/app/stores/session'
import { signedInCounter } from '../support/signedInCounter'

const columns = [
  { key: 'seq', title: '序号' },
  { key: 'applicantName', title: '姓名' },
  { key: 'contact', title: '联系方式' },
] as const
type Key = typeof columns[number]['key']

const fullRows = [
  { seq: 1, applicantName: '张晓明', contact: '13812345678' },
  { seq: 2, applicantName: '李四', contact: '13900001111' },
]

function request(over: Partial<AuditedExportRequest<Key>> = {}): AuditedExportRequest<Key> {
  return {
    ledger: 'D',
    format: 'xlsx',
    masked: false,
    reason: '区政务服务中心月度核查',
    filter: { from: '2026-11-01', to: '2026-11-30', staffIds: ['staff-wang'], itemCodes: [], statuses: [] },
    title: '附录D 政务服务便民服务站工作台账',
    sheetName: '工作台账',
    columns,
    rows: fullRows,
    fileName: '工作台账_2026-11.xlsx',
    ...over,
  }
}

/** The composable in an effect scope, with saves captured instead of downloaded. */
function setUp() {
  const saved: { blob: Blob, fileName: string, eventsAtSave: number }[] = []
  const pending: Promise<unknown>[] = []
  const scope = effectScope()
  const exporter = scope.run(() => useAuditedExport({
    save: (blob, fileName) => {
      const entry = { blob, fileName, eventsAtSave: -1 }
      saved.push(entry)
      pending.push(eventsRepo.count().then((n) => {
        entry.eventsAtSave = n
      }))
    },
  }))
  if (!exporter)
    throw new Error('no exporter')
  return { exporter, saved, settle: () => Promise.all(pending), scope }
}

describe('useAuditedExport', () => {
  it.each([
    ['no reason', undefined],
    ['an empty reason', ''],
    ['a blank reason', '   '],
  ])('refuses a full-value export with %s: nothing recorded, no file', async (_name, reason) => {
    await signedInCounter()
    const { exporter, saved } = setUp()
    const run = exporter.exportLedger(request({ reason }))
    await expect(run).rejects.toBeInstanceOf(ExportReasonError)
    await expect(run).rejects.toThrow('请填写导出完整信息的原因')
    expect((exporter.error.value as Error).message).toBe('请填写导出完整信息的原因')
    expect(exporter.exporting.value).toBe(false)
    expect(saved).toEqual([])
    expect(await eventsRepo.count()).toBe(0)
  })

  it('records audit.exported with the reason, before the file is made, then saves the full-value file', async () => {
    await signedInCounter()
    const { exporter, saved, settle } = setUp()
    const result = await exporter.exportLedger(request({ reason: '  区政务服务中心月度核查  ' }))
    await settle()

    expect(result.audit).not.toBeNull()
    const [stored] = await eventsRepo.byStream(result.audit?.stream ?? '')
    expect(stored).toMatchObject({
      type: 'audit.exported',
      v: 1,
      staffId: 'staff-wang',
      payload: {
        ledger: 'D',
        format: 'xlsx',
        filter: { from: '2026-11-01', to: '2026-11-30', staffIds: ['staff-wang'] },
        rowCount: 2,
        masked: false,
        reason: '区政务服务中心月度核查',
      },
    })
    expect(stored?.stream).toMatch(/^audit:/)
    // Empty filter lists are left out of the record.
    expect(stored?.payload).not.toHaveProperty('itemCodes')
    // The audit record names the export, never the values exported.
    expect(JSON.stringify(stored)).not.toMatch(/张晓明|13812345678|李四|13900001111/)
    // It goes to the server like every other record.
    expect((await outboxRepo.peek(10)).map(o => o.event.id)).toContain(stored?.id)

    // The event was in the database when the file was saved.
    expect(saved.map(s => [s.fileName, s.eventsAtSave])).toEqual([['工作台账_2026-11.xlsx', 1]])
    const [sheet] = await readExcelFile(Buffer.from(await result.blob.arrayBuffer()))
    expect(sheet?.data.slice(1)).toEqual([['序号', '姓名', '联系方式'], [1, '张晓明', '13812345678'], [2, '李四', '13900001111']])
    expect(exporter.error.value).toBeNull()
    expect(exporter.exporting.value).toBe(false)
  })

  it('records a CSV export as format csv', async () => {
    await signedInCounter()
    const { exporter, saved } = setUp()
    const result = await exporter.exportLedger(request({ format: 'csv', ledger: 'F', fileName: '代办登记表_2026-11.csv', filter: {} }))
    expect(result.audit?.payload).toEqual({ ledger: 'F', format: 'csv', filter: { from: null, to: null }, rowCount: 2, masked: false, reason: '区政务服务中心月度核查' })
    expect(saved.map(s => s.fileName)).toEqual(['代办登记表_2026-11.csv'])
    expect(await result.blob.text()).toContain('张晓明,13812345678')
  })

  it('makes a masked export without a reason and records nothing', async () => {
    await signedInCounter()
    const { exporter, saved } = setUp()
    const masked = [{ seq: 1, applicantName: '张*明', contact: '138****5678' }]
    const result = await exporter.exportLedger(request({ masked: true, reason: undefined, rows: masked, format: 'csv', fileName: '工作台账_2026-11.csv' }))
    expect(result.audit).toBeNull()
    expect(await eventsRepo.count()).toBe(0)
    expect(saved).toHaveLength(1)
    expect(await result.blob.text()).toContain('张*明,138****5678')
  })

  it('makes no file when the export cannot be recorded (nobody signed in)', async () => {
    await signedInCounter()
    useSessionStore().staff = null
    const { exporter, saved } = setUp()
    await expect(exporter.exportLedger(request())).rejects.toBeInstanceOf(RecorderNotSignedInError)
    expect(exporter.error.value).toMatchObject({ code: 'recorder.noStaff' })
    expect(saved).toEqual([])
    expect(await eventsRepo.count()).toBe(0)
  })

  it('reports progress while the xlsx is made, and is idle again after', async () => {
    await signedInCounter()
    const { exporter } = setUp()
    const many = Array.from({ length: 2500 }, (_, i) => ({ seq: i + 1, applicantName: '张*明', contact: '138****5678' }))
    const seen: (number | undefined)[] = []
    const run = exporter.exportLedger(request({ masked: true, rows: many }))
    expect(exporter.exporting.value).toBe(true)
    while (exporter.exporting.value) {
      seen.push(exporter.progress.value?.done)
      await new Promise(resolve => setTimeout(resolve, 0))
    }
    await run
    expect(seen.filter(n => n !== undefined).length).toBeGreaterThan(0)
    expect(seen.every(n => n === undefined || (n > 0 && n <= 2500))).toBe(true)
    expect(exporter.progress.value).toBeNull()
  })
})
