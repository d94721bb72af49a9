import { describe, expect, it } from 'vitest'
import { deviceSlotCode, documentNumber, entrustmentNumber, MAX_DEVICE_SLOT, nextDocumentSerial, parseDeviceSlotCode, parseDocumentNumber, parseEntrustmentNumber, parseReceiptNumber, receiptNumber } from '../../src/domain/receipt'

describe('receipt and entrustment numbers (收件回执, 委托书编号)', () => {
  it.each([
    [{ stationCode: 'JC0001', year: 2026, deviceSlot: 1, serial: 7 }, 'JC0001-2026-A-0007', 'JC0001-WT-2026-A-0007'],
    [{ stationCode: 'TY01', year: 2027, deviceSlot: 2, serial: 1 }, 'TY01-2027-B-0001', 'TY01-WT-2027-B-0001'],
    [{ stationCode: 'TY01', year: 2026, deviceSlot: 9, serial: 12345 }, 'TY01-2026-J-12345', 'TY01-WT-2026-J-12345'],
    [{ stationCode: 'TY01', year: 2026, deviceSlot: 25, serial: 10 }, 'TY01-2026-AA-0010', 'TY01-WT-2026-AA-0010'],
  ])('%o → %s / %s, and back', (parts, receipt, entrustment) => {
    expect(receiptNumber(parts)).toBe(receipt)
    expect(entrustmentNumber(parts)).toBe(entrustment)
    expect(parseReceiptNumber(receipt)).toEqual(parts)
    expect(parseEntrustmentNumber(entrustment)).toEqual(parts)
    // A receipt number is never read as an entrustment number, nor the reverse.
    expect(parseEntrustmentNumber(receipt)).toBeNull()
    expect(parseReceiptNumber(entrustment)).toBeNull()
  })

  it('writes slots in letters without I and O, one-to-one over 1…600', () => {
    expect([1, 8, 9, 13, 14, 24, 25, 48, 49, MAX_DEVICE_SLOT].map(deviceSlotCode)).toEqual(['A', 'H', 'J', 'N', 'P', 'Z', 'AA', 'AZ', 'BA', 'ZZ'])
    const codes = new Set<string>()
    for (let slot = 1; slot <= MAX_DEVICE_SLOT; slot++) {
      const code = deviceSlotCode(slot)
      expect(code).not.toMatch(/[IO]/)
      expect(parseDeviceSlotCode(code)).toBe(slot)
      codes.add(code)
    }
    expect(codes.size).toBe(MAX_DEVICE_SLOT)
  })

  it.each([
    [{ stationCode: 'jc0001', year: 2026, deviceSlot: 1, serial: 1 }, '站点编码'],
    [{ stationCode: 'JC-01', year: 2026, deviceSlot: 1, serial: 1 }, '站点编码'],
    [{ stationCode: 'JC0001', year: 26, deviceSlot: 1, serial: 1 }, '年份'],
    [{ stationCode: 'JC0001', year: 2026, deviceSlot: 0, serial: 1 }, '设备编号'],
    [{ stationCode: 'JC0001', year: 2026, deviceSlot: MAX_DEVICE_SLOT + 1, serial: 1 }, '设备编号'],
    [{ stationCode: 'JC0001', year: 2026, deviceSlot: 1, serial: 0 }, '流水号'],
    [{ stationCode: 'JC0001', year: 2026, deviceSlot: 1, serial: 1.5 }, '流水号'],
  ])('refuses %o', (parts, message) => {
    expect(() => receiptNumber(parts)).toThrow(message)
  })

  it.each([
    'JC0001-2026-A-007', // too short
    'JC0001-2026-A-00007', // not canonical
    'JC0001-2026-I-0001', // I is not a slot letter
    'JC0001-2026-ABC-0001', // three letters
    'JC0001-XX-2026-A-0001', // unknown series
    'jc0001-2026-A-0001',
    'JC0001-2026-A-0000',
    'JC0001-2026-A-0001 ',
    '',
  ])('does not parse %j', (text) => {
    expect(parseDocumentNumber(text)).toBeNull()
  })

  it('two tablets numbering concurrently, offline, never collide', () => {
    // Tablets A and B of one station each issue receipts and entrustments, interleaved, with no coordination.
    const station = { stationCode: 'JC0001', year: 2026 }
    const issued: string[] = []
    const counters = new Map<string, number>()
    for (let round = 0; round < 2000; round++) {
      for (const deviceSlot of [1, 2]) {
        for (const series of ['receipt', 'entrustment'] as const) {
          if ((round + deviceSlot) % (series === 'receipt' ? 1 : 3) !== 0)
            continue
          const key = `${deviceSlot}/${series}`
          const serial = (counters.get(key) ?? 0) + 1
          counters.set(key, serial)
          issued.push(documentNumber(series, { ...station, deviceSlot, serial }))
        }
      }
    }
    expect(new Set(issued).size).toBe(issued.length)
    // Both tablets did issue the same serials: only the slot tells them apart.
    expect(issued).toContain('JC0001-2026-A-0001')
    expect(issued).toContain('JC0001-2026-B-0001')
  })

  it('a tablet recovers its next serial from the numbers it already issued', () => {
    const issued = ['JC0001-2026-A-0007', 'JC0001-2026-A-0012', 'JC0001-2026-B-0040', 'JC0001-2025-A-0099', 'JC0001-WT-2026-A-0050', 'OTHER-2026-A-0500', 'not a number']
    expect(nextDocumentSerial('receipt', issued, { stationCode: 'JC0001', year: 2026, deviceSlot: 1 })).toBe(13)
    expect(nextDocumentSerial('receipt', issued, { stationCode: 'JC0001', year: 2026, deviceSlot: 2 })).toBe(41)
    expect(nextDocumentSerial('entrustment', issued, { stationCode: 'JC0001', year: 2026, deviceSlot: 1 })).toBe(51)
    expect(nextDocumentSerial('receipt', issued, { stationCode: 'JC0001', year: 2027, deviceSlot: 1 })).toBe(1)
  })
})
