/** The server address a tablet was enrolled against, kept in meta (absent: the page's own origin). */
import type { MetaKey } from '../data'
import { metaRepo } from '../data'

/** Meta key of the server address chosen at enrollment (absent: the page's origin). */
export const SERVER_URL_META_KEY = 'serverBaseUrl' satisfies MetaKey

export async function readServerUrl(): Promise<string | undefined> {
  const value = await metaRepo.get(SERVER_URL_META_KEY)
  return typeof value === 'string' && value ? value : undefined
}

/** Keeps the address staff gave at enrollment, or forgets it when they kept the page's origin. */
export async function saveServerUrl(baseUrl: string | undefined): Promise<void> {
  if (baseUrl)
    await metaRepo.set(SERVER_URL_META_KEY, baseUrl)
  else
    await metaRepo.remove(SERVER_URL_META_KEY)
}
