/** Why a case step was not recorded: thrown by the cases and proxy-cases stores, shown to staff. */

/** The domain refused a step (e.g. accepting with a required material missing); the message is Chinese. */
export class CaseTransitionRefused extends Error {
  override readonly name = 'CaseTransitionRefused'
}

/** No acceptance receipt or 委托书 number can be made on this tablet (e.g. the station has no code). */
export class ReceiptNumberUnavailable extends Error {
  override readonly name = 'ReceiptNumberUnavailable'
}
