/** Why a case step was not recorded: thrown by the cases and proxy-cases stores, shown to staff by code. */
import { AppError } from '../appError'

/** A step was refused (e.g. accepting with a required material missing): by code, or in the domain's own words. */
export class CaseTransitionRefused extends AppError {
  override readonly name = 'CaseTransitionRefused'
  /** The domain's refusal (src/domain words it, in Chinese). */
  static because(reason: string): CaseTransitionRefused {
    return new CaseTransitionRefused('refused', { reason })
  }
}

/** No acceptance receipt or 委托书 number can be made on this tablet (e.g. the station has no code). */
export class ReceiptNumberUnavailable extends AppError {
  override readonly name = 'ReceiptNumberUnavailable'
}
