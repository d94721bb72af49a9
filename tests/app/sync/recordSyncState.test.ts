import { describe, expect, it } from 'vitest'
import { recordSyncState, rejectionReason } from '../../../src/app/stores/sync'

describe('a record\'s sync state in lists', () => {
  it.each([
    [{ pendingEvents: 0, rejectedEvents: 0, needsAttention: false }, 'synced'],
    [{ pendingEvents: 2, rejectedEvents: 0, needsAttention: false }, 'pending'],
    [{ pendingEvents: 0, rejectedEvents: 1, needsAttention: false }, 'attention'],
    [{ pendingEvents: 0, rejectedEvents: 0, needsAttention: true }, 'attention'],
    // Not settled until every event was answered.
    [{ pendingEvents: 1, rejectedEvents: 1, needsAttention: true }, 'pending'],
  ] as const)('%o → %s', (facts, expected) => {
    expect(recordSyncState(facts)).toBe(expected)
  })
})

describe('server rejection reasons for staff', () => {
  it('maps the server\'s codes to message keys, keeping validation details', () => {
    expect(rejectionReason('scope')).toEqual({ key: 'scope', detail: '' })
    expect(rejectionReason('id-reuse')).toEqual({ key: 'idReuse', detail: '' })
    expect(rejectionReason('event-too-large')).toEqual({ key: 'tooLarge', detail: '' })
    expect(rejectionReason('invalid: payload.question: 必填')).toEqual({ key: 'invalid', detail: 'payload.question: 必填' })
    expect(rejectionReason('something new')).toEqual({ key: 'other', detail: 'something new' })
  })
})
