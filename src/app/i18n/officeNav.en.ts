export default {
  metrics: 'Quality',
  stations: 'Stations',
  applications: 'Applications',
  catalog: 'Catalog',
  inspections: 'Inspections',
  rectifications: 'Rectification',
  followUps: 'Follow-ups & complaints',
  calendar: 'Holidays',
  accounts: 'Accounts',
  audit: 'Audit log',
  label: 'Office sections',
  logout: 'Sign out',
}
