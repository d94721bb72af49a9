/** Office passwords (issue 8 item 1, issue 10 item 5): scrypt in the thread pool, self-describing hashes, unknown users checked too. */
import { describe, expect, it } from 'vitest'
import { hashOfficePassword, verifyOfficePassword } from '../../../src/server/auth/officePassword'

describe('office passwords', () => {
  it('hash to a salted scrypt string that verifies only the right password', async () => {
    const a = await hashOfficePassword('correct horse battery')
    const b = await hashOfficePassword('correct horse battery')
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[\w+/=]+\$[\w+/=]+$/)
    expect(a).not.toBe(b)
    expect(await verifyOfficePassword('correct horse battery', a)).toBe(true)
    expect(await verifyOfficePassword('correct horse batterY', a)).toBe(false)
  })

  it('answers false for an unknown user (no stored hash) after doing the same work, and for a malformed hash', async () => {
    expect(await verifyOfficePassword('anything', null)).toBe(false)
    expect(await verifyOfficePassword('anything', 'plain-text')).toBe(false)
    expect(await verifyOfficePassword('anything', 'scrypt$x$8$1$AAAA$AAAA')).toBe(false)
  })

  it('does not block the event loop while hashing: a timer set before fires before the hash resolves', async () => {
    const order: string[] = []
    const timer = new Promise<void>(resolve => setImmediate(() => {
      order.push('immediate')
      resolve()
    }))
    const hashed = hashOfficePassword('some password here').then(() => order.push('hash'))
    await Promise.all([timer, hashed])
    expect(order).toEqual(['immediate', 'hash'])
  })
})
