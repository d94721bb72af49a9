/** int8 (seq, count(*)) as a JS number on both dialects (openDatabase, the PGlite worker). */
export const INT8_OID = 20

/** int8 → number, loudly refusing values a JS number cannot hold exactly (never expected for seq/counts). */
export function parseInt8(text: string): number {
  const n = Number(text)
  if (!Number.isSafeInteger(n))
    throw new RangeError(`int8 value ${text} does not fit a JS number`)
  return n
}
