/** Why a case step was not recorded: thrown by the cases and proxy-cases stores, shown to staff by code. */
import type { Reason } from '../../domain/reason'
import { reasonText } from '../../domain/reason'
import { AppError } from '../appError'

/** A step was refused (e.g. accepting with a required material missing): by the app's code or the domain's reason. */
export class CaseTransitionRefused extends AppError {
  override readonly name = 'CaseTransitionRefused'
  /** The domain's refusal, worded from its code; its Chinese text stays in `message` for logs and tests. */
  static because(reason: Reason): CaseTransitionRefused {
    return new CaseTransitionRefused('refused', { reason: reasonText(reason) }, { domainReason: reason })
  }
}

/** No acceptance receipt or 委托书 number can be made on this tablet (e.g. the station has no code). */
export class ReceiptNumberUnavailable extends AppError {
  override readonly name = 'ReceiptNumberUnavailable'
}
