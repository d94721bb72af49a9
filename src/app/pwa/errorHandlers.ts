import type { App } from 'vue'
import { isStorageQuotaError } from './storage'

export interface ErrorHandlerOptions {
  /** A storage-full error reached the top: show the quota dialog. */
  onQuotaError: (error: unknown) => void
  /** Any other error a component or handler threw: tell staff what failed. */
  onUnexpectedError: (error: unknown) => void
}

/**
 * Routes errors that nobody caught to staff: quota errors (from the data layer, as rejected
 * promises or thrown in handlers) open the storage dialog; nothing is swallowed silently.
 * Returns a function that removes the window listener.
 */
export function installErrorHandlers(app: App, options: ErrorHandlerOptions): () => void {
  app.config.errorHandler = (error) => {
    if (isStorageQuotaError(error))
      options.onQuotaError(error)
    else
      options.onUnexpectedError(error)
  }
  const onRejection = (event: PromiseRejectionEvent) => {
    if (isStorageQuotaError(event.reason)) {
      event.preventDefault()
      options.onQuotaError(event.reason)
    }
  }
  const onError = (event: ErrorEvent) => {
    if (isStorageQuotaError(event.error)) {
      event.preventDefault()
      options.onQuotaError(event.error)
    }
  }
  window.addEventListener('unhandledrejection', onRejection)
  window.addEventListener('error', onError)
  return () => {
    window.removeEventListener('unhandledrejection', onRejection)
    window.removeEventListener('error', onError)
  }
}
