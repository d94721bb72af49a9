/**
 * The data layer's second, light entry, for what the first screen needs (the session store: staff reference
 * rows and meta). The index re-exports the event store, the folds and their schemas; a module importing from it
 * pulls them all into the first screen's bundle (issue 12 item 5). Everything else imports from the index.
 */
export type { MetaKey } from './meta'
export { metaRepo } from './meta'
export { referenceRepo } from './reference'
