/**
 * Ledgers D, E and F on the tablet (issue 5 items 1–2; 6.2.4, Annexes D/E/F): the rows of one ledger for a
 * period and filter, derived from the local projections, never typed in.
 *
 * - Cases come from the slim ledger rows' date index (v7 `casesRepo.listLedgerCasesReceivedBetween`, half-open
 *   CST range; the full case rows while a projection rebuild is pending): a month is one index range, never a table scan. E reads 帮办 and 代办 cases (converted ones belong in E too), F 代办 ones.
 * - 满意度 and F's rating fallback need 好差评 states, which have no projection: the rating streams of the
 *   chosen cases alone are read (one indexed query per 500 streams) and folded here.
 * - Station name and window come from the station reference row, staff names from the staff reference rows
 *   (inactive staff keep their names on old rows), items from the catalog store.
 * - Rows on screen are masked (DOMAIN.md); full values are built only for an audited export, on demand.
 * - Each row's missing required cells (6.2.4 完整) are checked once per load.
 */
import type { AppealState } from '../../domain/appeal'
import type { LedgerCase, LedgerContext, LedgerKind } from '../../domain/ledger'
import type { LedgerFilter, LedgerRow } from '../../domain/ledgerFilter'
import type { RatingState } from '../../domain/rating'
import type { LedgerPeriod } from '../ledger/ledgerPeriod'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { appealStreamFor, foldAppeal, upheldRatings } from '../../domain/appeal'
import { ratingsBySubject } from '../../domain/ledger'
import type { FollowUpRecord } from '../../domain/followUp'
import { foldFollowUp, followUpRecords, followUpsBySubject, followUpStreamFor } from '../../domain/followUp'
import { checkLedgerRow } from '../../domain/ledgerCompleteness'
import { LEDGER_D_COLUMNS } from '../../domain/ledgerD'
import { LEDGER_E_COLUMNS } from '../../domain/ledgerE'
import { LEDGER_F_COLUMNS } from '../../domain/ledgerF'
import { inLedger, ledgerRows, matchesLedgerFilter } from '../../domain/ledgerFilter'
import { foldRating, ratingStreamFor } from '../../domain/rating'
import { casesRepo, eventsRepo, metaRepo, projectionRebuildPending, referenceRepo, workCalendar } from '../data'
import { periodRangeMs } from '../ledger/ledgerPeriod'
import { useCatalogStore } from './catalog'

/** The columns of each ledger, in the annex's order. */
export const ledgerColumns = { D: LEDGER_D_COLUMNS, E: LEDGER_E_COLUMNS, F: LEDGER_F_COLUMNS } as const

/** A ledger listing's filter: a CST period (always bounded, so the query is one index range) and the optional narrowing. */
export type LedgerQuery = LedgerFilter & LedgerPeriod

/** Which case kinds (index `[kind+receivedAtMs]`) can appear in each ledger; D reads every case. */
const KINDS_OF: Readonly<Record<LedgerKind, readonly string[] | null>> = {
  D: null,
  E: ['assisted', 'proxy'],
  F: ['proxy'],
}

/** The window written in 窗口: a name the station row carries, else a single-window station's 综合窗口, else ''. */
function stationWindow(row: Record<string, unknown> | undefined): string | null {
  if (typeof row?.windowName === 'string' && row.windowName.trim())
    return row.windowName.trim()
  return row?.windows === 1 ? '综合窗口' : null
}

/**
 * The cases received in the period that can appear in the ledger: the slim ledger rows (v7), or the full case
 * rows while a projection rebuild is pending (the slim table is being filled then; the case rows are read as
 * they are, as every list does during a rebuild).
 */
async function casesInPeriod(kind: LedgerKind, period: LedgerPeriod, rebuildPending: boolean): Promise<LedgerCase[]> {
  const { fromMs, toMs } = periodRangeMs(period)
  const list = rebuildPending ? casesRepo.listReceivedBetween : casesRepo.listLedgerCasesReceivedBetween
  const kinds = KINDS_OF[kind]
  if (kinds === null)
    return list(fromMs, toMs)
  const lists = await Promise.all(kinds.map(k => list(fromMs, toMs, { kind: k })))
  return lists.flat()
}

/** 好差评 states of the given cases, folded from their rating streams (bounded to these cases). */
async function ratingsOf(cases: readonly LedgerCase[]): Promise<Map<string, RatingState>> {
  const streams = await eventsRepo.byStreams(cases.map(c => ratingStreamFor(c.id)))
  const states: RatingState[] = []
  for (const events of streams.values()) {
    const state = events.length > 0 ? foldRating(events, workCalendar()) : null
    if (state)
      states.push(state)
  }
  return ratingsBySubject(states)
}

/** DOMAIN.md 申诉复核: which of these ratings an upheld appeal took out (shown 申诉成立 in ledger F). */
async function upheldOf(ratings: ReadonlyMap<string, RatingState>): Promise<Set<string>> {
  const streams = await eventsRepo.byStreams([...ratings.values()].map(r => appealStreamFor(r.id)))
  return upheldRatings([...streams.values()].map(events => foldAppeal(events)).filter((a): a is AppealState => a !== null))
}

/** 回访 records of the given cases (ledger F 回访日期及结果), folded from their follow-up streams. */
async function followUpsOf(cases: readonly LedgerCase[]): Promise<Map<string, FollowUpRecord[]>> {
  const streams = await eventsRepo.byStreams(cases.map(c => followUpStreamFor(c.id)))
  const states = [...streams.values()].map(events => foldFollowUp(events)).filter(s => s !== null)
  return followUpsBySubject(followUpRecords(states))
}

export const useLedgersStore = defineStore('ledgers', () => {
  /** The ledger listed. */
  const kind = ref<LedgerKind>('D')
  /** The filter the rows were listed with (null before the first load). */
  const query = shallowRef<LedgerQuery | null>(null)
  /** The rows, masked, numbered 1…n in the annex's order. */
  const rows = shallowRef<LedgerRow[]>([])
  /** 6.2.4: the titles of the required cells each incomplete row lacks, by case id. */
  const missingByCase = shallowRef<ReadonlyMap<string, readonly string[]>>(new Map())
  const incompleteCount = computed(() => missingByCase.value.size)
  /** 便民服务站名称 of this tablet's station ('' when the reference row has not been pulled). */
  const stationName = ref('')
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  /** Projections are being refolded after an upgrade: cases not yet refolded are missing from date ranges. */
  const rebuildPending = ref(false)

  // The cases and context of the current rows, kept (not reactive) so a full-value export lists exactly the same cases.
  let basis: { kind: LedgerKind, query: LedgerQuery, cases: LedgerCase[], context: LedgerContext } | null = null
  let generation = 0

  async function contextFor(listed: LedgerKind, cases: readonly LedgerCase[]): Promise<LedgerContext> {
    const catalog = useCatalogStore()
    const [stationId, staffRows] = await Promise.all([metaRepo.get('stationId'), referenceRepo.list('staff'), catalog.ensureLoaded()])
    const stationRow = stationId ? await referenceRepo.get('stations', stationId) : undefined
    const staffNames: Record<string, string> = {}
    for (const row of staffRows) {
      if (typeof row.name === 'string')
        staffNames[row.id] = row.name
    }
    // D has no rating column: only E and F read rating streams.
    const ratings = listed === 'D' ? undefined : await ratingsOf(cases)
    return {
      stationName: typeof stationRow?.name === 'string' ? stationRow.name : catalog.station?.name ?? '',
      window: stationWindow(stationRow),
      staffNames,
      itemLookup: (code) => {
        const item = catalog.item(code)
        return item ? { name: item.name, department: item.department } : undefined
      },
      ratings,
      // Only F shows the 申诉成立 note (its 回访 column).
      upheldRatings: listed === 'F' && ratings && ratings.size > 0 ? await upheldOf(ratings) : undefined,
      // Only F has the 回访 column: the recorded call-backs.
      followUps: listed === 'F' ? await followUpsOf(cases) : undefined,
      asOf: new Date(),
      masked: true,
    }
  }

  /** List ledger `listed` for `filter` (its period bounds the index query); a later call supersedes a running one. */
  async function load(listed: LedgerKind, filter: LedgerQuery): Promise<void> {
    const mine = ++generation
    loading.value = true
    error.value = null
    try {
      const pending = await projectionRebuildPending()
      const inRange = await casesInPeriod(listed, filter, pending)
      const chosen = inRange.filter(c => inLedger(listed, c) && matchesLedgerFilter(c, filter))
      const context = await contextFor(listed, chosen)
      if (mine !== generation)
        return
      const listedRows = ledgerRows(listed, chosen, filter, context)
      const missing = new Map<string, readonly string[]>()
      for (const row of listedRows) {
        const lacks = checkLedgerRow(listed, row)
        if (lacks.length > 0)
          missing.set(row.caseId, lacks)
      }
      basis = { kind: listed, query: filter, cases: chosen, context }
      kind.value = listed
      query.value = filter
      rows.value = listedRows
      missingByCase.value = missing
      stationName.value = context.stationName
      rebuildPending.value = pending
    }
    catch (e) {
      if (mine === generation)
        error.value = e
      throw e
    }
    finally {
      if (mine === generation)
        loading.value = false
    }
  }

  /** The current listing with full personal data, for an audited export only (DOMAIN.md): same cases, same order. */
  function fullValueRows(): LedgerRow[] {
    if (!basis)
      return []
    return ledgerRows(basis.kind, basis.cases, basis.query, { ...basis.context, masked: false })
  }

  return { kind, query, rows, missingByCase, incompleteCount, stationName, loading, error, rebuildPending, load, fullValueRows }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useLedgersStore, import.meta.hot))
