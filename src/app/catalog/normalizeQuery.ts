/**
 * How item and consultation searches read a query. Its own module, without pinyin-pro: the consultation
 * search and the first screen need it, while the pinyin dictionary loads only with the item search.
 */

// Spaces and punctuation do not take part in matching: '居民身份证换领(有效期满)' ~ '居民身份证换领有效期满'.
const IGNORED = /[\s\p{P}\p{S}]/u

/** NFKC (full-width → ASCII), lower case, without spaces and punctuation. */
export function normalizeQuery(query: string): string {
  return [...query.normalize('NFKC').toLowerCase()].filter(c => !IGNORED.test(c)).join('')
}
