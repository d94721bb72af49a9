/**
 * Issue 8 item 7: lists on a tablet show what another tablet recorded as soon as a pull brings it, without
 * a reload. A pull page saves its events and the cursor in one transaction (record.ts applyPulledEvents),
 * so a Dexie liveQuery on the cursor fires once per applied page — in this tab and in any other tab of
 * the app on this tablet — and only when events arrived (the cursor moves only then).
 *
 * The first answer is reported too: a pull may land between subscribing and that first read (IndexedDB
 * answers asynchronously), so a watcher that skipped it could miss a page. One extra refresh at start is
 * cheap; a missed one leaves a stale list.
 */
import { liveQuery } from 'dexie'
import { metaRepo } from './meta'

/** Calls `onPulled(cursor)` with the current cursor, then each time pulled events move it; returns the unsubscribe function. */
export function watchPulledEvents(onPulled: (cursor: number) => void): () => void {
  let last: number | undefined
  const subscription = liveQuery(() => metaRepo.get('cursor')).subscribe({
    next: (value) => {
      const cursor = value ?? 0
      if (cursor !== last)
        onPulled(cursor)
      last = cursor
    },
    // A closed database (tests, a blocked upgrade) ends the watch; the next start subscribes again.
    error: () => {},
  })
  return () => subscription.unsubscribe()
}
