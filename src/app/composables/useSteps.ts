import type { ComputedRef, MaybeRefOrGetter, Ref } from 'vue'
import { computed, ref, toValue } from 'vue'

export interface UseStepsOptions<S extends string> {
  /** The step to start on (default: the first). */
  initial?: S
  /**
   * Whether the current step may be left forwards; return false (after showing why) to stay.
   * Going back is always allowed.
   */
  canLeave?: (step: S) => boolean
}

export interface UseStepsReturn<S extends string> {
  /** The step shown now. */
  current: Ref<S>
  /** Its position, from 0. */
  index: ComputedRef<number>
  /** The steps, in order (they may change, e.g. with the case kind). */
  steps: ComputedRef<readonly S[]>
  isFirst: ComputedRef<boolean>
  isLast: ComputedRef<boolean>
  /** Forwards one step when `canLeave` allows; returns whether it moved. */
  next: () => boolean
  /** Back one step (never blocked). */
  back: () => boolean
  /** Straight to `step` (backwards freely; forwards only past steps that may be left). */
  goTo: (step: S) => boolean
  /** Whether `step` was reached already (the step bar lets staff jump back to it). */
  isDone: (step: S) => boolean
  /** Back to the start. */
  reset: () => void
}

/**
 * A small step wizard (STYLE.md, hoppscotch: one view plus step components). Holds which step is
 * shown, moves forwards only when the step's check passes, and always lets staff go back.
 */
export function useSteps<S extends string>(stepList: MaybeRefOrGetter<readonly S[]>, options: UseStepsOptions<S> = {}): UseStepsReturn<S> {
  const steps = computed(() => toValue(stepList))
  const first = (): S => {
    const s = steps.value[0]
    if (s === undefined)
      throw new RangeError('useSteps needs at least one step')
    return s
  }
  const current = ref(options.initial ?? first()) as Ref<S>
  const index = computed(() => Math.max(0, steps.value.indexOf(current.value)))
  const isFirst = computed(() => index.value === 0)
  const isLast = computed(() => index.value === steps.value.length - 1)

  const allowed = (step: S): boolean => options.canLeave?.(step) ?? true

  function next(): boolean {
    if (isLast.value || !allowed(current.value))
      return false
    current.value = steps.value[index.value + 1] as S
    return true
  }

  function back(): boolean {
    if (isFirst.value)
      return false
    current.value = steps.value[index.value - 1] as S
    return true
  }

  function goTo(step: S): boolean {
    const target = steps.value.indexOf(step)
    if (target < 0)
      return false
    for (let i = index.value; i < target; i++) {
      current.value = steps.value[i] as S
      if (!allowed(current.value))
        return false
    }
    current.value = step
    return true
  }

  return {
    current,
    index,
    steps,
    isFirst,
    isLast,
    next,
    back,
    goTo,
    isDone: step => steps.value.indexOf(step) < index.value,
    reset: () => { current.value = first() },
  }
}
