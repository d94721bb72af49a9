/**
 * Structured logs for the central endpoint (DESIGN §5). JSON lines on stdout; level from LOG_LEVEL.
 * Tests are silent unless LOG_LEVEL asks otherwise. Never log request bodies: they carry personal data.
 */
import { pino } from 'pino'
import type { DestinationStream, Logger, LoggerOptions } from 'pino'

export type { Logger }

export interface CreateLoggerOptions {
  /** pino level; default LOG_LEVEL, else 'silent' under vitest and 'info' otherwise. */
  level?: string
  /** Where lines go (default stdout); tests pass a stream to assert on what was logged. */
  destination?: DestinationStream
}

/** The default level: LOG_LEVEL wins; tests stay quiet unless asked. */
export function defaultLogLevel(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LOG_LEVEL)
    return env.LOG_LEVEL
  return env.VITEST ? 'silent' : 'info'
}

export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const config: LoggerOptions = {
    name: 'bianmin-server',
    level: options.level ?? defaultLogLevel(),
    // A leaked token or PIN in a logged header would outlive its revocation.
    redact: ['req.headers.authorization', 'req.headers.cookie'],
  }
  return options.destination ? pino(config, options.destination) : pino(config)
}
