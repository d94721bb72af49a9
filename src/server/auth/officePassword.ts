/**
 * Office account passwords: scrypt with a random salt, stored as one self-describing string
 * 'scrypt$N$r$p$salt$hash' (base64) so the cost can be raised later without a migration.
 *
 * Hashing runs in libuv's thread pool (crypto.scrypt, not scryptSync), so sign-ins never block the HTTP
 * loop. An unknown user is checked against a dummy hash of the same cost, so a wrong username takes as
 * long as a wrong password and the answer time tells nobody which accounts exist.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

const N = 16384
const R = 8
const P = 1
const KEY_BYTES = 32
/** scrypt needs 128·N·r bytes; Node's default maxmem (32 MiB) is enough for N=16384, r=8 but leave room for raised costs. */
const MAX_MEM = 256 * 1024 * 1024

function scryptAsync(password: string, salt: Buffer, length: number, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, length, { N: n, r, p, maxmem: MAX_MEM }, (error, key) => (error ? reject(error) : resolve(key)))
  })
}

export async function hashOfficePassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const hash = await scryptAsync(password, salt, KEY_BYTES, N, R, P)
  return ['scrypt', N, R, P, salt.toString('base64'), hash.toString('base64')].join('$')
}

function parse(stored: string): { n: number, r: number, p: number, salt: Buffer, hash: Buffer } | null {
  const [alg, n, r, p, salt, hash] = stored.split('$')
  if (alg !== 'scrypt' || !n || !r || !p || !salt || !hash)
    return null
  const parsed = { n: Number(n), r: Number(r), p: Number(p), salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') }
  if (![parsed.n, parsed.r, parsed.p].every(Number.isSafeInteger) || parsed.hash.length === 0)
    return null
  return parsed
}

let dummy: Promise<string> | undefined
/** A hash of a random password at today's cost: what an unknown username is checked against. */
function dummyHash(): Promise<string> {
  return (dummy ??= hashOfficePassword(randomBytes(18).toString('base64')))
}

/** True when `password` matches `stored`; with `stored` null (no such user) it spends the same time and answers false. */
export async function verifyOfficePassword(password: string, stored: string | null): Promise<boolean> {
  const parsed = parse(stored ?? await dummyHash())
  if (!parsed)
    return false
  const actual = await scryptAsync(password, parsed.salt, parsed.hash.length, parsed.n, parsed.r, parsed.p)
  return stored !== null && timingSafeEqual(actual, parsed.hash)
}
