/** Issue 14 item 7: completion records its result (approved with the result document, not approved with the reason), confirmed first. */
export default {
  title: 'Complete: record the result',
  result: 'Result',
  approved: 'Approved',
  notApproved: 'Not approved',
  document: 'Result document',
  documentPlaceholder: 'e.g. ID card, business licence, approval decision',
  documentNumber: 'Document number (optional)',
  reason: 'Reason for refusal',
  reasonPlaceholder: 'e.g. the conditions are not met (which article)',
  decisionNumber: 'Decision number (optional)',
  next: 'Next: confirm',
  confirmTitle: 'Confirm the result',
  confirmHint: 'Once completed the result cannot be changed; it is handed over to the citizen and entered in the ledgers.',
  confirm: 'Confirm completion',
  back: 'Back to edit',
  cancel: 'Cancel',
  summary: {
    approved: 'Approved: {document}',
    notApproved: 'Not approved: {reason}',
    number: 'Number: {number}',
    none: 'No result was recorded at completion',
  },
  errors: {
    result: 'Choose approved or not approved',
    document: 'Enter the result document',
    reason: 'Enter the reason for refusal',
  },
  print: {
    result: 'Result',
  },
}
