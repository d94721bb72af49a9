/**
 * The wire contract (DESIGN §4, src/server/SYNC-API.md) as zod schemas, one place for both sides: the server
 * validates requests with them and its answers satisfy their types; the app parses every answer with them.
 * Additions only: a member added here must be optional for the other side.
 */
export * from './blobs'
export * from './common'
export * from './enrollment'
export * from './office'
export * from './parse'
export * from './publicBooking'
export * from './publicRating'
export * from './publicResults'
export * from './reference'
export * from './satisfaction'
export * from './sync'
export * from './officeMetrics'
export * from './officeStaff'
export * from './officeAccounts'
export * from './officeAudit'
export * from './officeCalendar'
export * from './officeCatalog'
export * from './officeFollowUps'
export * from './officeInspections'
export * from './officeRectifications'
export * from './officeStations'
