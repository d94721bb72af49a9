/**
 * The one-time rating token for the citizen's phone (6.3.3.4 QR channel): 32 random bytes, base64url.
 * The token itself only ever lives in the QR code; the tablet records its SHA-256 (`rating.tokenMinted`).
 */

/** Default validity of a QR rating token. */
export const RATING_TOKEN_DAYS = 7

function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes)
    binary += String.fromCharCode(b)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** SHA-256 of the token's text, lowercase hex (what the server will compare the phone's token against). */
export async function ratingTokenSha256(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))
  return Array.from(new Uint8Array(digest), b => b.toString(16).padStart(2, '0')).join('')
}

/** A fresh token (crypto.getRandomValues) and its hash. */
export async function newRatingToken(): Promise<{ token: string, sha256: string }> {
  const token = base64url(crypto.getRandomValues(new Uint8Array(32)))
  return { token, sha256: await ratingTokenSha256(token) }
}

/** The public page's address for a token (the page itself comes later). */
export function ratingTokenUrl(origin: string, token: string): string {
  return `${origin}/r/${token}`
}

/** When a token minted at `at` expires. */
export function ratingTokenExpiry(at: Date, days: number = RATING_TOKEN_DAYS): Date {
  return new Date(at.getTime() + days * 86_400_000)
}
