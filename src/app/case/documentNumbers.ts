/**
 * The numbers this tablet gives a case's documents (DOMAIN.md 收件回执, Annex F 委托书): station code + year +
 * the tablet's slot + a serial, never repeated on this tablet. Each serial is reserved in meta before the
 * event that carries it is written: a crash in between leaves a gap, never a repeat.
 */
import type { CaseEventInput } from '../../domain/case'
import type { BlobInput, ReceiptSerialRecord } from '../data'
import type { EntrustmentDraft } from '../entrustment/entrustmentForm'
import { toCivilDate } from '../../domain/calendar'
import { entrustmentNumber, nextDocumentSerial, receiptNumber } from '../../domain/receipt'
import { casesRepo, metaRepo, referenceRepo, sha256Hex } from '../data'
import { entrustedPayload } from '../entrustment/entrustmentForm'
import { ReceiptNumberUnavailable } from './caseErrors'

/** How many of the most recent cases numbering reads back to recover its serial. */
export const SCAN_LIMIT = 2000

function isSerialRecord(v: unknown): v is ReceiptSerialRecord {
  const r = v as Partial<ReceiptSerialRecord> | null
  return typeof r === 'object' && r !== null && typeof r.stationCode === 'string' && typeof r.year === 'number' && typeof r.deviceSlot === 'number' && typeof r.last === 'number'
}

/** This tablet's station code and slot; ReceiptNumberUnavailable (for a receipt or a 委托书 number) when either is missing. */
async function numberingOrigin(what: 'receipt' | 'entrustment'): Promise<{ stationCode: string, deviceSlot: number }> {
  const stationId = await metaRepo.get('stationId')
  const station = stationId ? await referenceRepo.get('stations', stationId) : undefined
  const stationCode = typeof station?.code === 'string' ? station.code.toUpperCase() : ''
  if (!/^[A-Z0-9]{2,12}$/.test(stationCode))
    throw new ReceiptNumberUnavailable(what === 'receipt' ? 'case.receiptNoStationCode' : 'case.entrustmentNoStationCode')
  // The slot the server assigned at enrollment is what keeps two tablets' numbers apart: never guess one.
  const deviceSlot = await metaRepo.get('deviceSlot')
  if (typeof deviceSlot !== 'number' || !Number.isInteger(deviceSlot) || deviceSlot < 1)
    throw new ReceiptNumberUnavailable(what === 'receipt' ? 'case.receiptNoDeviceSlot' : 'case.entrustmentNoDeviceSlot')
  return { stationCode, deviceSlot }
}

/** The next serial of `kind` at `at`: past the one saved under `key` and every number among the recent cases. */
async function reserveSerial(kind: 'receipt' | 'entrustment', key: 'receiptSerial' | 'entrustmentSerial', at: Date, issuedOf: (recent: Awaited<ReturnType<typeof casesRepo.listRecent>>) => string[]): Promise<{ stationCode: string, year: number, deviceSlot: number, serial: number }> {
  const { stationCode, deviceSlot } = await numberingOrigin(kind)
  const year = Number(toCivilDate(at).slice(0, 4))
  const saved: unknown = await metaRepo.get(key)
  const counted = isSerialRecord(saved) && saved.stationCode === stationCode && saved.year === year && saved.deviceSlot === deviceSlot ? saved.last + 1 : 1
  const issued = issuedOf(await casesRepo.listRecent(SCAN_LIMIT))
  const serial = Math.max(counted, nextDocumentSerial(kind, issued, { stationCode, year, deviceSlot }))
  await metaRepo.set(key, { stationCode, year, deviceSlot, last: serial })
  return { stationCode, year, deviceSlot, serial }
}

/** DOMAIN.md 收件回执 number of an acceptance at `at`. */
export async function nextReceiptNumber(at: Date): Promise<string> {
  const parts = await reserveSerial('receipt', 'receiptSerial', at, recent => recent.flatMap(c => (c.receiptNumber ? [c.receiptNumber] : [])))
  return receiptNumber(parts)
}

/** Annex F 委托书编号 (also 续办) at `at`. */
export async function nextEntrustmentNumber(at: Date): Promise<string> {
  const parts = await reserveSerial('entrustment', 'entrustmentSerial', at, recent => recent.flatMap(c => [c.entrustment?.entrustmentNumber ?? '', ...c.renewals.map(r => r.entrustmentNumber)]))
  return entrustmentNumber(parts)
}

/** 6.3.4.2: the numbered `case.entrusted` event of a signed draft, with the signature blob to store alongside. */
export async function entrustedEvent(draft: EntrustmentDraft, signature: Blob, at: Date): Promise<{ event: CaseEventInput, blob: BlobInput }> {
  const sha256 = await sha256Hex(signature)
  const number = await nextEntrustmentNumber(at)
  return { event: { type: 'case.entrusted', payload: entrustedPayload(draft, number, sha256) }, blob: { sha256, blob: signature } }
}
