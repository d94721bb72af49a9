// Reads and writes the app's own IndexedDB database (src/app/data/db.ts) from the page, with the raw
// IndexedDB API: the browser tests see exactly what the tablet stores, through no app code.
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { DEFAULT_DB_NAME, TABLES } from '../../../src/app/data/schema'

export const appDatabaseName = DEFAULT_DB_NAME
const metaStore = TABLES.meta

export interface MetaRow {
  key: string
  value: unknown
}

/** Waits until the app has created its database (it is the app's to create, with its schema). */
export async function waitForAppDatabase(page: Page, timeout = 15_000): Promise<void> {
  await expect.poll(
    () => page.evaluate(async name => (await indexedDB.databases()).some(db => db.name === name), appDatabaseName),
    {
      timeout,
      message: `the app never opened its IndexedDB database "${appDatabaseName}" after it started, so nothing it `
        + 'records can survive a reload: open the database at start (src/app) or record through a form',
    },
  ).toBe(true)
}

export async function writeMetaRow(page: Page, row: MetaRow): Promise<void> {
  await page.evaluate(({ name, store, row }) => new Promise<void>((resolve, reject) => {
    const open = indexedDB.open(name)
    open.onerror = () => reject(open.error ?? new Error(`cannot open ${name}`))
    open.onsuccess = () => {
      const db = open.result
      const tx = db.transaction(store, 'readwrite', { durability: 'strict' })
      tx.objectStore(store).put(row)
      tx.oncomplete = () => {
        db.close()
        resolve()
      }
      tx.onabort = () => {
        db.close()
        reject(tx.error ?? new Error('transaction aborted'))
      }
    }
  }), { name: appDatabaseName, store: metaStore, row })
}

export async function readMetaRow(page: Page, key: string): Promise<MetaRow | undefined> {
  return page.evaluate(({ name, store, key }) => new Promise<MetaRow | undefined>((resolve, reject) => {
    const open = indexedDB.open(name)
    open.onerror = () => reject(open.error ?? new Error(`cannot open ${name}`))
    open.onsuccess = () => {
      const db = open.result
      const request = db.transaction(store, 'readonly').objectStore(store).get(key)
      request.onsuccess = () => {
        db.close()
        resolve(request.result as MetaRow | undefined)
      }
      request.onerror = () => {
        db.close()
        reject(request.error ?? new Error(`cannot read ${key}`))
      }
    }
  }), { name: appDatabaseName, store: metaStore, key })
}
