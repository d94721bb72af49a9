export default {
  title: 'Flags to resolve',
  chooseStanding: 'Which record stands?',
  keptNow: 'in effect now',
  refusedNow: 'not in effect now',
  note: 'What you checked (required)',
  notePlaceholder: 'e.g. confirmed by phone: the acceptance stands, the other tablet\'s return was a mistake',
  confirmChoice: 'Confirm the chosen record',
  confirmChecked: 'Checked, mark as resolved',
  saved: 'Resolution recorded',
}
