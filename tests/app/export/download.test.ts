import { afterEach, describe, expect, it, vi } from 'vitest'
import { downloadBlob, exportFileName, REVOKE_AFTER_MS } from '../../../src/app/export/download'

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('exportFileName', () => {
  it.each<[string, string, 'xlsx' | 'csv', string]>([
    ['工作台账', '2026-11', 'xlsx', '工作台账_2026-11.xlsx'],
    ['帮办登记表', '2026-11-01至2026-11-15', 'csv', '帮办登记表_2026-11-01至2026-11-15.csv'],
    ['代办登记表', '', 'xlsx', '代办登记表.xlsx'],
    ['工作台账/完整信息', '2026:11', 'csv', '工作台账-完整信息_2026-11.csv'],
    ['a<b>c|d?e*"f"\\g', '\u0007x', 'xlsx', 'a-b-c-d-e--f--g_x.xlsx'],
    ['', '', 'csv', '导出.csv'],
  ])('%j + %j → %j', (base, period, ext, name) => {
    expect(exportFileName(base, period, ext)).toBe(name)
  })
})

describe('downloadBlob', () => {
  it('clicks a download link to an object URL with the Chinese file name, removes it, and revokes the URL later', () => {
    vi.useFakeTimers()
    const blob = new Blob(['x'], { type: 'text/csv' })
    const create = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:bianmin/1')
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    const clicked: { href: string, download: string, inDocument: boolean }[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, inDocument: document.body.contains(this) })
    })

    downloadBlob(blob, '工作台账_2026-11.xlsx')

    expect(create).toHaveBeenCalledWith(blob)
    expect(clicked).toEqual([{ href: 'blob:bianmin/1', download: '工作台账_2026-11.xlsx', inDocument: true }])
    expect(document.querySelector('a[download]')).toBeNull()
    expect(revoke).not.toHaveBeenCalled()
    vi.advanceTimersByTime(REVOKE_AFTER_MS)
    expect(revoke).toHaveBeenCalledWith('blob:bianmin/1')
  })
})
