import { describe, expect, it } from 'vitest'
import { countTrivialPins, isValidPin, pinPolicyProblem } from '../../../src/domain/auth/pinPolicy'

describe('the PIN policy as codes (the app words them, the benchmark counts them)', () => {
  it.each([
    ['', 'empty'],
    ['12a456', 'not-digits'],
    ['48291', 'too-short'],
    ['4829154829154', 'too-long'],
    ['777777', 'repeated'],
    ['909090', 'repeated'],
    ['357357', 'repeated'],
    ['234567', 'sequence'],
    ['987654', 'sequence'],
    ['246810', null],
    ['890123', null],
  ])('%j → %s', (pin, problem) => {
    expect(pinPolicyProblem(pin)).toBe(problem)
    expect(isValidPin(pin)).toBe(problem === null)
  })

  it('refuses 1,100 of the 10^6 six-digit PINs: 1,090 repeated blocks and 10 runs', () => {
    // Blocks of 3 (1,000) and of 2 (100) share the 10 single-digit repeats; runs: 5 up, 5 down.
    expect(countTrivialPins(6)).toBe(1000 + 100 - 10 + 10)
    expect(countTrivialPins(4)).toBe(10_000)
  })
})
