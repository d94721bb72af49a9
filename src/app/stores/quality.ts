/**
 * Service quality on the tablet, offline (issue 5 items 3–4; 6.2.1–6.2.3, 7.2.3): the three 6.2 rates for a
 * range of CST days with the records behind each, and the dashboard's series per day / ISO week / month.
 *
 * Everything is read from this tablet's projections through index ranges bounded by the range (never a
 * table scan): cases due in it (`dueAtMs`), accepted in it (those without a due are listed as undetermined)
 * and received in it (cases per period by kind); consultations due in it or recorded up to two weeks
 * before (an unreferred one is due a working day after recording). 好差评 has no projection: the
 * `rating.given` events of the range (and the 60 days before, whose 差评 call-backs can fall due in it) are
 * found by `eventsRepo.listOfTypeBetween`, and only their streams are read and folded here.
 * Call-backs (回访) are not recorded as events yet, so every 差评 counts as not yet called back.
 * 6.2.2 is a snapshot of the offered items' guides (the catalog keeps no history).
 */
import type { AppealState } from '../../domain/appeal'
import type { CivilDate } from '../../domain/calendar'
import type { CaseState } from '../../domain/case'
import type { ConsultationState } from '../../domain/consultation'
import type { DisclosureResult } from '../../domain/disclosure'
import type { MetricPeriod } from '../../domain/metricPeriods'
import type { QualityMetrics } from '../../domain/metrics'
import type { RatingState } from '../../domain/rating'
import type { CasesPerBucket, OnTimePoint, QualityRangePreset, SatisfactionCount } from '../quality/qualitySeries'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { appealStreamFor, foldAppeal, upheldRatings, withoutUpheldAppeals } from '../../domain/appeal'
import { addCalendarDays, toCivilDate } from '../../domain/calendar'
import { disclosureRate } from '../../domain/disclosure'
import { bucketize } from '../../domain/metricPeriods'
import { metricSeries, qualityMetrics } from '../../domain/metrics'
import { foldRating } from '../../domain/rating'
import { foldComplaint } from '../../domain/complaint'
import { foldFollowUp, followUpRecords } from '../../domain/followUp'
import { casesRepo, consultationsRepo, eventsRepo, workCalendar } from '../data'
import { casesPerBucketByKind, cstRangeMs, onTimeRateSeries, presetRange, satisfactionDistribution } from '../quality/qualitySeries'
import { useCatalogStore } from './catalog'

/** An unreferred consultation is due 1 working day after recording: two weeks covers the longest holiday. */
const CONSULTATION_LOOKBACK_DAYS = 14
/** A 差评's call-back is due 15 working days after the rating: 60 calendar days covers 春节 and 国庆. */
const RATING_LOOKBACK_DAYS = 60
/** A complaint is due at most 60 working days after it is recorded (the setting's ceiling). */
const COMPLAINT_LOOKBACK_DAYS = 100
/** At most this many buckets per series (a year of days); longer ranges are charted per week or month. */
export const MAX_BUCKETS = 366

/** The steps of a load, in order (shown as progress). */
export const QUALITY_STEPS = ['cases', 'consultations', 'ratings', 'catalog', 'computing'] as const
export type QualityStep = typeof QUALITY_STEPS[number]

/** The dashboard's series over the loaded range. */
export interface QualitySeries {
  period: MetricPeriod
  casesByKind: CasesPerBucket[]
  onTimeRate: OnTimePoint[]
  satisfaction: SatisfactionCount[]
}

function byId<T extends { id: string }>(...lists: readonly (readonly T[])[]): T[] {
  const rows = new Map<string, T>()
  for (const list of lists) {
    for (const row of list)
      rows.set(row.id, row)
  }
  return [...rows.values()]
}

/** Let the browser paint the progress between steps. */
function nextTask(): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, 0))
}

export const useQualityStore = defineStore('quality', () => {
  const today = toCivilDate(new Date())
  const initial = presetRange('thisMonth', today)
  /** The range's CST days, both inclusive. */
  const from = ref<CivilDate>(initial.from)
  const to = ref<CivilDate>(initial.to)
  /** The preset the range came from; null when picked by hand. */
  const preset = ref<QualityRangePreset | null>('thisMonth')
  const period = ref<MetricPeriod>('day')
  /** The instant the numbers were measured at (late vs pending of what is not done). */
  const asOf = ref<string | null>(null)
  /** Ratings of the range an upheld appeal (申诉成立) took out of the figures. */
  const excludedRatings = ref(0)
  const metrics = shallowRef<QualityMetrics | null>(null)
  const disclosure = shallowRef<DisclosureResult | null>(null)
  const series = shallowRef<QualitySeries | null>(null)
  const loading = ref(false)
  /** The step running and how many are done (long work shows progress). */
  const progress = ref<{ step: QualityStep, done: number, total: number } | null>(null)
  const error = shallowRef<unknown>(null)
  /** `from|to|period` of the numbers shown; null before the first load. */
  const loadedKey = ref<string | null>(null)
  let generation = 0

  function choosePreset(chosen: QualityRangePreset, on: CivilDate = toCivilDate(new Date())): void {
    const range = presetRange(chosen, on)
    from.value = range.from
    to.value = range.to
    preset.value = chosen
  }

  function chooseRange(start: CivilDate, end: CivilDate): void {
    from.value = start <= end ? start : end
    to.value = start <= end ? end : start
    preset.value = null
  }

  function choosePeriod(chosen: MetricPeriod): void {
    period.value = chosen
  }

  /** Per-day series longer than a year are charted per week instead (a bar per day would be unreadable). */
  function chartPeriod(): MetricPeriod {
    return period.value === 'day' && bucketize('day', from.value, to.value).length > MAX_BUCKETS ? 'week' : period.value
  }

  async function readRatings(fromMs: number, toMs: number): Promise<RatingState[]> {
    const given = await eventsRepo.listOfTypeBetween('rating.given', fromMs - RATING_LOOKBACK_DAYS * 86_400_000, toMs)
    const streams = await eventsRepo.byStreams(given.map(e => e.stream))
    const states: RatingState[] = []
    for (const events of streams.values()) {
      const state = events.length > 0 ? foldRating(events, workCalendar()) : null
      if (state)
        states.push(state)
    }
    // 申诉复核: the ratings of upheld appeals leave every figure; how many is shown beside them.
    const appeals = await eventsRepo.byStreams(states.map(r => appealStreamFor(r.id)))
    const upheld = upheldRatings([...appeals.values()].map(events => foldAppeal(events)).filter((a): a is AppealState => a !== null))
    const fromDay = toCivilDate(new Date(fromMs))
    const toDay = toCivilDate(new Date(toMs - 1))
    excludedRatings.value = states.filter(r => upheld.has(r.id) && r.ratedAt !== null && toCivilDate(r.ratedAt) >= fromDay && toCivilDate(r.ratedAt) <= toDay).length
    return withoutUpheldAppeals(states, upheld).counted
  }

  /** Read and compute the rates and series of the chosen range and period, as of `at`; a later call supersedes a running one. */
  async function load(at: Date = new Date()): Promise<void> {
    const mine = ++generation
    const start = from.value
    const end = to.value
    const chosenPeriod = chartPeriod()
    const total = QUALITY_STEPS.length
    const step = async (name: QualityStep, done: number) => {
      if (mine === generation)
        progress.value = { step: name, done, total }
      await nextTask()
    }
    loading.value = true
    error.value = null
    try {
      const { fromMs, toMs } = cstRangeMs(start, end)
      await step('cases', 0)
      const [due, accepted, received] = await Promise.all([
        casesRepo.listDueBetween(fromMs, toMs),
        casesRepo.listAcceptedBetween(fromMs, toMs),
        casesRepo.listReceivedBetween(fromMs, toMs),
      ])
      const cases: CaseState[] = byId(due, accepted, received)
      await step('consultations', 1)
      const lookback = cstRangeMs(addCalendarDays(start, -CONSULTATION_LOOKBACK_DAYS), end)
      const consultations: ConsultationState[] = byId(
        await consultationsRepo.listDueBetween(fromMs, toMs),
        await consultationsRepo.listRecordedBetween(lookback.fromMs, toMs),
      )
      await step('ratings', 2)
      const ratings = await readRatings(fromMs, toMs)
      await step('catalog', 3)
      const catalog = useCatalogStore()
      // load() re-reads the reference rows (cheap when unchanged): an item pulled since counts.
      await catalog.load()
      await step('computing', 4)
      const options = { asOf: at, calendar: workCalendar() }
      // 6.2.3: recorded call-backs (a reached one handles a 差评) and complaints (handled by their due).
      const [followUpEvents, complaintEvents] = await Promise.all([
        eventsRepo.listOfTypeBetween('followUp.recorded', fromMs - RATING_LOOKBACK_DAYS * 86_400_000, Number.MAX_SAFE_INTEGER),
        eventsRepo.listOfTypeBetween('complaint.recorded', fromMs - COMPLAINT_LOOKBACK_DAYS * 86_400_000, toMs),
      ])
      const followUpStreams = await eventsRepo.byStreams([...new Set(followUpEvents.map(e => e.stream))])
      const complaintStreams = await eventsRepo.byStreams([...new Set(complaintEvents.map(e => e.stream))])
      const followUps = followUpRecords([...followUpStreams.values()].map(e => foldFollowUp(e)).filter(s => s !== null))
      const complaints = [...complaintStreams.values()].map(e => foldComplaint(e)).filter(s => s !== null)
      const inputs = { cases, consultations, ratings, followUps, complaints }
      const computed = qualityMetrics(inputs, start, end, options)
      const points = metricSeries(chosenPeriod, start, end, inputs, options)
      const nextSeries: QualitySeries = {
        period: chosenPeriod,
        casesByKind: casesPerBucketByKind(points.map(p => p.bucket), received),
        onTimeRate: onTimeRateSeries(points),
        satisfaction: satisfactionDistribution(ratings, start, end),
      }
      if (mine !== generation)
        return
      metrics.value = computed
      disclosure.value = disclosureRate(catalog.items)
      series.value = nextSeries
      asOf.value = at.toISOString()
      loadedKey.value = `${start}|${end}|${period.value}`
    }
    catch (e) {
      if (mine === generation)
        error.value = e
      throw e
    }
    finally {
      if (mine === generation) {
        loading.value = false
        progress.value = null
      }
    }
  }

  /** Load unless the numbers of the chosen range and period are already shown. */
  async function ensureLoaded(): Promise<void> {
    if (loadedKey.value !== `${from.value}|${to.value}|${period.value}`)
      await load()
  }

  return { from, to, preset, period, asOf, excludedRatings, metrics, disclosure, series, loading, progress, error, loadedKey, choosePreset, chooseRange, choosePeriod, load, ensureLoaded }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useQualityStore, import.meta.hot))
