/** Issue 14 (first-day counter work): intake shortcuts, 帮办方式 at intake, and the screens around them. */
export default {
  home: {
    casesCount: '{total} open: {overdue} overdue, {today} due today, {waiting} awaiting materials',
    consultationsCount: '{overdue} overdue, {today} due today, {later} due later',
    status: { received: 'Materials to check', materialsComplete: 'Complete, to accept', awaitingSupplement: 'Awaiting materials', accepted: 'Accepted (no promised limit)', inProgress: 'In progress', supplementRequested: 'Awaiting more materials', suspended: 'Suspended' },
  },
  limit: {
    none: 'no promised limit',
    immediate: 'Same day',
    promised: 'promised {n} working days',
    immediateDue: 'Same day, to be completed by {date}',
  },
  notice: {
    materialNotes: 'Material notes (staff only)',
    applicant: 'Applicant',
    caseNumber: 'Case number',
    comeBackBy: 'Come back by',
    comeBackByText: 'Please bring the materials above to this station by {date}',
    bringHere: 'Bring it to this station',
  },
  catalog: {
    groupCount: '{n} items',
  },
  intake: {
    stepNo: 'Step {n}: ',
    assistModeTitle: 'How the citizen is helped (required by the ledger)',
    assistModeRequired: 'Choose how the citizen is helped',
    sourceShown: 'Source: {source}',
    allProvided: 'All provided',
    allProvidedHint: 'When every required material has been checked, tap here to go straight on',
    markToSee: 'Mark each material; whether the set is complete shows here',
  },
  ledger: {
    moreColumns: '→ {n} more columns',
    moreColumnsHint: '{shown} of {total} columns shown; the first two stay put, swipe sideways for the rest',
    allColumns: 'All {total} columns shown',
    backToStart: '← Back to the first column',
  },
}
